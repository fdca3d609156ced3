"""What outside judges (Lighthouse, crawlers, browsers) read besides the
content: the icons, the manifest, robots.txt, each page's description and
heading outline, its images and form field hints, and compression."""

import gzip
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from tests.public_pages import INDEXABLE, public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("public_pages")]

ARABIC = re.compile(r"[\u0600-\u06FF]")

# The autofill field names of the HTML standard (4.10.18.7.1), and what may
# stand before them.
AUTOFILL_FIELDS = {
    "name", "honorific-prefix", "given-name", "additional-name", "family-name",
    "honorific-suffix", "nickname", "username", "new-password",
    "current-password", "one-time-code", "organization-title", "organization",
    "street-address", "address-line1", "address-line2", "address-line3",
    "address-level4", "address-level3", "address-level2", "address-level1",
    "country", "country-name", "postal-code", "cc-name", "cc-given-name",
    "cc-additional-name", "cc-family-name", "cc-number", "cc-exp",
    "cc-exp-month", "cc-exp-year", "cc-csc", "cc-type", "transaction-currency",
    "transaction-amount", "language", "bday", "bday-day", "bday-month",
    "bday-year", "sex", "url", "photo", "tel", "tel-country-code", "tel-national",
    "tel-area-code", "tel-local", "tel-local-prefix", "tel-local-suffix",
    "tel-extension", "email", "impp",
}  # fmt: skip
CONTACT_FIELDS = {
    "tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local",
    "tel-local-prefix", "tel-local-suffix", "tel-extension", "email", "impp",
}  # fmt: skip


def valid_autocomplete(value: str, tag: str = "input") -> bool:
    tokens = value.lower().split()
    if tokens in (["on"], ["off"]):
        return True
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if not tokens or tokens[-1] not in AUTOFILL_FIELDS:
        return False
    field, before = tokens[-1], tokens[:-1]
    if field == "street-address" and tag != "textarea":
        return False  # a multi-line field: one line is address-line1
    if before and before[-1] in {"home", "work", "mobile", "fax", "pager"}:
        if field not in CONTACT_FIELDS:
            return False
        before = before[:-1]
    if before and before[-1] in {"shipping", "billing"}:
        before = before[:-1]
    if before and before[-1].startswith("section-"):
        before = before[:-1]
    return not before


class Outline(HTMLParser):
    """The parts of a page these tests read."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.images: list[dict] = []
        self.controls: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "meta" and "name" in attributes:
            self.meta[attributes["name"]] = attributes.get("content", "")
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "img":
            self.images.append(attributes)
        elif tag in {"input", "select", "textarea"}:
            if attributes.get("type") not in {"hidden", "submit", "button"}:
                self.controls.append({**attributes, "tag": tag})


def pages_named(*names):
    return [page for page in public_pages() if page.name in names]


# -- icons, manifest, robots.txt ------------------------------------------------


def test_pages_link_the_icons_and_the_manifest_in_their_language(client, home_page):
    for language in ("ar", "fr"):
        links = Outline(client.get(f"/{language}/").content.decode()).links
        by_rel = {}
        for link in links:
            by_rel.setdefault(link["rel"], []).append(link)
        icons = {link["href"]: link for link in by_rel["icon"]}
        assert icons["/static/icons/favicon.svg"]["type"] == "image/svg+xml"
        assert "/static/icons/favicon.ico" in icons
        assert by_rel["apple-touch-icon"][0]["href"].endswith("apple-touch-icon.png")
        assert by_rel["manifest"][0]["href"] == f"/{language}/manifest.webmanifest"
        for href in [*icons, by_rel["apple-touch-icon"][0]["href"]]:
            assert finders.find(href.removeprefix("/static/")), href


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/icons/favicon.svg", "image/svg+xml"),
        ("/static/icons/favicon.ico", "image/"),
        ("/static/icons/apple-touch-icon.png", "image/png"),
    ],
)
def test_icons_are_served_with_their_type(client, path, content_type):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_favicon_ico_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/icons/favicon.ico"


@pytest.mark.parametrize(
    ("language", "name", "direction"),
    [("ar", "تضامن، متجر تضامني", "rtl"), ("fr", "Tadamon, boutique solidaire", "ltr")],
)
def test_manifest_speaks_the_language_of_its_url(client, language, name, direction):
    response = client.get(f"/{language}/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert (manifest["lang"], manifest["dir"]) == (language, direction)
    assert manifest["start_url"] == f"/{language}/"
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon


def test_robots_txt_points_at_the_sitemap_and_keeps_out_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Dis")}
    for private in ("/admin/", "/ar/cart/", "/fr/checkout/", "/fr/account/"):
        assert private in disallowed
    assert {"/ar/portal/", "/fr/orders/"} <= disallowed
    assert "/" not in disallowed
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_lets_crawlers_read_every_public_page(client):
    disallowed = [
        line.split(": ", 1)[1]
        for line in client.get("/robots.txt").content.decode().splitlines()
        if line.startswith("Disallow")
    ]
    for page in public_pages():
        if page.indexable or page.name in {"search", "lot"}:
            assert not page.url.startswith(tuple(disallowed)), page.url


# -- each page: description, headings, images, form fields ----------------------


def test_every_indexable_page_describes_itself_in_its_language():
    pages = [page for page in public_pages() if page.indexable]
    assert {page.name for page in pages} == INDEXABLE
    assert len(pages) == 2 * len(INDEXABLE)
    descriptions = set()
    for page in pages:
        description = Outline(page.html).meta.get("description", "")
        assert 20 <= len(description) <= 160, (page.url, description)
        assert bool(ARABIC.search(description)) == (page.language == "ar"), page.url
        descriptions.add(description)
    # The page's own words, not one sentence for the whole site.
    assert len(descriptions) == len(pages)


def test_other_pages_describe_the_shop():
    for page in pages_named("search", "cart-empty", "login"):
        assert Outline(page.html).meta.get("description"), page.url


def test_every_public_page_has_one_h1_and_no_skipped_heading_level():
    for page in public_pages():
        headings = Outline(page.html).headings
        assert headings[:1] == [1] and headings.count(1) == 1, (page.url, headings)
        for before, after in zip(headings, headings[1:], strict=False):
            assert after <= before + 1, (page.url, headings)


@pytest.mark.parametrize("name", ["home", "product", "cooperative", "story"])
def test_main_image_comes_first_as_webp_sized_for_phones(name):
    for page in pages_named(name):
        images = [img for img in Outline(page.html).images if img.get("srcset")]
        main = [img for img in images if img.get("fetchpriority") == "high"]
        assert len(main) == 1, page.url
        hero = main[0]
        assert "loading" not in hero
        assert hero["sizes"].endswith("100vw")
        assert hero["width"] and hero["height"]
        candidates = [item.split() for item in hero["srcset"].split(",")]
        assert len(candidates) >= 3
        assert all(url.endswith(".webp") for url, _width in candidates)
        assert min(int(width[:-1]) for _url, width in candidates) <= 480


def test_card_images_are_lazy_webp_with_sizes():
    for page in pages_named("catalogue", "cooperative-index", "story-index"):
        cards = [
            img for img in Outline(page.html).images if "card__image" in img["class"]
        ]
        assert cards, page.url
        for img in cards:
            assert img["loading"] == "lazy" and img["sizes"]
            assert all(
                item.split()[0].endswith(".webp") for item in img["srcset"].split(",")
            )


def test_every_autocomplete_token_is_valid():
    checked = 0
    for page in public_pages():
        for control in Outline(page.html).controls:
            if "autocomplete" in control:
                checked += 1
                token = control["autocomplete"]
                assert valid_autocomplete(token, control["tag"]), (page.url, control)
    assert checked > 10


@pytest.mark.parametrize(
    ("page_name", "expected"),
    [
        (
            "checkout",
            {
                "email": "email",
                "phone": "tel",
                "full_name": "name",
                "country": "country",
                "address_line": "address-line1",
                "postal_code": "postal-code",
            },
        ),
        ("login", {"username": "username", "password": "current-password"}),
        ("signup", {"email": "email", "password": "new-password"}),
    ],
)
def test_personal_fields_say_what_they_hold(page_name, expected):
    for page in pages_named(page_name):
        controls = {c.get("name"): c for c in Outline(page.html).controls}
        for name, token in expected.items():
            assert controls[name].get("autocomplete") == token, (page.url, name)


# -- compression ----------------------------------------------------------------


def _html_page(client, path, **headers):
    return client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br", **headers)


def test_html_is_compressed_for_browsers_that_accept_gzip(client, home_page):
    response = _html_page(client, "/fr/")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)
    plain = client.get("/fr/")
    assert not plain.has_header("Content-Encoding")
    assert len(response.content) < len(plain.content) / 2


def test_cached_pages_are_compressed_too(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 60
    _html_page(client, "/ar/")

    hit = _html_page(client, "/ar/")
    plain = client.get("/ar/")

    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == plain.content


def test_images_and_fonts_are_not_compressed_again(client):
    for path in (
        "/static/icons/apple-touch-icon.png",
        "/static/fonts/noto-sans-latin-400-normal.woff2",
    ):
        response = _html_page(client, path)
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), path


def test_other_text_answers_are_compressed(client, home_page):
    for path in ("/robots.txt", "/sitemap.xml", "/fr/manifest.webmanifest"):
        response = _html_page(client, path)
        assert response["Content-Encoding"] == "gzip", path
