"""The page cache survives sales: cached pages carry no stock figure (the
visitor status request brings it), so an order leaves every page cached
unless it sells a variant out; publishing still empties the cache."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from cooperatives.models import today
from core.page_cache import HEADER
from shop.models import Lot, Order, Variant
from shop.selectors import MAX_STOCK_SKUS
from shop.services.orders import order_cancel
from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
from shop.tests.factories import DeliveryMethodFactory
from shop.tests.test_lots import receive

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 600
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shop(home_page):
    """A catalogue of two products: honey (bought in these tests) and oil."""
    index = ProductIndexPageFactory(parent=home_page)
    honey_page, honey = add_product(index, price=12000, stock=40)
    oil_page, oil = add_product(index, price=9000, stock=40)
    return {
        "honey": (f"/fr/produits/{honey_page.slug_fr}/", honey),
        "oil": (f"/fr/produits/{oil_page.slug_fr}/", oil),
        "oil_page": oil_page,
        "catalogue": "/fr/produits/",
        "home": "/fr/",
    }


@pytest.fixture
def checkout_post():
    return {**CHECKOUT_POST, "delivery_method": DeliveryMethodFactory().pk}


def cache_state(url) -> str:
    """What a new visitor is served: "hit" or "miss"."""
    response = Client().get(url)
    assert response.status_code == 200
    return response[HEADER]


def warm(*urls) -> None:
    for url in urls:
        Client().get(url)
        assert cache_state(url) == "hit"


def stock_status(client, *skus, language="fr") -> dict:
    query = "&".join(f"sku={sku}" for sku in skus)
    response = client.get(f"/{language}/cart/status/?{query}")
    assert response.status_code == 200
    return response.json().get("stock", {})


def buy(client, sku, quantity, checkout_post, capture):
    """An order placed through the real cart and checkout, committed."""
    add_to_cart(client, sku, quantity)
    with capture(execute=True):
        place_order(client, checkout_post)


def test_an_order_leaves_every_page_cached_and_the_status_has_the_new_stock(
    client, shop, checkout_post, django_capture_on_commit_callbacks
):
    honey_url, honey = shop["honey"]
    oil_url, _oil = shop["oil"]
    pages = (honey_url, oil_url, shop["catalogue"], shop["home"])
    warm(*pages)
    cached = Client().get(honey_url).content

    buy(client, honey.sku, 2, checkout_post, django_capture_on_commit_callbacks)

    assert Order.objects.count() == 1
    assert Variant.objects.get(pk=honey.pk).stock == 38
    assert [cache_state(url) for url in pages] == ["hit"] * 4
    assert Client().get(honey_url).content == cached
    visitor = Client()
    assert stock_status(visitor, honey.sku) == {
        honey.sku: {"units": 38, "level": "in", "label": "En stock"}
    }


def test_the_cached_page_carries_no_stock_figure(client, shop):
    honey_url, honey = shop["honey"]
    Variant.objects.filter(pk=honey.pk).update(stock=3)

    html = client.get(honey_url).content.decode()

    assert f'data-stock-sku="{honey.sku}"' in html
    assert "data-stock-label>En stock</span>" in html
    assert "Plus que" not in html
    assert " max=" not in html.split('class="add-to-cart"')[1].split("</form>")[0]


def test_how_many_are_left_comes_with_the_status_in_the_visitors_language(
    client, shop, checkout_post, django_capture_on_commit_callbacks
):
    honey_url, honey = shop["honey"]
    _oil_url, oil = shop["oil"]
    Variant.objects.filter(pk=honey.pk).update(stock=4)
    warm(honey_url)

    buy(client, honey.sku, 1, checkout_post, django_capture_on_commit_callbacks)

    assert cache_state(honey_url) == "hit"
    assert stock_status(Client(), honey.sku, oil.sku) == {
        honey.sku: {"units": 3, "level": "low", "label": "Plus que 3 en stock"},
        oil.sku: {"units": 40, "level": "in", "label": "En stock"},
    }
    arabic = stock_status(Client(), honey.sku, language="ar")[honey.sku]
    assert arabic["label"] == "لم يتبق سوى 3 قطع"
    english = stock_status(Client(), honey.sku, language="en")[honey.sku]
    assert english["label"] == "Only 3 left"


def test_selling_the_last_units_shows_sold_out_to_the_next_visitor(
    client, shop, checkout_post, django_capture_on_commit_callbacks
):
    honey_url, honey = shop["honey"]
    Variant.objects.filter(pk=honey.pk).update(stock=2)
    warm(honey_url, shop["catalogue"])

    buy(client, honey.sku, 2, checkout_post, django_capture_on_commit_callbacks)

    next_visitor = Client()
    response = next_visitor.get(honey_url)
    html = response.content.decode()
    assert response[HEADER] == "miss"  # re-rendered: the form is gone
    assert 'class="availability--out" data-stock-label>Épuisé' in html
    assert 'class="add-to-cart"' not in html
    card = next_visitor.get(shop["catalogue"])
    assert card[HEADER] == "miss"
    assert 'class="availability--out">Épuisé' in card.content.decode()
    assert stock_status(next_visitor, honey.sku)[honey.sku] == {
        "units": 0,
        "level": "out",
        "label": "Épuisé",
    }
    # A form left open in a page read before the sale: the cart refuses.
    refused = add_to_cart(next_visitor, honey.sku, 1)
    assert "est épuisé" in refused.content.decode()
    assert next_visitor.get("/fr/cart/status/").json()["count"] == 0


def test_stock_back_on_the_shelf_brings_the_add_to_cart_form_back(
    client, shop, checkout_post, django_capture_on_commit_callbacks
):
    honey_url, honey = shop["honey"]
    Variant.objects.filter(pk=honey.pk).update(stock=1)
    buy(client, honey.sku, 1, checkout_post, django_capture_on_commit_callbacks)
    warm(honey_url)
    assert 'class="add-to-cart"' not in Client().get(honey_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order_id=Order.objects.get().pk, reason="test")

    response = Client().get(honey_url)
    assert Variant.objects.get(pk=honey.pk).stock == 1
    assert response[HEADER] == "miss"
    assert 'class="add-to-cart"' in response.content.decode()


def test_a_sale_that_leaves_only_expired_units_is_a_sell_out(
    client, shop, checkout_post, django_capture_on_commit_callbacks
):
    """Units of lots past their best-before date stay in Variant.stock until
    the nightly write-off, but cannot be sold: selling the last good units
    sells the variant out although its stock is not zero."""
    honey_url, honey = shop["honey"]
    Variant.objects.filter(pk=honey.pk).update(stock=0)
    receive(honey, ("L-OLD", 3, 10), ("L-NEW", 2, 300))
    Lot.objects.filter(code="L-OLD").update(best_before=today() - DAY)
    warm(honey_url)
    assert stock_status(Client(), honey.sku)[honey.sku]["units"] == 2

    buy(client, honey.sku, 2, checkout_post, django_capture_on_commit_callbacks)

    response = Client().get(honey_url)
    assert Variant.objects.get(pk=honey.pk).stock == 3  # the expired units
    assert response[HEADER] == "miss"
    assert 'class="add-to-cart"' not in response.content.decode()
    assert stock_status(Client(), honey.sku)[honey.sku]["level"] == "out"


def test_publishing_still_empties_the_cache_after_sales(
    client, shop, checkout_post, django_capture_on_commit_callbacks
):
    honey_url, honey = shop["honey"]
    oil_url, _oil = shop["oil"]
    warm(honey_url, oil_url)
    buy(client, honey.sku, 1, checkout_post, django_capture_on_commit_callbacks)
    assert cache_state(oil_url) == "hit"
    page = shop["oil_page"]

    page.title_fr = "Huile d'argan, nouvelle récolte"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    response = Client().get(oil_url)
    assert response[HEADER] == "miss"
    assert "nouvelle récolte" in response.content.decode()
    assert cache_state(honey_url) == "miss"  # the menu and lists may show it


def test_the_status_answers_only_about_real_skus(client, shop):
    _honey_url, honey = shop["honey"]
    _oil_url, oil = shop["oil"]
    Variant.objects.filter(pk=oil.pk).update(is_active=False)

    stock = stock_status(client, honey.sku, oil.sku, "NOPE", "X" * 41)

    assert stock == {
        honey.sku: {"units": 40, "level": "in", "label": "En stock"},
        oil.sku: {"units": 0, "level": "out", "label": "Épuisé"},
    }
    assert client.get(f"/fr/cart/status/?sku={honey.sku}%00").status_code == 400
    assert "stock" not in client.get("/fr/cart/status/").json()
    assert "stock" not in client.get("/fr/cart/status/?sku=").json()
    many = [honey.sku if i == MAX_STOCK_SKUS else f"X{i}" for i in range(60)]
    assert stock_status(client, *many) == {}  # the SKUs past the limit are ignored
    assert "no-cache" in client.get("/fr/cart/status/").get("Cache-Control", "")
