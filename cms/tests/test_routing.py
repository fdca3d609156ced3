"""URL routing asks for the one matching child, in the visitor's language
or, where the page has no slug in it, the Arabic one, whatever the number of
siblings."""

import pytest
from django.db.models.signals import post_init
from django.utils import translation
from wagtail.models import Page, Site

from cms.tests.test_catalogue import ProductIndexPageFactory, add_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = Site.objects.get(is_default_site=True).root_page.specific
    return ProductIndexPageFactory(parent=home)


def pages_loaded(client, url) -> int:
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Page)
    try:
        response = client.get(url)
    finally:
        post_init.disconnect(count, sender=Page)
    assert response.status_code == 200
    return len(loaded)


def test_routing_does_not_load_the_siblings(client, index):
    page, _variant = add_product(index, image=False)
    url = f"/fr/produits/{page.slug_fr}/"
    client.get(url)  # warm: the site's root paths are cached on first use
    few = pages_loaded(client, url)

    for _ in range(25):
        add_product(index, image=False)

    assert pages_loaded(client, url) == few


def test_a_page_without_a_slug_in_french_is_found_by_its_arabic_slug(client, index):
    page, _variant = add_product(index, image=False)
    page.slug_fr = None
    page.save_revision().publish()
    page.refresh_from_db()

    with translation.override("fr"):
        url = page.get_url()
    response = client.get(f"/fr/produits/{page.slug_ar}/")

    assert url == f"/fr/produits/{page.slug_ar}/"
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk


def test_each_language_has_its_own_slug(client, index):
    page, _variant = add_product(index, image=False)
    page.slug_en = "thyme-honey"
    page.slug_fr = "miel-de-thym"
    page.save_revision().publish()

    assert client.get("/en/products/thyme-honey/").status_code == 200
    assert client.get("/fr/produits/miel-de-thym/").status_code == 200
    assert client.get("/fr/produits/thyme-honey/").status_code == 404
