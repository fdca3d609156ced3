"""The page cache: one rendering for every visitor, emptied when what the
page shows changes, never holding anything of one visitor."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from core.page_cache import HEADER
from shop.models import CartLine, Variant
from shop.services.locks import variant_stock_add
from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
from shop.tests.factories import DeliveryMethodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def product(settings, tmp_path, home_page):
    settings.MEDIA_ROOT = tmp_path
    index = ProductIndexPageFactory(parent=home_page)
    page, variant = add_product(index, price=12000, stock=40)
    return page, variant


def product_url(page) -> str:
    return f"/fr/produits/{page.slug_fr}/"


def test_second_visit_is_served_from_the_cache(client, product):
    page, _variant = product

    first = client.get(product_url(page))
    second = Client().get(product_url(page))

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers still added on a hit


def test_a_long_address_is_cached_under_a_key_every_backend_accepts(client, product):
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    page, _variant = product
    url = product_url(page) + "?utm_campaign=" + "x" * 600
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        first = client.get(url)
        second = Client().get(url)
        other = Client().get(product_url(page) + "?utm_campaign=" + "x" * 599)
    assert (first[HEADER], second[HEADER], other[HEADER]) == ("miss", "hit", "miss")


def test_a_new_release_never_serves_the_pages_of_the_old_one(
    client, product, monkeypatch
):
    import core.page_cache

    page, _variant = product
    monkeypatch.setattr(core.page_cache, "release", lambda: "old")
    assert client.get(product_url(page))[HEADER] == "miss"
    assert Client().get(product_url(page))[HEADER] == "hit"

    monkeypatch.setattr(core.page_cache, "release", lambda: "new")  # deployed
    assert Client().get(product_url(page))[HEADER] == "miss"
    assert Client().get(product_url(page))[HEADER] == "hit"


def test_the_release_follows_the_code_that_makes_pages(tmp_path):
    from core.release import source_digest

    def tree(base):
        (base / "shop" / "templates").mkdir(parents=True)
        (base / "shop" / "tests").mkdir()
        (base / "shop" / "templates" / "page.html").write_text("<p>Miel</p>")
        (base / "shop" / "views.py").write_text("x = 1\n")
        (base / "shop" / "tests" / "test_x.py").write_text("y = 1\n")
        return base

    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert source_digest(one) == source_digest(two)  # same code, any machine
    (two / "shop" / "tests" / "test_x.py").write_text("y = 2\n")
    (two / "notes.md").write_text("not code")
    assert source_digest(one) == source_digest(two)
    (two / "shop" / "templates" / "page.html").write_text("<p>Miel !</p>")
    assert source_digest(one) != source_digest(two)


def test_cached_page_holds_nothing_of_the_visitor(client, product):
    page, variant = product
    anonymous = Client().get(product_url(page))
    shopper = get_user_model().objects.create_user("amina", "a@x.ma", "pw-long-1234")
    client.force_login(shopper)
    add_to_cart(client, variant.sku, 3)
    client.get("/fr/cart/")  # read the "added" message, as a browser would

    seen_by_shopper = client.get(product_url(page))

    assert seen_by_shopper[HEADER] == "hit"
    assert seen_by_shopper.content == anonymous.content
    html = anonymous.content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "data-cart-count hidden></span>" in html
    assert client.get("/fr/cart/status/").json()["count"] == 3


def test_publishing_a_page_empties_the_cache(
    client, product, django_capture_on_commit_callbacks
):
    page, _variant = product
    client.get(product_url(page))
    page.title_fr = "Miel de thym, nouvelle récolte"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    response = client.get(product_url(page))

    assert response[HEADER] == "miss"
    assert "Miel de thym, nouvelle récolte" in response.content.decode()


def test_a_new_price_empties_the_cache(
    client, product, django_capture_on_commit_callbacks
):
    page, variant = product
    client.get(product_url(page))
    variant.price = 13900
    with django_capture_on_commit_callbacks(execute=True):
        variant.save()

    response = client.get(product_url(page))

    assert response[HEADER] == "miss"
    assert "139,00" in response.content.decode()


def test_a_stock_movement_empties_the_cache_only_when_it_sells_out(
    client, product, django_capture_on_commit_callbacks
):
    """The page shows no stock figure (the status request brings it, see
    tests/test_page_cache_sales.py), only whether the variant can be bought."""
    page, variant = product
    assert client.get(product_url(page))[HEADER] == "miss"
    assert client.get(product_url(page))[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        variant_stock_add(variant.pk, -37)  # as checkout does, with F()

    assert Variant.objects.get(pk=variant.pk).stock == 3
    assert client.get(product_url(page))[HEADER] == "hit"
    status = client.get(f"/fr/cart/status/?sku={variant.sku}").json()
    assert status["stock"][variant.sku]["units"] == 3  # the quantity field's max

    with django_capture_on_commit_callbacks(execute=True):
        variant_stock_add(variant.pk, -3)

    response = client.get(product_url(page))
    assert response[HEADER] == "miss"
    assert 'class="add-to-cart"' not in response.content.decode()


def test_stock_taken_by_an_order_keeps_the_page_cached(
    client, product, django_capture_on_commit_callbacks
):
    checkout_post = {**CHECKOUT_POST, "delivery_method": DeliveryMethodFactory().pk}
    page, variant = product
    client.get(product_url(page))
    add_to_cart(client, variant.sku, 2)
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client, checkout_post)

    assert Variant.objects.get(pk=variant.pk).stock == 38
    assert Client().get(product_url(page))[HEADER] == "hit"


def test_a_waiting_message_is_shown_not_hidden_by_the_cache(client, product):
    page, variant = product
    client.get(product_url(page))  # cached

    response = client.post(
        "/fr/cart/add/",
        {"sku": variant.sku, "quantity": 1, "next": product_url(page)},
        follow=True,
    )

    assert HEADER not in response  # rendered for this visitor, not stored
    assert [str(m) for m in response.context["messages"]]


def test_pages_behind_a_password_are_never_cached(client, product):
    page, _variant = product
    PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="secret-word"
    )

    client.get(product_url(page))
    response = client.get(product_url(page))

    assert HEADER not in response


def test_errors_and_posts_are_not_cached(client, product):
    assert HEADER not in client.get("/fr/produits/nothing-here/")
    assert HEADER not in client.get("/fr/produits/nothing-here/")
    assert HEADER not in client.get("/fr/cart/status/")


def test_no_cache_when_turned_off(client, product, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page, _variant = product

    client.get(product_url(page))

    assert HEADER not in client.get(product_url(page))


def test_add_to_cart_without_javascript_asks_to_confirm_then_adds(product):
    """The cached form has no token (visitor.js fills it in); without
    JavaScript, the POST is refused, changes nothing, and our own page asks
    the visitor to confirm with a fresh token."""
    page, variant = product
    browser = Client(enforce_csrf_checks=True)
    browser.get(product_url(page))

    refused = browser.post(
        "/fr/cart/add/",
        {"sku": variant.sku, "quantity": "2", "next": product_url(page)},
    )

    html = refused.content.decode()
    assert refused.status_code == 403
    assert variant.sku in html and 'name="csrfmiddlewaretoken"' in html
    assert page.specific.product.name_fr in html
    assert not CartLine.objects.exists()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    confirmed = browser.post(
        "/fr/cart/add/",
        {
            "sku": variant.sku,
            "quantity": "2",
            "next": product_url(page),
            "csrfmiddlewaretoken": token,
        },
    )

    assert confirmed.status_code == 302
    assert CartLine.objects.get().quantity == 2


def test_the_menu_follows_publishing(
    client, home_page, django_capture_on_commit_callbacks
):
    from cms.tests.factories import StandardPageFactory

    client.get("/fr/")  # the menu is now cached
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=home_page, title_fr="Nos engagements")
        page.show_in_menus = True
        page.save_revision().publish()

    response = client.get("/fr/")

    assert response[HEADER] == "miss"
    assert "Nos engagements" in response.content.decode().split("</nav>")[0]


def test_the_site_is_looked_up_once_then_read_from_the_cache(
    client, home_page, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    def site_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/").status_code == 200
        return sum('FROM "wagtailcore_site"' in q["sql"] for q in queries)

    assert site_queries() > 0  # the site, its root paths
    assert site_queries() == 0
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.get(is_default_site=True).save()

    assert site_queries() > 0


def test_a_new_restriction_is_not_lost_to_a_read_before_it_commits(
    product, django_capture_on_commit_callbacks
):
    from django.test import RequestFactory

    from core.page_cache import RESTRICTED_KEY, mark_cacheable

    page, _variant = product
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=page, restriction_type="password", password="secret-word"
        )
        # What a concurrent request could store before the commit: no
        # restriction yet.
        cache.set(RESTRICTED_KEY, [], None)

    request = RequestFactory().get(product_url(page))
    mark_cacheable(request, page)

    assert not hasattr(request, "page_cache_allowed")


def test_a_new_agreement_empties_the_cache(
    client, product, django_capture_on_commit_callbacks
):
    """The agreement sets the cooperative's share the product page shows."""
    from cooperatives.tests.factories import AgreementFactory

    page, variant = product
    client.get(product_url(page))
    assert client.get(product_url(page))[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        AgreementFactory(cooperative=variant.product.cooperative)

    assert client.get(product_url(page))[HEADER] == "miss"
