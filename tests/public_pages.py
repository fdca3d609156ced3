"""Every public page of the shop, rendered once from the demo data.

tests/test_html_validity.py (the Nu HTML checker) and tests/test_page_head.py
(what search engines and Lighthouse read in <head>) look at the same pages:
each page family in Arabic and French, as an anonymous visitor and, for the
cart, checkout and account, as a buyer who went through them. Loading the
demo takes most of a minute, so the pages are rendered once per test process
inside a transaction that is rolled back at once; the tests only read HTML.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import shutil
import tempfile

from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

LANGUAGES = ("ar", "fr")
SEARCH_WORDS = {"ar": "عسل", "fr": "miel"}
PASSWORD = "a-long-demo-password"  # noqa: S105 - a test buyer's


@dataclasses.dataclass(frozen=True)
class Rendered:
    language: str
    name: str  # the page family: "home", "product", "cart-with-line", ...
    url: str
    status: int
    headers: dict
    html: str

    @property
    def indexable(self) -> bool:
        """Pages a search engine may list: CMS pages, shown to anyone."""
        return self.name in INDEXABLE


INDEXABLE = {
    "home",
    "cooperative-index",
    "cooperative",
    "catalogue",
    "product",
    "story-index",
    "story",
    "standard",
}


def _page_url(page, language: str) -> str:
    with translation.override(language):
        return page.specific.get_url()


def _cms_urls(language: str) -> dict[str, str]:
    from cms.models import (
        CooperativeIndexPage,
        CooperativePage,
        HomePage,
        ProductIndexPage,
        ProductPage,
        StandardPage,
        StoryIndexPage,
        StoryPage,
    )

    def first(model):
        return model.objects.live().order_by("path").first()

    return {
        "home": _page_url(first(HomePage), language),
        "cooperative-index": _page_url(first(CooperativeIndexPage), language),
        "cooperative": _page_url(first(CooperativePage), language),
        "catalogue": _page_url(first(ProductIndexPage), language),
        "product": _page_url(
            ProductPage.objects.live().filter(image__isnull=False).first(), language
        ),
        "story-index": _page_url(first(StoryIndexPage), language),
        "story": _page_url(
            StoryPage.objects.live().filter(image__isnull=False).first(), language
        ),
        "standard": _page_url(first(StandardPage), language),
    }


def _get(client: Client, language: str, name: str, url: str, out: list) -> None:
    response = client.get(url)
    out.append(
        Rendered(
            language=language,
            name=name,
            url=url,
            status=response.status_code,
            headers=dict(response.headers),
            html=response.content.decode(),
        )
    )


def _buyer_pages(language: str, out: list) -> None:
    """Cart, checkout steps, the order, login and account, as a buyer sees them."""
    from django.contrib.auth import get_user_model

    from shop.models import DeliveryMethod, Lot, Variant

    client = Client()
    prefix = f"/{language}"
    _get(client, language, "cart-empty", f"{prefix}/cart/", out)
    _get(client, language, "login", f"{prefix}/account/login/", out)
    _get(client, language, "signup", f"{prefix}/account/signup/", out)
    _get(client, language, "trade-apply", f"{prefix}/trade/apply/", out)
    lot = Lot.objects.order_by("pk").first()
    _get(client, language, "lot", f"{prefix}/lot/{lot.public_code}/", out)

    email = f"buyer-{language}@example.ma"
    buyer = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD
    )
    client.force_login(buyer)
    variant = Variant.objects.filter(stock__gt=2).order_by("pk").first()
    client.post(f"{prefix}/cart/add/", {"sku": variant.sku, "quantity": 1})
    _get(client, language, "cart-with-line", f"{prefix}/cart/", out)
    _get(client, language, "checkout", f"{prefix}/checkout/", out)
    details = {
        "email": email,
        "phone": "06 12 34 56 78",
        "full_name": "Amina Alaoui",
        "country": "MA",
        "province": "MA-RAB",
        "city": "Rabat",
        "address_line": "12 rue Oued Sebou, Agdal",
        "postal_code": "10090",
        "payment_method": "cod",
        "discount_code": "",
        "privacy_consent": "on",
    }
    # The form sent with a mistake: the page with its error messages.
    response = client.post(
        f"{prefix}/checkout/", {**details, "phone": "12", "delivery_method": ""}
    )
    out.append(
        Rendered(
            language,
            "checkout-errors",
            f"{prefix}/checkout/",
            response.status_code,
            dict(response.headers),
            response.content.decode(),
        )
    )
    # The first delivery method that serves Rabat takes the buyer to review.
    for method in DeliveryMethod.objects.filter(is_active=True).order_by("pk"):
        details["delivery_method"] = str(method.pk)
        if client.post(f"{prefix}/checkout/", details).status_code == 302:
            break
    _get(client, language, "checkout-review", f"{prefix}/checkout/review/", out)
    token = client.session.get("checkout_token", "")
    placed = client.post(
        f"{prefix}/checkout/review/", {"accept_terms": "on", "checkout_token": token}
    )
    _get(client, language, "order", placed.url, out)
    _get(client, language, "account", f"{prefix}/account/", out)


@contextlib.contextmanager
def demo_world():
    """The demo without its season, inside a transaction rolled back when
    the block ends; its uploads in a temporary folder, removed afterwards.
    No e-mail leaves (the test outbox) and no page is cached."""
    from django.conf import settings

    media = tempfile.mkdtemp(prefix="tadamon-pages-")
    try:
        with (
            override_settings(
                MEDIA_ROOT=media,
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                PAGE_CACHE_SECONDS=0,
            ),
            transaction.atomic(),
        ):
            call_command("load_demo", "--without-season", stdout=_Null())
            yield
            transaction.set_rollback(True)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    assert settings.MEDIA_ROOT != media


def _render() -> list[Rendered]:
    pages: list[Rendered] = []
    with demo_world():
        _render_into(pages)
    return pages


def _render_into(pages: list[Rendered]) -> None:
    client = Client()
    for language in LANGUAGES:
        for name, url in _cms_urls(language).items():
            _get(client, language, name, url, pages)
        prefix = f"/{language}"
        word = SEARCH_WORDS[language]
        _get(client, language, "search-empty", f"{prefix}/search/", pages)
        _get(client, language, "search", f"{prefix}/search/?q={word}", pages)
        _get(client, language, "not-found", f"{prefix}/no-such-page/", pages)
        _buyer_pages(language, pages)


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@functools.cache
def _rendered_once() -> tuple[Rendered, ...]:
    return tuple(_render())


def public_pages() -> tuple[Rendered, ...]:
    """The rendered pages; the first call renders them (about a minute).

    Call it from a test with database access (the `db` fixture)."""
    return _rendered_once()
