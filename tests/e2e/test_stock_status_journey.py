"""A cached product page in a real browser: visitor.js fills in how many
units are left, and greys out the form of a variant sold out since the page
was stored."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from shop.models import Variant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cached_product(settings, tmp_path, home_page):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    index = ProductIndexPageFactory(parent=home_page)
    page, variant = add_product(index, stock=4, image=False)
    yield f"/fr/produits/{page.slug_fr}/", variant
    cache.clear()


def test_the_browser_shows_the_live_stock_of_a_cached_page(
    live_server, page, cached_product
):
    path, variant = cached_product
    variant_row = page.locator(f'[data-stock-sku="{variant.sku}"]')

    response = page.goto(live_server.url + path)
    assert response.headers["x-page-cache"] == "miss"
    expect(variant_row.locator("[data-stock-label]")).to_have_text(
        "Plus que 4 en stock"
    )
    expect(variant_row.locator("[data-stock-quantity]")).to_have_attribute("max", "4")
    expect(variant_row.locator("[data-stock-button]")).to_be_enabled()

    # Sold out behind the cache's back: the stored page still has its form.
    Variant.objects.filter(pk=variant.pk).update(stock=0)
    response = page.goto(live_server.url + path)

    assert response.headers["x-page-cache"] == "hit"
    expect(variant_row.locator("[data-stock-label]")).to_have_text("Épuisé")
    expect(variant_row.locator("[data-stock-label]")).to_have_class("availability--out")
    expect(variant_row.locator("[data-stock-button]")).to_be_disabled()
