"""Every page a signed-in person opens, rendered once from the demo data.

tests/public_pages.py renders what an anonymous visitor and a buyer going
through the checkout see; this module renders the rest, each in Arabic and
French, as the person who opens it: the cooperative portal as one of its
members, the trade pages as the demo's approved hotel, the order page of a
delivered and paid order (its invoice, its withdrawal form, then the
withdrawal filed), the account pages in their error states, the search
with and without hits, the error pages, the point of sale's shell as a
seller, a lot's traceability page and the legal pages. Same world as the
public pages (the demo without its season, rolled back at the end): one
order is placed, delivered, paid in cash and put on a statement first.
"""

from __future__ import annotations

import dataclasses
import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from django.utils import translation

from tests.public_pages import (
    LANGUAGES,
    PASSWORD,
    SEARCH_WORDS,
    Rendered,
    _get,
    _page_url,
    demo_world,
)

NO_HITS = "zzqxv"


@dataclasses.dataclass
class World:
    """What the pages are opened as and about."""

    member: object  # a portal member of `cooperative`
    cooperative: object
    statement: object
    inspection: object
    rounds: list  # the purchasing rounds the cooperative may open
    person: object  # a portal member record of the cooperative (coverage)
    buyer: object  # placed `order`
    order: object
    hotel: object  # the demo's approved business buyer
    quote: object
    product_page: object  # a product page whose variant has wholesale prices
    seller: object
    lot: object
    legal: dict


def _cooperative():
    """The demo cooperative with the most to show in the portal: members,
    inspections, a past purchasing round and stock to sell."""
    from cooperatives.models import Cooperative
    from shop.models import Inspection, Variant
    from shop.purchasing_selectors import past_rounds

    def score(cooperative):
        return (
            cooperative.members.exists(),
            Inspection.objects.filter(cooperative=cooperative).exists(),
            past_rounds(cooperative).exists(),
            Variant.objects.filter(
                product__cooperative=cooperative, stock__gt=3
            ).exists(),
        )

    return max(Cooperative.objects.order_by("pk"), key=score)


def _paid_order(cooperative, buyer):
    """An order of the cooperative's, placed by `buyer` in French, then
    delivered and paid in cash (its invoice is issued on payment)."""
    from shop.models import DeliveryMethod, Order, Variant
    from shop.services.payments import cash_collected
    from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
    from shop.tests.consumer_fixtures import deliver

    client = Client()
    client.force_login(buyer)
    variant = (
        Variant.objects.filter(product__cooperative=cooperative, stock__gt=3)
        .order_by("pk")
        .first()
    )
    delivery = DeliveryMethod.objects.filter(is_active=True, zone="morocco").first()
    add_to_cart(client, variant.sku, 2)
    place_order(
        client,
        {**CHECKOUT_POST, "email": buyer.email, "delivery_method": str(delivery.pk)},
    )
    order = Order.objects.get(email=buyer.email)
    deliver(order)
    cash_collected(order_id=order.pk, courier="Amana", amount=order.total, user=buyer)
    order.refresh_from_db()
    assert order.invoices.exists(), order.status
    return order


def _quote(hotel):
    from trade.models import BusinessMember, PriceListItem
    from trade.services import quote_request, quote_send

    account = BusinessMember.objects.get(user=hotel).account
    item = PriceListItem.objects.filter(group=account.group).order_by("pk").first()
    quote = quote_request(
        account=account,
        user=hotel,
        rows=[(item.variant.sku, item.minimum_quantity)],
        token="signed-in-pages",  # noqa: S106 - a form's one-time token
        note="Livraison avant le 15.",
        language="fr",
    )
    quote_send(quote_id=quote.pk)
    quote.refresh_from_db()
    return quote, item.variant


def _world() -> World:
    from wagtail.models import Site

    from cms.models import ProductPage
    from cooperatives.models import CooperativeMembership, today
    from shop.models import Inspection, Lot
    from shop.purchasing_selectors import current_rounds, past_rounds
    from shop.services.consumer import legal_pages
    from shop.services.settlements import statement_issue
    from trade.demo import BUYER_EMAIL

    User = get_user_model()
    cooperative = _cooperative()
    member = (
        CooperativeMembership.objects.filter(cooperative=cooperative)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    buyer = User.objects.create_user(
        username="signed-in@example.ma", email="signed-in@example.ma", password=PASSWORD
    )
    order = _paid_order(cooperative, buyer)
    statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    hotel = User.objects.get(username=BUYER_EMAIL)
    quote, variant = _quote(hotel)
    seller = User.objects.create_user(
        username="seller@example.ma", email="seller@example.ma", password=PASSWORD
    )
    seller.user_permissions.add(
        *Permission.objects.filter(codename__in=["sell_at_pos", "manage_pos"])
    )
    line = order.lines.first()
    return World(
        member=member,
        cooperative=cooperative,
        statement=statement,
        inspection=Inspection.objects.filter(cooperative=cooperative)
        .order_by("pk")
        .first(),
        rounds=[*current_rounds()[:1], *past_rounds(cooperative)[:1]],
        person=cooperative.members.order_by("pk").first(),
        buyer=buyer,
        order=order,
        hotel=hotel,
        quote=quote,
        product_page=ProductPage.objects.live().get(product=variant.product),
        seller=seller,
        lot=Lot.objects.filter(code=line.lot).first() or Lot.objects.first(),
        legal=legal_pages(Site.objects.get(is_default_site=True)),
    )


def _post(client, language, name, url, data, out, follow=False):
    response = client.post(url, data, follow=follow)
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
    return response


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _portal_pages(world: World, language: str, out: list) -> None:
    prefix = f"/{language}/portal"
    client = _signed_in(world.member)
    for name, path in (
        ("portal-dashboard", "/"),
        ("portal-sales", "/sales/"),
        ("portal-stock", "/stock/"),
        ("portal-statements", "/statements/"),
        ("portal-statement", f"/statements/{world.statement.pk}/"),
        ("portal-members", "/members/"),
        ("portal-member", f"/members/{world.person.pk}/"),
        ("portal-coverage", "/members/coverage/"),
        ("portal-quality", "/quality/"),
        ("portal-inspection", f"/quality/{world.inspection.pk}/"),
        ("portal-purchasing", "/purchasing/"),
    ):
        _get(client, language, name, prefix + path, out)
    for index, purchasing_round in enumerate(world.rounds):
        url = f"{prefix}/purchasing/{purchasing_round.pk}/"
        _get(client, language, f"portal-round-{index}", url, out)

    anonymous = Client()
    _get(anonymous, language, "portal-login", f"{prefix}/login/", out)
    _post(
        anonymous,
        language,
        "portal-login-error",
        f"{prefix}/login/",
        {"username": world.member.username, "password": "not-the-password"},
        out,
    )
    _get(anonymous, language, "portal-reset", f"{prefix}/password-reset/", out)
    _get(
        anonymous, language, "portal-reset-sent", f"{prefix}/password-reset/sent/", out
    )
    _get(
        anonymous,
        language,
        "portal-reset-invalid",
        f"{prefix}/password-reset/MQ/not-a-token/",
        out,
    )


def _trade_pages(world: World, language: str, out: list) -> None:
    prefix = f"/{language}/trade"
    client = _signed_in(world.hotel)
    _get(client, language, "trade-home", f"{prefix}/", out)
    _get(client, language, "trade-apply-signed-in", f"{prefix}/apply/", out)
    _post(
        client,
        language,
        "trade-apply-errors",
        f"{prefix}/apply/",
        {"company_name": "", "ice": "123", "country": "MA"},
        out,
    )
    _get(client, language, "trade-apply-sent", f"{prefix}/apply/sent/", out)
    _get(client, language, "trade-quick-order", f"{prefix}/order/", out)
    _post(
        client,
        language,
        "trade-quick-order-errors",
        f"{prefix}/order/",
        {
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "1",
            "rows-MAX_NUM_FORMS": "50",
            "rows-0-sku": "NO-SUCH-SKU",
            "rows-0-quantity": "3",
            "rows-1-sku": "",
            "rows-1-quantity": "2",
            "note": "",
            "token": "quick-order-errors",
        },
        out,
    )
    _get(client, language, "trade-quote", f"{prefix}/quotes/{world.quote.number}/", out)

    # The product page with the buyer's prices put in place, as
    # trade/static/trade/prices.js does once the shared page has loaded.
    url = _page_url(world.product_page, language)
    page = client.get(url).content.decode()
    skus = "&".join(
        f"sku={variant.sku}" for variant in world.product_page.product.variants.all()
    )
    block = client.get(f"{prefix}/prices/?{skus}")
    assert block.status_code == 200, block.status_code
    slot = f'<div data-trade-prices="{prefix}/prices/" hidden></div>'
    assert slot in page, "the product page's prices slot moved"
    filled = f'<div data-trade-prices="{prefix}/prices/">{block.content.decode()}</div>'
    out.append(
        Rendered(
            language, "trade-product-prices", url, 200, {}, page.replace(slot, filled)
        )
    )


def _account_pages(language: str, out: list) -> None:
    prefix = f"/{language}/account"
    client = Client()
    _post(
        client,
        language,
        "login-error",
        f"{prefix}/login/",
        {"username": "nobody@example.ma", "password": "wrong-password"},
        out,
    )
    _post(
        client,
        language,
        "signup-errors",
        f"{prefix}/signup/",
        {"email": "not-an-email", "password1": "short", "password2": "other"},
        out,
    )
    _get(client, language, "signup-sent", f"{prefix}/signup/sent/", out)
    _get(client, language, "activation-invalid", f"{prefix}/activate/MQ/bad/", out)
    _get(client, language, "password-reset", f"{prefix}/password-reset/", out)
    _get(client, language, "password-reset-sent", f"{prefix}/password-reset/sent/", out)
    _get(
        client,
        language,
        "password-reset-invalid",
        f"{prefix}/password-reset/MQ/not-a-token/",
        out,
    )


def _order_pages(world: World, language: str, out: list, state: str) -> None:
    client = _signed_in(world.buyer)
    url = f"/{language}/orders/{world.order.number}/"
    _get(client, language, f"order-{state}", url, out)
    if state == "withdrawal-open":
        _post(
            client,
            language,
            "order-withdrawal-errors",
            f"{url}withdrawal/",
            {"reason": "", "form_token": "withdrawal-errors"},
            out,
        )


def _withdrawal_file(world: World) -> None:
    """The buyer sends the withdrawal form for one unit of the first line."""
    from shop.models import WithdrawalReason

    client = _signed_in(world.buyer)
    line = world.order.lines.order_by("pk").first()
    response = client.post(
        f"/fr/orders/{world.order.number}/withdrawal/",
        {
            f"line-{line.pk}": "1",
            "reason": WithdrawalReason.values[0],
            "comment": "Le pot est arrivé fêlé.",
            "form_token": "withdrawal-filed",
        },
    )
    assert response.status_code == 302, response.status_code
    assert world.order.withdrawals.exists()


def _other_pages(world: World, language: str, out: list) -> None:
    from storefront import views

    prefix = f"/{language}"
    anonymous = Client()
    word = SEARCH_WORDS[language]
    _get(anonymous, language, "search-hits", f"{prefix}/search/?q={word}", out)
    _get(anonymous, language, "search-no-hits", f"{prefix}/search/?q={NO_HITS}", out)
    _get(anonymous, language, "lot", f"{prefix}/lot/{world.lot.public_code}/", out)
    for name, page in world.legal.items():
        assert page is not None, f"the demo names no {name} page"
        _get(anonymous, language, f"legal-{name}", _page_url(page, language), out)
    seller = _signed_in(world.seller)
    _get(seller, language, "pos", f"{prefix}/pos/", out)
    _get(seller, language, "pos-sessions", f"{prefix}/pos/sessions/", out)

    # 403: a buyer opening the point of sale; a form whose token expired.
    _get(_signed_in(world.buyer), language, "forbidden", f"{prefix}/pos/", out)
    strict = Client(enforce_csrf_checks=True)
    _post(
        strict,
        language,
        "csrf-failure",
        f"{prefix}/cart/add/",
        {"sku": world.order.lines.first().sku, "quantity": "1"},
        out,
    )
    _get(anonymous, language, "not-found", f"{prefix}/no-such-page/", out)
    # 400 and 500 are rendered by their handlers (the test client raises
    # the exception behind a 500 instead of rendering it).
    request = RequestFactory().get(f"{prefix}/")
    with translation.override(language):
        for name, response in (
            ("bad-request", views.bad_request(request)),
            ("server-error", views.server_error(request)),
        ):
            out.append(
                Rendered(
                    language,
                    name,
                    request.path,
                    response.status_code,
                    dict(response.headers),
                    response.content.decode(),
                )
            )


def _render() -> list[Rendered]:
    pages: list[Rendered] = []
    with demo_world():
        world = _world()
        for language in LANGUAGES:
            _portal_pages(world, language, pages)
            _trade_pages(world, language, pages)
            _account_pages(language, pages)
            _order_pages(world, language, pages, "withdrawal-open")
            _other_pages(world, language, pages)
        _withdrawal_file(world)
        for language in LANGUAGES:
            _order_pages(world, language, pages, "withdrawal-filed")
    return pages


@functools.cache
def _rendered_once() -> tuple[Rendered, ...]:
    return tuple(_render())


def signed_in_pages() -> tuple[Rendered, ...]:
    """The rendered pages; the first call renders them (under a minute).

    Call it from a test with database access (the `db` fixture)."""
    return _rendered_once()
