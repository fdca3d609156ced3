import pytest
from django.core.management import call_command

from cms.models import CooperativePage
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--without-season")


def test_arabic_visitor_reads_a_cooperative_story(live_server, phone, demo):
    phone.goto(live_server.url + "/ar/")

    phone.get_by_role("navigation", name="القائمة الرئيسية").get_by_role(
        "link", name="التعاونيات"
    ).click()
    phone.wait_for_url("**/ar/taawuniyat/")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert serious_violations(phone) == []

    page = CooperativePage.objects.get(cooperative__slug="tifawin-demnate")
    phone.get_by_role("link", name=page.title_ar).first.click()

    phone.wait_for_url(f"**/ar/taawuniyat/{page.slug_ar}/")
    assert phone.get_by_role("heading", level=1).inner_text() == page.title_ar
    story = phone.locator("section.story")
    assert "قصتنا" in story.get_by_role("heading", level=2).inner_text()
    first_paragraph = page.story_ar[0].value.source
    assert story.locator(".block-paragraph").first.inner_text() in first_paragraph
    badges = phone.locator(".certifications .badge")
    valid = page.cooperative.certifications.valid_today().count()
    assert valid > 0 and badges.count() == valid
    # The phone layout does not scroll sideways (held to the phone's width:
    # a phone's innerWidth grows with what overflows).
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(phone) == []


def test_filtering_cooperatives_by_province(live_server, page, demo):
    page.goto(live_server.url + "/fr/cooperatives/")
    all_cards = page.locator(".card").count()

    page.get_by_label("Province").select_option(label="Taroudant")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**province=taroudant*")

    assert 0 < page.locator(".card").count() < all_cards
    assert "province=taroudant" in page.url
