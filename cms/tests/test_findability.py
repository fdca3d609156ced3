import json
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Site

from cms.tests.factories import (
    CooperativeIndexPageFactory,
    CooperativePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from cooperatives.tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def site_pages():
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = CooperativeIndexPageFactory(parent=home)
    cooperative = CooperativeFactory(
        slug="tifawin",
        name_fr="Coopérative Tifawin",
        name_ar="تعاونية تيفاوين",
        name_en="Tifawin Cooperative",
        email="contact@tifawin.test",
        rib="011780000000000000123459",
    )
    page = CooperativePageFactory(parent=index, cooperative=cooperative, slug="tifawin")
    stories = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(
        parent=stories,
        title_fr="Ouverture de la boutique de Casablanca",
        title_ar="افتتاح متجر الدار البيضاء",
        title_en="The Casablanca store opens",
    )
    return {"home": home, "index": index, "page": page, "story": story}


def test_sitemap_lists_every_page_in_every_language_with_alternates(client, site_pages):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{SITEMAP}url")
    locs = [entry.find(f"{SITEMAP}loc").text for entry in entries]
    # home, cooperative index, cooperative, story index, story: 5 pages x 3 languages
    assert len(locs) == 15 == len(set(locs))
    cooperative_entry = next(
        entry
        for entry in entries
        if entry.find(f"{SITEMAP}loc").text.endswith("/fr/cooperatives/tifawin-fr/")
    )
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in cooperative_entry.findall(f"{XHTML}link")
    }
    assert alternates == {
        "ar": "http://testserver/ar/altaawuniyat/tifawin-ar/",
        "fr": "http://testserver/fr/cooperatives/tifawin-fr/",
        "en": "http://testserver/en/cooperatives/tifawin-en/",
        "x-default": "http://testserver/ar/altaawuniyat/tifawin-ar/",
    }


def test_sitemap_leaves_out_unpublished_pages(client, site_pages):
    site_pages["story"].unpublish()

    root = ET.fromstring(client.get("/sitemap.xml").content)

    assert len(root.findall(f"{SITEMAP}url")) == 12


def json_ld(content: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', content, re.S
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_cooperative_page_has_organization_json_ld_without_private_data(
    client, site_pages
):
    response = client.get("/ar/altaawuniyat/tifawin-ar/")

    content = response.content.decode()
    data = json_ld(content)
    assert data["@type"] == "Organization"
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "تعاونية تيفاوين"
    assert data["url"] == "http://testserver/ar/altaawuniyat/tifawin-ar/"
    assert data["address"]["addressCountry"] == "MA"
    assert data["email"] == "contact@tifawin.test"
    assert "011780000000000000123459" not in content  # the RIB is never public
    assert site_pages["page"].cooperative.ice not in content


def test_pages_carry_canonical_hreflang_and_opengraph(client, site_pages):
    content = client.get("/en/cooperatives/tifawin-en/").content.decode()

    assert (
        '<link rel="canonical" href="http://testserver/en/cooperatives/tifawin-en/">'
        in content
    )
    assert (
        '<link rel="alternate" hreflang="ar" '
        'href="http://testserver/ar/altaawuniyat/tifawin-ar/">' in content
    )
    assert '<meta property="og:locale" content="en_GB">' in content
    assert '<meta property="og:title" content="Tifawin Cooperative">' in content
    assert '<meta name="description" content="Mountain thyme honey.">' in content
    assert "<title>Tifawin Cooperative ·" in content


def test_language_switcher_follows_translated_slugs(client, site_pages):
    content = client.get("/fr/cooperatives/tifawin-fr/").content.decode()

    assert 'href="/ar/altaawuniyat/tifawin-ar/" hreflang="ar"' in content
    assert 'href="/en/cooperatives/tifawin-en/" hreflang="en"' in content


class TestSearch:
    def test_finds_cooperatives_and_stories_in_the_current_language(
        self, client, site_pages
    ):
        arabic = client.get("/ar/search/", {"q": "تيفاوين"}).content.decode()
        french = client.get("/fr/search/", {"q": "casablanca"}).content.decode()

        assert 'href="/ar/altaawuniyat/tifawin-ar/"' in arabic
        assert "Ouverture de la boutique de Casablanca" in french
        assert "Coopérative Tifawin" not in french

    def test_words_of_another_language_match_too(self, client, site_pages):
        # A visitor types the name as they know it, whatever the site's
        # language (more in test_search.py).
        response = client.get("/en/search/", {"q": "تيفاوين"})

        content = response.content.decode()
        assert 'href="/en/cooperatives/tifawin-en/"' in content
        assert "Nothing found" not in content

    def test_empty_query_shows_the_form_only(self, client, site_pages):
        response = client.get("/fr/search/")

        assert response.status_code == 200
        assert 'name="q"' in response.content.decode()
        assert "Aucun résultat" not in response.content.decode()

    def test_overlong_query_gets_a_clear_message(self, client, site_pages):
        response = client.get("/en/search/", {"q": "miel " * 50})

        assert response.status_code == 200
        assert "at most 100 characters" in response.content.decode()


class TestCooperativeIndexFilters:
    def test_filter_by_province_and_category(self, client, site_pages):
        from cooperatives.models import ProductCategory
        from cooperatives.tests.factories import ProvinceFactory

        elsewhere = CooperativeFactory(
            slug="argan", province=ProvinceFactory(slug="taroudant")
        )
        elsewhere.categories.add(ProductCategory.objects.get(slug="oils"))
        CooperativePageFactory(parent=site_pages["index"], cooperative=elsewhere)
        site_pages["page"].cooperative.categories.add(
            ProductCategory.objects.get(slug="honey")
        )

        everything = client.get("/en/cooperatives/").content.decode()
        by_province = client.get("/en/cooperatives/", {"province": "taroudant"})
        by_category = client.get("/en/cooperatives/", {"category": "honey"})
        nothing = client.get(
            "/en/cooperatives/", {"province": "taroudant", "category": "honey"}
        )

        assert "Tifawin Cooperative" in everything and "argan Cooperative" in everything
        assert "argan Cooperative" in by_province.content.decode()
        assert "Tifawin Cooperative" not in by_province.content.decode()
        assert "Tifawin Cooperative" in by_category.content.decode()
        assert "argan Cooperative" not in by_category.content.decode()
        assert "No cooperative matches these filters." in nothing.content.decode()

    def test_unknown_filter_value_is_reported_not_a_500(self, client, site_pages):
        response = client.get("/en/cooperatives/", {"province": "atlantis"})

        assert response.status_code == 200
        content = response.content.decode()
        assert "Select a valid choice" in content
        assert "Tifawin Cooperative" in content  # nothing filtered out
