"""Editors work in Arabic first: the Arabic title and address are required,
French and English fall back to it, Arabic inputs write right to left, the
admin speaks the editor's language, and a draft left by an interrupted try
never blocks the next one with an untranslated error."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from cms.models import StoryPage
from cms.tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

TITLE = "افتتاح متجر تضامني في الدار البيضاء"
SLUG = "iftitah-matjar-tadamouni"
INDEX_SLUGS = {"ar": "qisas", "fr": "histoires", "en": "stories"}


def staff(django_user_model, name, group, language):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@tadamon.test", password="pass-1234-word"
    )
    user.groups.add(Group.objects.get(name=group))
    UserProfile.objects.update_or_create(
        user=user, defaults={"preferred_language": language}
    )
    return user


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
def editor(django_user_model):
    return staff(django_user_model, "salma", "Editors", "fr")


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("cms", "storypage", parent.pk))


def story_form(action="action-submit", **values):
    """The story editor's form, filled in Arabic only unless told."""
    data = {"date": "2026-03-01", "image": "", "cooperative": ""}
    if action:
        data[action] = "1"
    for code in ("ar", "fr", "en"):
        for field in ("title", "slug", "intro", "seo_title", "search_description"):
            data[f"{field}_{code}"] = ""
        data[f"body_{code}"] = streamfield([])
    data.update(title_ar=TITLE, slug_ar=SLUG, intro_ar="متجر جديد للتعاونيات")
    data.update(values)
    return nested_form_data(data)


def test_the_arabic_title_and_address_are_required_and_the_french_ones_are_not(
    client, stories, editor
):
    client.force_login(editor)

    french_only = client.post(
        add_url(stories),
        story_form(title_ar="", slug_ar="", title_fr="Ouverture", slug_fr="ouverture"),
    )
    arabic_only = client.post(add_url(stories), story_form())

    assert french_only.status_code == 200
    errors = french_only.context["form"].errors
    assert set(errors) == {"title_ar", "slug_ar"}
    assert arabic_only.status_code == 302
    story = StoryPage.objects.get()
    assert (story.title_ar, story.slug_ar) == (TITLE, SLUG)
    assert not story.title_fr and not story.slug_fr and not story.title_en


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_a_story_written_in_arabic_only_serves_in_every_language(
    client, stories, language
):
    story = StoryPageFactory(
        parent=stories,
        title_ar=TITLE,
        slug_ar=SLUG,
        intro_ar="متجر جديد للتعاونيات",
        **dict.fromkeys(["title_fr", "title_en", "slug_fr", "slug_en"], None),
        **dict.fromkeys(["intro_fr", "intro_en"], None),
    )
    url = f"/{language}/{INDEX_SLUGS[language]}/{SLUG}/"

    with translation.override(language):
        assert story.get_url() == url
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf"<h1[^>]*>\s*{TITLE}\s*</h1>", html)
    assert "متجر جديد للتعاونيات" in html
    # Each language's version links to the others, at their own address.
    for code, index_slug in INDEX_SLUGS.items():
        alternate = f"http://testserver/{code}/{index_slug}/{SLUG}/"
        assert f'hreflang="{code}" href="{alternate}"' in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{url}</loc>" in sitemap


def test_arabic_inputs_write_right_to_left_in_the_french_admin(client, stories, editor):
    client.force_login(editor)

    response = client.get(add_url(stories))

    html = response.content.decode()
    inputs = {
        name: tag
        for tag, name in re.findall(
            r'(<(?:input|textarea)[^>]*name="(\w+)"[^>]*>)', html
        )
    }
    for name in ("title_ar", "slug_ar", "intro_ar", "seo_title_ar"):
        assert 'dir="rtl"' in inputs[name] and 'lang="ar"' in inputs[name], name
    for name in ("title_fr", "intro_fr", "title_en", "intro_en"):
        assert 'dir="ltr"' in inputs[name], name
    # Rich text and StreamField blocks get theirs in the browser.
    assert "cms/admin/field-direction.js" in html
    # Labels name the language in its own script, sections group them.
    assert "Titre (العربية)" in html and "Titre (Français)" in html
    assert html.index('name="title_ar"') < html.index('name="intro_ar"')
    assert html.index('name="intro_ar"') < html.index('name="title_fr"')


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Soumettre à Validation des modérateurs"),
        ("ar", "تقديم إلى موافقة المشرفين"),
    ],
)
def test_the_workflow_is_named_in_the_editors_language(
    client, stories, django_user_model, language, expected
):
    client.force_login(staff(django_user_model, "hind", "Editors", language))

    html = client.get(add_url(stories)).content.decode()

    assert expected in html
    assert "Moderators approval" not in html


def test_a_draft_left_by_an_interrupted_try_does_not_block_silently(
    client, stories, editor
):
    client.force_login(editor)
    # The first try saves a draft, then the editor's connection drops.
    client.post(add_url(stories), story_form(action=None))
    draft = StoryPage.objects.get()

    retry = client.post(add_url(stories), story_form())

    assert retry.status_code == 200
    [error] = retry.context["form"].errors["slug_ar"]
    assert "Un brouillon a déjà cette adresse" in error
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in error
    html = retry.content.decode()
    # Next to the Arabic address, in the content tab, not in another tab.
    assert re.search(r'id="panel-child-contenu-child-[^"]*slug_ar-errors"', html)
    assert "This slug is already in use" not in html
    assert StoryPage.objects.count() == 1


def test_the_french_address_falls_back_to_the_arabic_one_of_a_sibling(
    client, stories, editor
):
    client.force_login(editor)
    StoryPageFactory(parent=stories, slug_ar=SLUG, slug_fr=None, slug_en=None)

    # Another Arabic address, but the French one taken by the fallback.
    response = client.post(add_url(stories), story_form(slug_ar="autre", slug_fr=SLUG))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"slug_fr"}


def test_approving_a_story_says_it_is_published(
    client, stories, editor, django_user_model
):
    moderator = staff(django_user_model, "nadia", "Moderators", "fr")
    client.force_login(editor)
    client.post(add_url(stories), story_form())
    story = StoryPage.objects.get()
    assert story.current_workflow_state.status == "in_progress"

    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(story.pk,)),
        story_form(
            action="action-workflow-action", **{"workflow-action-name": "approve"}
        ),
        follow=True,
    )

    story.refresh_from_db()
    assert story.live
    html = response.content.decode()
    assert "a été approuvée et publiée" in html
    assert "a été mise à jour" not in html


def test_existing_addresses_are_kept_when_arabic_becomes_the_default(stories):
    """Pages saved while French was the default keep every address."""
    migration = importlib.import_module("cms.migrations.0007_arabic_default_language")
    french_only = StoryPageFactory(parent=stories, slug_fr="miel", slug="miel")
    no_english = StoryPageFactory(parent=stories, slug_ar="asal", slug_fr="miel-fr")
    # As French-default wagtail-modeltranslation stored them.
    Page.objects.filter(pk=french_only.pk).update(
        slug_ar=None,
        slug_en=None,
        url_path_ar="/home/qisas/miel/",
        url_path_fr="/home/histoires/miel/",
        url_path_en="/home/stories/miel/",
    )
    Page.objects.filter(pk=no_english.pk).update(
        slug_en=None, url_path_en="/home/stories/miel-fr/"
    )
    before = addresses(french_only, no_english)

    # The function reads and writes rows with the editor's connection and
    # quoting only; SQLite refuses a real schema editor inside the test's
    # transaction.
    editor = SimpleNamespace(
        connection=connection, quote_name=connection.ops.quote_name
    )
    migration.keep_addresses(global_apps, editor)

    assert addresses(french_only, no_english) == before
    french_only.refresh_from_db()
    assert (french_only.slug_ar, french_only.slug_en) == ("miel", None)
    no_english.refresh_from_db()
    assert no_english.slug_en == "miel-fr"


def addresses(*pages):
    found = {}
    for page in pages:
        page = Page.objects.get(pk=page.pk).specific
        for code in ("ar", "fr", "en"):
            with translation.override(code):
                found[page.pk, code] = page.get_url()
    return found
