"""Fragments of the public pages ({% fragment %} in base.html) and the
routing kept with them, with the full-page cache off: a page read again is
made from the shared cache with no query; what empties the page cache
(publishing, a price, a sell-out) shows at once; each address, query string
and language has its own; nothing of one visitor is kept; and no view
restriction is stepped over."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.template.context_processors import csrf
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from cms.tests.factories import (
    CooperativeIndexPageFactory,
    CooperativePageFactory,
    StandardPageFactory,
)
from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from cooperatives.models import ProductCategory
from shop.services.locks import variant_stock_add
from shop.tests.conftest import add_to_cart

pytestmark = pytest.mark.django_db

ADD_TO_CART = 'class="add-to-cart"'


@pytest.fixture(autouse=True)
def fragments_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0  # what the benchmark calls "uncached"
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shop(home_page):
    index = ProductIndexPageFactory(parent=home_page)
    oils = ProductCategory.objects.get(slug="oils")
    honey_page, honey = add_product(index, price=12000, stock=40)
    oil_page, oil = add_product(index, price=9000, stock=40, category=oils)
    cooperatives = CooperativeIndexPageFactory(parent=home_page)
    cooperative = CooperativePageFactory(
        parent=cooperatives, cooperative=honey.product.cooperative
    )
    return {
        "honey_page": honey_page,
        "honey": honey,
        "oil_page": oil_page,
        "oil": oil,
        "honey_url": f"/fr/produits/{honey_page.slug_fr}/",
        "oil_url": f"/fr/produits/{oil_page.slug_fr}/",
        "catalogue": "/fr/produits/",
        "cooperative": f"/fr/cooperatives/{cooperative.slug_fr}/",
        "home": "/fr/",
    }


def visit(url):
    """A new visitor's response, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("name", ["home", "catalogue", "honey_url", "cooperative"])
def test_a_page_read_again_is_the_same_page_made_with_no_query(shop, settings, name):
    url = shop[name]
    settings.FRAGMENT_CACHE_SECONDS = 0
    rendered, _ = visit(url)
    settings.FRAGMENT_CACHE_SECONDS = 600

    first, first_queries = visit(url)
    again, again_queries = visit(url)

    assert first == rendered
    assert again == rendered
    assert first_queries > 0
    assert again_queries == 0


def test_publishing_shows_at_once(shop, django_capture_on_commit_callbacks):
    page = shop["honey_page"]
    visit(shop["honey_url"])
    visit(shop["catalogue"])

    page.title_fr = "Miel de thym, nouvelle récolte"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    html, queries = visit(shop["honey_url"])
    assert queries > 0
    assert "<title>Miel de thym, nouvelle récolte ·" in html  # the top fragment
    assert "<h1>Miel de thym, nouvelle récolte</h1>" in html  # the bottom one


def test_a_new_price_shows_at_once(shop, django_capture_on_commit_callbacks):
    honey = shop["honey"]
    visit(shop["honey_url"])
    visit(shop["catalogue"])
    assert "120,00" in visit(shop["catalogue"])[0]

    honey.price = 13900
    with django_capture_on_commit_callbacks(execute=True):
        honey.save()

    product_html, _ = visit(shop["honey_url"])
    catalogue_html, _ = visit(shop["catalogue"])
    assert "139,00" in product_html and "120,00" not in product_html
    assert '"price": "139.00"' in product_html  # the JSON-LD
    assert "139,00" in catalogue_html and "120,00" not in catalogue_html


def test_a_sell_out_shows_at_once(shop, django_capture_on_commit_callbacks):
    honey = shop["honey"]
    visit(shop["honey_url"])
    visit(shop["catalogue"])
    assert ADD_TO_CART in visit(shop["honey_url"])[0]

    with django_capture_on_commit_callbacks(execute=True):
        variant_stock_add(honey.pk, -40)  # as checkout does

    product_html, _ = visit(shop["honey_url"])
    catalogue_html, _ = visit(shop["catalogue"])
    assert ADD_TO_CART not in product_html
    assert 'class="availability--out" data-stock-label>Épuisé' in product_html
    assert "schema.org/OutOfStock" in product_html
    assert 'class="availability--out">Épuisé' in catalogue_html


def test_a_sale_that_leaves_stock_keeps_the_fragments(
    shop, django_capture_on_commit_callbacks
):
    """The pages show no stock figure (the visitor's status request does)."""
    visit(shop["honey_url"])
    with django_capture_on_commit_callbacks(execute=True):
        variant_stock_add(shop["honey"].pk, -3)

    html, queries = visit(shop["honey_url"])
    assert queries == 0
    assert ADD_TO_CART in html


def test_unpublishing_answers_404_at_once(shop, django_capture_on_commit_callbacks):
    visit(shop["oil_url"])
    with django_capture_on_commit_callbacks(execute=True):
        shop["oil_page"].unpublish()

    assert Client().get(shop["oil_url"]).status_code == 404
    assert shop["oil_page"].title_fr not in visit(shop["catalogue"])[0]


def test_each_language_has_its_own_fragments(shop):
    page = shop["honey_page"]
    french, _ = visit(shop["honey_url"])
    with translation.override("en"):
        english_url = page.get_url()
    with translation.override("ar"):
        arabic_url = page.get_url()

    english, _ = visit(english_url)
    arabic, _ = visit(arabic_url)

    assert '<html lang="fr" dir="ltr">' in french
    assert f"<h1>{page.title_fr}</h1>" in french
    assert '<html lang="en" dir="ltr">' in english
    assert f"<h1>{page.title_en}</h1>" in english
    assert "Add to cart" in english and "Ajouter au panier" not in english
    assert '<html lang="ar" dir="rtl">' in arabic
    assert f"<h1>{page.title_ar}</h1>" in arabic


def test_each_filter_sort_and_page_of_the_catalogue_has_its_own_fragments(shop):
    honey_title = shop["honey_page"].title_fr
    oil_title = shop["oil_page"].title_fr
    everything, _ = visit(shop["catalogue"])
    assert honey_title in everything and oil_title in everything

    oils, _ = visit(shop["catalogue"] + "?category=oils")
    cheapest_first, _ = visit(shop["catalogue"] + "?sort=price")
    dearest_first, _ = visit(shop["catalogue"] + "?sort=-price")

    assert oil_title in oils and honey_title not in oils
    assert cheapest_first.index(oil_title) < cheapest_first.index(honey_title)
    assert dearest_first.index(honey_title) < dearest_first.index(oil_title)
    assert '<meta name="robots" content="noindex, follow">' in oils
    assert "noindex" not in visit(shop["catalogue"])[0]


def test_a_flash_message_is_shown_to_its_visitor_only(shop):
    visit(shop["honey_url"])
    shopper = Client()

    after_adding = add_to_cart(shopper, shop["honey"].sku, 2)

    assert after_adding.redirect_chain  # back to the product page
    assert 'class="messages"' in after_adding.content.decode()
    html, queries = visit(shop["honey_url"])
    assert 'class="messages"' not in html
    assert queries == 0


def test_pages_not_served_by_wagtail_are_made_for_each_visitor(shop):
    """The cart extends the same base.html: its fragments are never kept."""
    first, second = Client(), Client()
    add_to_cart(first, shop["honey"].sku)
    add_to_cart(second, shop["oil"].sku)

    first_cart = first.get("/fr/cart/").content.decode()
    second_cart = second.get("/fr/cart/").content.decode()

    assert shop["honey"].sku in first_cart and shop["oil"].sku not in first_cart
    assert shop["oil"].sku in second_cart and shop["honey"].sku not in second_cart


def test_a_restriction_applies_at_once_to_a_page_read_from_the_cache(
    shop, django_capture_on_commit_callbacks
):
    page = shop["honey_page"]
    visit(shop["honey_url"])
    assert visit(shop["honey_url"])[1] == 0  # routed and made from the cache

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=page, restriction_type="password", password="secret-word"
        )

    for _ in range(2):  # the password form is never kept either
        html = Client().get(shop["honey_url"]).content.decode()
        assert 'name="password"' in html
        assert ADD_TO_CART not in html
        assert f"<h1>{page.title_fr}</h1>" not in html


def test_an_alias_follows_its_source_s_restriction(
    home_page, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(parent=home_page, intro_fr="Réservé aux membres")
    section = StandardPageFactory(parent=home_page, slug_fr="section")
    about.create_alias(parent=section)
    alias_url = f"/fr/section/{about.slug_fr}/"
    assert "Réservé aux membres" in visit(alias_url)[0]

    # On the source only: Wagtail checks it for the alias too.
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=about, restriction_type="password", password="secret-word"
        )

    for _ in range(2):
        response = Client().get(alias_url)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="password"' in html
        assert "Réservé aux membres" not in html


def render_fragment(source: str, request, **values) -> str:
    template = Template("{% load storefront_tags %}" + source)
    return template.render(Context({"request": request, **values}))


def fragment_request(session=None):
    request = RequestFactory().get("/fr/produits/")
    request.fragment_cache_allowed = True  # as for a public Wagtail page
    request.session = session or SessionStore()
    return request


def test_a_fragment_that_reads_nothing_of_the_visitor_is_kept():
    source = '{% fragment "part" %}{{ word }}{% endfragment %}'

    assert render_fragment(source, fragment_request(), word="first") == "first"
    assert render_fragment(source, fragment_request(), word="second") == "first"


@pytest.mark.parametrize(
    "reads",
    [
        "{{ request.session.name }}",
        "{% csrf_token %}",
        "{% for message in messages %}{{ message }}{% endfor %}",
    ],
    ids=["session", "csrf-token", "messages"],
)
def test_a_fragment_that_read_the_visitor_is_not_kept(reads):
    source = '{% fragment "part" %}' + reads + "{% endfragment %}"
    seen = []
    for name in ("Amina", "Karim"):
        session = SessionStore()
        session["name"] = name
        session.accessed = False  # as a session loaded from its cookie
        request = fragment_request(session)
        request._messages = CookieStorage(request)
        request._messages.add(messages.INFO, f"Hello {name}")
        values = {"messages": request._messages, **csrf(request)}
        seen.append(render_fragment(source, request, **values))

    assert seen[0] != seen[1]  # each visitor's own: the first was not kept
    if "csrf" not in reads:
        assert "Amina" in seen[0] and "Karim" in seen[1]


def test_no_fragment_is_kept_when_they_are_off(shop, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    visit(shop["honey_url"])

    assert visit(shop["honey_url"])[1] > 0
