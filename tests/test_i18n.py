import re

import pytest
from django.test import Client
from django.utils import translation

from storefront.views import server_error

pytestmark = pytest.mark.django_db

LANG_DIR = {"ar": "rtl", "fr": "ltr", "en": "ltr"}
HOME_TITLES = {"ar": "الرئيسية", "fr": "Accueil", "en": "Home"}


def html_tag(content: bytes) -> str:
    return re.search(r"<html[^>]*>", content.decode()).group(0)


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_home_page_in_each_language(client, home_page, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    tag = html_tag(response.content)
    assert f'lang="{language}"' in tag
    assert f'dir="{LANG_DIR[language]}"' in tag
    assert f"<title>{HOME_TITLES[language]} ·" in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("ar-MA,ar;q=0.9", "/ar/"),
        ("de-DE,de;q=0.9", "/ar/"),  # none of ours: Arabic
        ("", "/ar/"),
    ],
)
def test_root_redirects_by_accept_language(home_page, accept, expected):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept) if accept else Client()

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("path", ["/de/", "/es/products/", "/pt-br/"])
def test_unknown_language_prefix_is_404_not_a_redirect(client, home_page, path):
    response = client.get(path)

    assert response.status_code == 404


def test_language_switcher_keeps_the_page(client, home_page):
    response = client.get("/fr/cart/")

    content = response.content.decode()
    assert 'href="/ar/cart/" hreflang="ar"' in content
    assert 'href="/en/cart/" hreflang="en"' in content
    # The current language is shown, not linked.
    assert 'href="/fr/cart/" hreflang="fr"' not in content


def test_language_switcher_on_a_wagtail_page(client, home_page):
    response = client.get("/en/")

    content = response.content.decode()
    assert 'href="/ar/" hreflang="ar"' in content
    assert 'href="/fr/" hreflang="fr"' in content


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ar", "الصفحة غير موجودة"),
        ("fr", "Page introuvable"),
        ("en", "Page not found"),
    ],
)
def test_404_page_speaks_the_language_of_the_url(client, home_page, language, heading):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert heading in content
    assert f'lang="{language}"' in html_tag(response.content)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ar", "حدث خطأ ما"), ("fr", "Une erreur est survenue"), ("en", "Something")],
)
def test_500_page_in_each_language(rf, language, heading):
    with translation.override(language):
        response = server_error(rf.get(f"/{language}/"))

    assert response.status_code == 500
    assert heading in response.content.decode()
    assert f'dir="{LANG_DIR[language]}"' in html_tag(response.content)
