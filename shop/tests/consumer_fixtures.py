"""Fixtures of the consumer-law tests (17c): a site whose settings name
its terms of sale and privacy notice, and a delivered order."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.models import Site

from shop.models import LegalPages, Order, OrderEvent
from shop.orders.states import OrderStatus, order_transition
from shop.tests.conftest import add_to_cart, place_order

LANGUAGES = ("ar", "fr", "en")
TITLES = {
    "terms": {"ar": "شروط البيع", "fr": "Conditions de vente", "en": "Terms of sale"},
    "privacy": {
        "ar": "سياسة الخصوصية",
        "fr": "Confidentialité",
        "en": "Privacy notice",
    },
}


def page_url(page, language: str) -> str:
    with translation.override(language):
        return page.specific.get_url()


@pytest.fixture
def legal(db):
    """The terms and privacy pages, published, named by the site's settings."""
    from cms.tests.factories import StandardPageFactory

    site = Site.objects.get(is_default_site=True)
    pages = {}
    for name, titles in TITLES.items():
        page = StandardPageFactory(
            parent=site.root_page.specific,
            title=titles["en"],
            title_ar=titles["ar"],
            title_fr=titles["fr"],
            title_en=titles["en"],
            slug=name,
            slug_ar=f"{name}-ar",
            slug_fr=f"{name}-fr",
            slug_en=name,
            show_in_menus=False,
        )
        page.save_revision().publish()
        page.refresh_from_db()
        pages[name] = page
    LegalPages.objects.update_or_create(
        site=site,
        defaults={"terms_page": pages["terms"], "privacy_page": pages["privacy"]},
    )
    return pages


def placed_order(client, variant, checkout_post, language="fr", quantity=2):
    add_to_cart(client, variant.sku, quantity, language=language)
    place_order(client, checkout_post, language=language)
    return Order.objects.order_by("-pk").first()


def deliver(order: Order, *, days_ago: int = 0) -> Order:
    """Move a cash-on-delivery order to delivered, `days_ago` days ago."""
    for status in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order.refresh_from_db()
        order_transition(order=order, to=status)
    OrderEvent.objects.filter(order=order, to_status=OrderStatus.DELIVERED).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    order.refresh_from_db()
    return order
