"""An editor writes a story in Arabic only, in the Arabic admin, and submits
it; a moderator approves it; the story is read in Arabic, French and English
(French and English fall back to the Arabic text)."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Site

from cms.models import StoryPage
from cms.tests.factories import StoryIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "cle-de-test-123"  # noqa: S105 - test only
TITLE = "افتتاح متجر تضامني في الدار البيضاء"
INTRO = "متجر جديد لمنتجات التعاونيات"
INDEX_SLUGS = {"ar": "qisas", "fr": "histoires", "en": "stories"}


@pytest.fixture
def stories():
    home = Site.objects.get(is_default_site=True).root_page
    return StoryIndexPageFactory(
        parent=home,
        title_ar="قصص",
        title_fr="Histoires",
        title_en="Stories",
        **{f"slug_{code}": slug for code, slug in INDEX_SLUGS.items()},
    )


@pytest.fixture
def team(django_user_model):
    for name, group in (("salma", "Editors"), ("nadia", "Moderators")):
        user = django_user_model.objects.create_user(name, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))


def sign_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def more_actions(page):
    """The editor's action menu: the main button, then the others."""
    page.locator("footer .w-dropdown__toggle").click()


def test_a_story_written_in_arabic_is_moderated_and_read_in_three_languages(
    live_server, browser, page, stories, team
):
    base = live_server.url
    # The editor's browser asks for Arabic: the admin speaks Arabic.
    sign_in(page, base, "salma")
    assert page.locator("html").get_attribute("lang") == "ar"
    page.goto(f"{base}/admin/pages/add/cms/storypage/{stories.pk}/")

    title = page.locator("input[name=title_ar]")
    assert title.get_attribute("dir") == "rtl"
    assert page.locator("input[name=title_fr]").get_attribute("dir") == "ltr"
    # The date first: its calendar closes when the title takes the focus.
    page.fill("input[name=date]", "2026-03-01")
    title.click()
    page.keyboard.type(TITLE)
    # The Arabic address follows the Arabic title, in Arabic letters.
    slug = TITLE.replace(" ", "-")
    expect(page.locator("input[name=slug_ar]")).to_have_value(slug)
    page.fill("textarea[name=intro_ar]", INTRO)
    more_actions(page)
    submit = page.locator("button[name=action-submit]")
    assert submit.inner_text().strip() == "تقديم إلى موافقة المشرفين"
    submit.click()
    page.wait_for_url(f"{base}/admin/pages/{stories.pk}/")

    story = StoryPage.objects.get()
    assert story.current_workflow_state.status == "in_progress"
    assert not story.live and not story.title_fr and not story.title_en

    moderator = browser.new_context(locale="ar-MA").new_page()
    sign_in(moderator, base, "nadia")
    moderator.goto(f"{base}/admin/pages/{story.pk}/edit/")
    more_actions(moderator)
    moderator.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    moderator.wait_for_url(f"{base}/admin/pages/{stories.pk}/")
    message = moderator.locator(".messages").inner_text()
    assert f"تمت الموافقة على الصفحة «{TITLE}» ونشرها" in message
    moderator.context.close()

    for code, index_slug in INDEX_SLUGS.items():
        response = page.goto(f"{base}/{code}/{index_slug}/{quote(slug)}/")
        assert response.status == 200, code
        assert page.locator("html").get_attribute("lang") == code
        assert page.get_by_role("heading", level=1).inner_text().strip() == TITLE
        assert INTRO in page.inner_text("main")
