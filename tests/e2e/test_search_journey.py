"""A visitor on a phone types in the header's search box and finds the honey
products, in Arabic, in French, and with an English word on the Arabic site."""

import pytest
from wagtail.models import Site

from cms.tests.factories import StoryIndexPageFactory, StoryPageFactory
from cms.tests.test_search import ProductIndexPageFactory, add_product, category
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Held to the phone's width: a phone's innerWidth grows with what overflows.
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= 360"


@pytest.fixture
def shop():
    home = Site.objects.get(is_default_site=True).root_page.specific
    products = ProductIndexPageFactory(parent=home)
    add_product(
        products,
        names=("عسل الزعتر البري", "Miel de thym sauvage", "Wild thyme honey"),
        slug="thyme-honey",
        category=category("honey"),
    )
    add_product(
        products,
        names=("عَسَلُ السِّدْر", "Miel de jujubier", "Jujube honey"),
        slug="jujube-honey",
        category=category("honey"),
    )
    add_product(
        products,
        names=("زيت الأركان", "Huile d'argan", "Argan oil"),
        descriptions=("زيت للطبخ.", "Pour la cuisine.", "For cooking."),
        slug="argan-oil",
        category=category("oils"),
    )
    StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home),
        title_ar="جني العسل في دمنات",
        title_fr="La récolte du miel à Demnate",
        title_en="The honey harvest in Demnate",
    )


@pytest.fixture
def small_phone(browser):
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": 360, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


def search_from_the_header(page, label: str, words: str) -> None:
    box = page.get_by_role("search", name=label).get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


def search_again(page, words: str) -> None:
    # On the search page the header's box gives way to the page's own form.
    assert not page.locator(".header-search").is_visible()
    box = page.get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(f"**/search/?q={words}")


def product_names(page) -> set[str]:
    return set(page.locator(".product-card .card__title").all_inner_texts())


def test_honey_is_found_in_arabic_and_french_on_a_small_phone(
    live_server, small_phone, shop
):
    phone = small_phone
    phone.goto(live_server.url + "/ar/")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)

    search_from_the_header(phone, "ابحث في المتجر", "عسل")

    assert product_names(phone) == {"عسل الزعتر البري", "عَسَلُ السِّدْر"}
    assert phone.locator(".product-card .price").count() == 2
    assert phone.get_by_role("heading", name="قصص وأخبار").is_visible()
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    assert serious_violations(phone) == []

    # An English word on the Arabic site.
    search_again(phone, "honey")
    assert product_names(phone) == {"عسل الزعتر البري", "عَسَلُ السِّدْر"}

    phone.goto(live_server.url + "/fr/")
    search_from_the_header(phone, "Rechercher dans la boutique", "miel")

    assert product_names(phone) == {"Miel de thym sauvage", "Miel de jujubier"}
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)

    # Nothing found: a way on, still without sideways scrolling.
    search_again(phone, "zzzz")
    assert phone.get_by_role("link", name="Miel", exact=True).is_visible()
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
