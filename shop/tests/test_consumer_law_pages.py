"""Consumer law (17c): the terms of sale and the privacy notice the site's
settings name are linked from the footer of every public page, in each
language, and the privacy notice names the CNDP declaration from the
settings."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Site

from cms.tests.factories import (
    CooperativeIndexPageFactory,
    CooperativePageFactory,
    StandardPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from shop.models import LegalPages
from shop.tests import consumer_fixtures
from shop.tests.consumer_fixtures import LANGUAGES, TITLES, page_url

pytestmark = pytest.mark.django_db
legal = consumer_fixtures.legal

FOOTER = re.compile(r'<footer class="site-footer">(.*?)</footer>', re.S)


@pytest.fixture
def every_page_type(legal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = Site.objects.get(is_default_site=True).root_page.specific
    cooperatives = CooperativeIndexPageFactory(parent=home)
    stories = StoryIndexPageFactory(parent=home)
    catalogue = ProductIndexPageFactory(parent=home)
    product_page, _variant = add_product(catalogue)
    return {
        "home": home,
        "cooperative index": cooperatives,
        "cooperative": CooperativePageFactory(parent=cooperatives),
        "story index": stories,
        "story": StoryPageFactory(parent=stories),
        "standard": StandardPageFactory(parent=home, show_in_menus=False),
        "catalogue": catalogue,
        "product": product_page,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_links_the_terms_and_the_privacy_notice(
    client,
    every_page_type,
    legal,
    language,
):
    wanted = {
        name: (page_url(page, language), TITLES[name][language])
        for name, page in legal.items()
    }
    pages = {name: page_url(page, language) for name, page in every_page_type.items()}
    pages["cart"] = f"/{language}/cart/"
    pages["find an order"] = f"/{language}/orders/find/"
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        footer = FOOTER.search(response.content.decode()).group(1)
        for link, title in wanted.values():
            assert f'<a href="{link}">{title}</a>' in footer, (name, link)
        # Named once, even though they are also children of the home page.
        assert footer.count(wanted["terms"][0]) == 1, name


def test_the_footer_follows_the_settings(
    client,
    legal,
    django_capture_on_commit_callbacks,
):
    other = StandardPageFactory(
        parent=Site.objects.get(is_default_site=True).root_page.specific,
        title_fr="Nouvelles conditions",
        slug_fr="nouvelles-conditions",
        show_in_menus=True,  # not a footer page by itself
    )
    first = client.get("/fr/").content.decode()
    LegalPages.objects.filter(site__is_default_site=True).update(terms_page=other)
    # The settings' save empties the cached pages; a queryset update does not.
    with django_capture_on_commit_callbacks(execute=True):
        LegalPages.objects.get(site__is_default_site=True).save()

    footer = FOOTER.search(client.get("/fr/").content.decode()).group(1)

    assert page_url(legal["terms"], "fr") in FOOTER.search(first).group(1)
    assert f'href="{page_url(other, "fr")}"' in footer


@override_settings(FOUNDATION_CNDP_DECLARATION="D-TEST-77/2027")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_notice_names_the_cndp_declaration_of_the_settings(
    client,
    legal,
    language,
):
    privacy = client.get(page_url(legal["privacy"], language)).content.decode()
    terms = client.get(page_url(legal["terms"], language)).content.decode()

    assert "<bdi>D-TEST-77/2027</bdi>" in privacy
    assert "CNDP" in privacy
    assert "D-TEST-77/2027" not in terms
    # Not typed in the page: taken from the settings when shown.
    assert "D-TEST-77" not in str(legal["privacy"].specific.body)


@pytest.mark.django_db
def test_serving_a_page_on_a_site_without_the_setting_empties_no_cache(
    client, settings
):
    """The footer asks which pages are the terms and the privacy notice; a
    site whose setting was never saved must not get one created by the
    first visitor (its save would empty the whole page cache)."""
    from core import page_cache

    settings.PAGE_CACHE_SECONDS = 600
    LegalPages.objects.all().delete()
    before = page_cache.current_generation()

    home = Site.objects.get(is_default_site=True).root_page
    first = client.get(home.url)
    second = client.get(home.url)

    assert first.status_code == second.status_code == 200
    assert not LegalPages.objects.exists()
    assert page_cache.current_generation() == before
    assert second.headers.get(page_cache.HEADER) == "hit"
