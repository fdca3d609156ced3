"""A cooperative's member proposes a new member in Arabic on a 360 px phone;
foundation staff confirm her, find her uncovered in their report and enrol
her; the home page's count of women covered goes up by one, through the
page cache."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from cooperatives.models import CooperativeMembership
from cooperatives.tests.coverage_factories import (
    EnrolmentFactory,
    MemberFactory,
    SchemeFactory,
)
from cooperatives.tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "cle-de-test-123"  # noqa: S105
NEWCOMER = "Kenza Ouhammou"


@pytest.fixture
def people(django_user_model, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cooperative = CooperativeFactory()
    EnrolmentFactory(member=MemberFactory(cooperative=cooperative))
    SchemeFactory(name_en="Village policy", name_fr="Contrat village")
    member = django_user_model.objects.create_user("itto", password=PASSWORD)
    CooperativeMembership.objects.create(user=member, cooperative=cooperative)
    staff = django_user_model.objects.create_user("salma", password=PASSWORD)
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(staff)
    UserProfile.objects.filter(user=staff).update(preferred_language="en")
    return cooperative


def women_covered(page, base) -> int:
    page.goto(f"{base}/ar/")
    return int(page.locator("[data-women-covered]").first.inner_text())


def test_a_proposed_member_is_confirmed_enrolled_and_counted(
    live_server, browser, page, people
):
    base = live_server.url
    phone_context = browser.new_context(
        locale="ar-MA",
        viewport={"width": 360, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    phone = phone_context.new_page()
    before = women_covered(phone, base)
    assert before == 1
    assert women_covered(phone, base) == before  # served again, from the cache

    phone.goto(f"{base}/ar/portal/login/")
    phone.locator("input[name=username]").fill("itto")
    phone.locator("input[name=password]").fill(PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"{base}/ar/portal/")
    phone.goto(f"{base}/ar/portal/members/")
    assert phone.evaluate("document.documentElement.dir") == "rtl"
    phone.locator("input[name=name]").fill(NEWCOMER)
    phone.locator("select[name=sex]").select_option("f")
    phone.locator("input[name=birth_year]").fill("1992")
    phone.locator("input[name=joined_on]").fill("2025-02-01")
    phone.locator("input[name=consent_on]").fill("2025-02-01")
    phone.locator("select[name=consent_method]").select_option("thumbprint")
    phone.locator("form.form button[type=submit]").click()
    phone.wait_for_load_state()
    assert NEWCOMER in phone.locator("[data-proposals]").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width

    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "salma")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(base + "/admin/coverage/")
    page.locator("[data-changes]").get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    row = page.locator("[data-uncovered] tr", has_text=NEWCOMER)
    assert row.count() == 1
    row.get_by_role("link", name="Enrol").click()
    page.get_by_label("Scheme").select_option(label="Village policy")
    page.get_by_role("button", name="Enrol").click()
    page.wait_for_url(base + "/admin/coverage/")
    assert page.locator("[data-uncovered] tr", has_text=NEWCOMER).count() == 0

    assert women_covered(phone, base) == before + 1
    phone_context.close()
