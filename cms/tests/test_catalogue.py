import json
import re

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.models import ProductIndexPage, ProductPage
from cms.tests.factories import (
    CooperativeIndexPageFactory,
    CooperativePageFactory,
    TranslatedPageFactory,
)
from cooperatives.models import ProductCategory
from cooperatives.tests.factories import CertificationFactory, ProvinceFactory
from shop.tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


class ProductIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProductIndexPage

    title = "Products"
    slug = "products"
    slug_fr = "produits"
    slug_en = "products"
    slug_ar = "muntajat"


class ProductPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProductPage

    product = None


@pytest.fixture
def catalogue(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = Site.objects.get(is_default_site=True).root_page.specific
    return ProductIndexPageFactory(parent=home)


def add_product(index, *, price=12000, stock=10, image=True, **product_kwargs):
    product = ProductFactory(**product_kwargs)
    variant = VariantFactory(product=product, price=price, stock=stock)
    page = ProductPageFactory(
        parent=index,
        product=product,
        title=product.name_fr,
        title_fr=product.name_fr,
        title_ar=product.name_ar,
        title_en=product.name_en,
        image=(wagtail_factories.ImageFactory() if image is True else image) or None,
    )
    return page, variant


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/fr/produits/",
        "/en/products/?sort=-price&in_stock=on",
        "/ar/muntajat/?category=honey&price_min=10&price_max=500",
    ],
)
def test_listing_queries_do_not_grow_with_products(client, catalogue, url):
    for _ in range(5):
        page, _variant = add_product(catalogue)
    with_five = queries(client, url)

    # Every card has an image, whichever products a page shows first.
    for _ in range(95):
        add_product(catalogue, image=page.image)

    assert queries(client, url) == with_five


def test_product_page_queries_do_not_grow_with_products(client, catalogue):
    page, _variant = add_product(catalogue)
    with_one = queries(client, "/fr/produits/" + page.slug_fr + "/")
    for _ in range(99):
        add_product(catalogue, image=False)

    assert queries(client, "/fr/produits/" + page.slug_fr + "/") == with_one


def card_names(response) -> list[str]:
    return [page.product.name_en for page in response.context["products"]]


def test_filters_sorting_and_pagination(client, catalogue):
    oils = ProductCategory.objects.get(slug="oils")
    taroudant = ProvinceFactory(slug="taroudant")
    cheap, _ = add_product(catalogue, price=3000, name_en="Cheap thyme")
    dear, _ = add_product(catalogue, price=25000, name_en="Dear argan", category=oils)
    empty, _ = add_product(catalogue, price=9000, stock=0, name_en="Sold out sage")
    dear.product.cooperative.province = taroudant
    dear.product.cooperative.save()
    CertificationFactory(
        cooperative=cheap.product.cooperative, kind="organic"
    ).products.add(cheap.product)

    get = lambda **query: client.get("/en/products/", query)  # noqa: E731
    assert card_names(get(sort="price")) == [
        "Cheap thyme",
        "Sold out sage",
        "Dear argan",
    ]
    assert card_names(get(sort="-price"))[0] == "Dear argan"
    assert card_names(get(category="oils")) == ["Dear argan"]
    assert card_names(get(province="taroudant")) == ["Dear argan"]
    assert card_names(get(certification="organic")) == ["Cheap thyme"]
    assert card_names(get(in_stock="on", sort="price")) == ["Cheap thyme", "Dear argan"]
    assert card_names(get(price_min=50, price_max=100)) == ["Sold out sage"]
    coop = empty.product.cooperative.slug
    assert card_names(get(cooperative=coop)) == ["Sold out sage"]

    for _ in range(12):
        add_product(catalogue, price=100)
    first = get(sort="price")
    second = get(sort="price", page=2)
    assert first.context["products"].paginator.num_pages == 2
    assert len(first.context["products"]) == 12 and len(second.context["products"]) == 3
    assert "sort=price&amp;page=2" in first.content.decode()


def test_bad_filter_values_are_reported_not_500(client, catalogue):
    add_product(catalogue)

    response = client.get("/en/products/", {"price_min": "abc", "price_max": "-5"})

    assert response.status_code == 200
    assert "Enter a whole number." in response.content.decode()
    assert len(response.context["products"]) == 1  # nothing filtered
    inverted = client.get("/en/products/", {"price_min": 200, "price_max": 100})
    assert "lower than the lowest price" in inverted.content.decode()


def test_prices_in_each_language(client, catalogue):
    page, _variant = add_product(catalogue, price=123456)
    url = {"ar": "/ar/muntajat/", "fr": "/fr/produits/", "en": "/en/products/"}

    assert "1.234,56\xa0د.م." in client.get(url["ar"]).content.decode()
    assert "1\u202f234,56\xa0MAD" in client.get(url["fr"]).content.decode()
    assert "MAD\xa01,234.56" in client.get(url["en"]).content.decode()


def test_product_page_json_ld_has_one_offer_per_variant(client, catalogue):
    page, variant = add_product(catalogue, price=11500, stock=0)
    VariantFactory(product=page.product, sku="X-500", price=21500, stock=4)
    CertificationFactory(cooperative=page.product.cooperative).products.add(
        page.product
    )

    response = client.get("/en/products/" + page.slug_en + "/")

    content = response.content.decode()
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', content, re.S
        ).group(1)
    )
    assert data["@type"] == "Product"
    offers = {offer["sku"]: offer for offer in data["offers"]}
    assert offers[variant.sku]["price"] == "115.00"
    assert offers[variant.sku]["priceCurrency"] == "MAD"
    assert offers[variant.sku]["availability"] == "https://schema.org/OutOfStock"
    assert offers["X-500"]["availability"] == "https://schema.org/InStock"
    assert 'class="badge"' in content
    assert "Only 4 left" not in content  # cached pages carry no stock figure
    stock = client.get("/en/cart/status/?sku=X-500").json()["stock"]
    assert stock["X-500"] == {"units": 4, "level": "low", "label": "Only 4 left"}


def test_expired_certification_is_not_shown_as_a_badge(client, catalogue):
    import datetime

    from cooperatives.models import today

    page, _variant = add_product(catalogue)
    expired = CertificationFactory(
        cooperative=page.product.cooperative,
        number="OLD-1",
        valid_from=today() - datetime.timedelta(days=400),
        valid_until=today() - datetime.timedelta(days=1),
    )
    expired.products.add(page.product)

    content = client.get("/en/products/" + page.slug_en + "/").content.decode()

    assert "OLD-1" not in content


def test_product_appears_on_its_cooperative_page(client, catalogue):
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = CooperativeIndexPageFactory(parent=home)
    page, _variant = add_product(catalogue)
    cooperative_page = CooperativePageFactory(
        parent=index, cooperative=page.product.cooperative
    )

    response = client.get("/en/cooperatives/" + cooperative_page.slug_en + "/")
    product_response = client.get("/en/products/" + page.slug_en + "/")

    assert page.product.name_en in response.content.decode()
    assert 'href="/en/cooperatives/' in product_response.content.decode()
