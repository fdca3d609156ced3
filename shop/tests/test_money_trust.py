"""Money you can trust: one test per defect fixed by "Money you can trust,
first pass", each doing what a buyer or a staff member does (the admin
screens, the shop's pages, Stripe's signed webhooks) and checking what they
would see. Defect 5 (pooled cost allocation on PostgreSQL) is covered by
tests/test_admin_writes.py; the placement race is tests/test_place_order_race.py.
"""

import datetime
import json
import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.users.models import UserProfile

from cooperatives.models import today
from cooperatives.tests.factories import AgreementFactory, CooperativeFactory
from shop.models import (
    LedgerEntry,
    Lot,
    Order,
    OrderEvent,
    Payment,
    Refund,
    SalesSession,
    SalesSessionLine,
    Statement,
)
from shop.orders.states import OrderStatus
from shop.payments import stripe_gateway
from shop.services.payments import card_payment_prepare
from shop.tests.conftest import add_to_cart, place_order
from shop.tests.factories import VariantFactory
from shop.tests.stripe_fakes import FakeStripeHTTP, event, intent
from shop.tests.test_ledger import paid_order
from shop.tests.test_lots import receive
from shop.tests.test_stripe import deliver, succeeded

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


# Helpers ---------------------------------------------------------------------
class FakeStripe(FakeStripeHTTP):
    """The Stripe stand-in, answering refunds with `refund_status`: Stripe
    answers "pending" for many cards and settles the refund later."""

    refund_status = "succeeded"

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        body, code, answer_headers = super().request(
            method, url, headers, post_data, _usage=_usage
        )
        if method == "post" and urlparse(url).path == "/v1/refunds" and code == 200:
            body = json.dumps({**json.loads(body), "status": self.refund_status})
        return body, code, answer_headers


@pytest.fixture
def fake_stripe(monkeypatch):
    fake = FakeStripe()
    monkeypatch.setattr(stripe_gateway, "http_client", fake)
    return fake


def signed_in_staff(django_user_model, language="en") -> Client:
    """A client signed in as foundation staff whose admin speaks `language`."""
    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(django_user_model):
    return signed_in_staff(django_user_model)


@pytest.fixture
def honey():
    """120.00 MAD incl. 20 % VAT at 15 % commission: 85.00 a unit to the
    cooperative."""
    variant = VariantFactory(price=12000, stock=50)
    AgreementFactory(cooperative=variant.product.cooperative, commission_online_bp=1500)
    return variant


def flash(response) -> str:
    """The messages a (non-followed) response leaves for the next page."""
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def review_form(client, checkout_post, language="fr", **overrides) -> dict:
    """Send the details, open the review page once; the form it shows."""
    client.post(f"/{language}/checkout/", {**checkout_post, **overrides})
    page = client.get(f"/{language}/checkout/review/").content.decode()
    token = re.search(r'name="checkout_token" value="([^"]*)"', page)
    return {"accept_terms": "on", "checkout_token": token[1] if token else ""}


def receipt_url(order) -> str:
    """Where placing `order` leads: its payment page for a card, else its page."""
    pay = "pay/" if order.payment_method == "stripe" else ""
    return f"/{order.language}/orders/{order.number}/{pay}?token={order.access_token}"


def product_page_url(product) -> str:
    """Publish a page for `product` under a products index; its English URL."""
    from cms.models import ProductIndexPage, ProductPage

    def translated(slug, title):
        fields = {"title": title, "slug": slug}
        for lang in ("ar", "fr", "en"):
            fields |= {f"title_{lang}": title, f"slug_{lang}": slug}
        return fields

    home = Site.objects.get(is_default_site=True).root_page.specific
    index = home.add_child(instance=ProductIndexPage(**translated("products", "P")))
    slug = f"honey-{product.pk}"
    index.add_child(instance=ProductPage(product=product, **translated(slug, "Honey")))
    return f"/en/products/{slug}/"


def session_with(variant, *, quantity=3, day=None) -> SalesSession:
    """A fair session (paid in cash) of `quantity` units at the catalogue price."""
    session = SalesSession.objects.create(
        channel="fair", place="SIAM", date=day or today()
    )
    SalesSessionLine.objects.create(
        session=session, variant=variant, quantity=quantity, unit_price=variant.price
    )
    return session


def close_session(staff, session):
    return staff.post(reverse("shop_session", args=(session.pk,)), {"close": "1"})


def line_net(line) -> int:
    """What the cooperative is owed for an order line, all entries summed."""
    return LedgerEntry.objects.filter(order_line=line).aggregate(n=Sum("net"))["n"]


def refund_reported(client, refund, status: str, at: datetime.datetime):
    """Stripe's signed "refund.updated" event, created at `at`, about the
    attempt `refund` (as loaded) made, with the metadata the shop sent."""
    obj = {
        "id": refund.reference,
        "object": "refund",
        "amount": refund.amount,
        "payment_intent": refund.payment.reference,
        "status": status,
        "metadata": {
            "tadamon_refund": str(refund.pk),
            "tadamon_attempt": str(refund.attempt),
        },
    }
    return deliver(
        client, {**event("refund.updated", obj), "created": int(at.timestamp())}
    )


# 1. Statements -----------------------------------------------------------------
def test_an_unpaid_statement_is_carried_into_the_next_and_paid_only_there(staff, honey):
    cooperative = honey.product.cooperative
    paid_order((honey, 1))
    LedgerEntry.objects.update(
        occurred_on=today() - 40 * DAY, payable_on=today() - 40 * DAY
    )
    paid_order((honey, 1))
    url = reverse("shop_statements")
    for period_end in (today() - 30 * DAY, today()):
        staff.post(
            url,
            {"issue": "1", "cooperative": cooperative.pk, "period_end": period_end},
        )
    first, second = Statement.objects.order_by("period_end")

    refused = staff.post(url, {"paid": first.pk, "reference": "VIR-1"})
    staff.post(url, {"paid": second.pk, "reference": "VIR-2"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.number in flash(refused)
    assert (first.status, first.transfer_reference) == ("carried", "")
    assert (second.status, second.transfer_reference) == ("paid", "VIR-2")
    assert second.closing_balance == 2 * 8500  # the whole balance, paid once
    paid = Statement.objects.filter(status="paid").aggregate(t=Sum("closing_balance"))
    assert paid["t"] == 2 * 8500


# 2. No paid move without a payment ----------------------------------------------
def test_staff_posting_paid_on_a_delivered_cash_order_changes_nothing(
    client, staff, variant, checkout_post
):
    add_to_cart(client, variant.sku, 2)
    place_order(client, checkout_post)
    order = Order.objects.get()
    url = reverse("shop_order_detail", args=(order.pk,))
    for move in ("preparing", "shipped", "delivered"):
        staff.post(url, {"move": move})
    events = list(OrderEvent.objects.values_list("pk", flat=True))

    response = staff.post(url, {"move": "paid"})

    order.refresh_from_db()
    assert "only through its payment" in flash(response)
    assert (order.status, order.paid_at) == (OrderStatus.DELIVERED, None)
    assert list(OrderEvent.objects.values_list("pk", flat=True)) == events
    assert not Payment.objects.exists()
    assert not LedgerEntry.objects.exists()


# 3. A card refund follows what Stripe reports ------------------------------------
def test_a_card_refund_is_booked_when_stripe_confirms_and_restored_when_it_fails(
    client, staff, honey, checkout_post, fake_stripe, time_machine
):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    add_to_cart(client, honey.sku, 2)
    place_order(client, checkout_post, payment_method="stripe")
    order = Order.objects.get()
    card_payment_prepare(order_id=order.pk)
    deliver(client, succeeded(order))
    line = order.lines.get()
    url = reverse("shop_order_detail", args=(order.pk,))
    fake_stripe.refund_status = "pending"
    staff.post(url, {"refund": "1", f"line-{line.pk}": "1"})
    refund = Refund.objects.get()
    assert (refund.status, line_net(line)) == ("pending", 2 * 8500)  # not yet

    time_machine.move_to(start + 60 * MINUTE, tick=False)
    refund_reported(client, refund, "succeeded", start + 10 * MINUTE)
    assert line_net(line) == 8500
    refund_reported(client, refund, "failed", start + 30 * MINUTE)
    refund_reported(client, refund, "succeeded", start + 20 * MINUTE)  # stale
    refund.refresh_from_db()
    assert (refund.status, line_net(line)) == ("failed", 2 * 8500)
    assert LedgerEntry.objects.filter(kind="refund_void", order_line=line).exists()
    again = staff.post(url, {"refund": "1", f"line-{line.pk}": "2"})
    assert "Only 1" in flash(again) and Refund.objects.count() == 1

    time_machine.move_to(start + 120 * MINUTE, tick=False)
    fake_stripe.refund_status = "succeeded"
    failed_attempt = Refund.objects.get(pk=refund.pk)
    staff.post(url, {"retry_refund": refund.pk})
    staff.post(url, {"retry_refund": refund.pk})  # a double click: nothing more
    # News of the refused first attempt, late: superseded, changes nothing.
    refund_reported(client, failed_attempt, "failed", start + 150 * MINUTE)

    refund.refresh_from_db()
    assert (refund.status, line_net(line)) == ("succeeded", 8500)
    assert Refund.objects.count() == 1
    refund_posts = [c for c in fake_stripe.calls if c["path"] == "/v1/refunds"]
    # Stripe replays its first answer to a key: the attempt after a definite
    # failure is a new request with its own key, sent once.
    assert [c["headers"]["Idempotency-Key"] for c in refund_posts] == [
        f"tadamon-refund-{refund.pk}",
        f"tadamon-refund-{refund.pk}-1",
    ]


# 4. One order per review form ----------------------------------------------------
@pytest.mark.parametrize("method", ["cod", "stripe"])
def test_the_review_form_sent_twice_places_one_order(
    client, variant, checkout_post, fake_stripe, method
):
    add_to_cart(client, variant.sku, 2)
    form = review_form(client, checkout_post, payment_method=method)

    first = client.post("/fr/checkout/review/", form)
    second = client.post("/fr/checkout/review/", form)

    order = Order.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == receipt_url(order)
    assert all(client.get(r["Location"]).status_code == 200 for r in (first, second))
    variant.refresh_from_db()
    assert variant.stock == 8
    assert len(fake_stripe.intents) == (1 if method == "stripe" else 0)


# 6. The reconciliation dates money as the ledger does ------------------------------
def test_a_session_closed_the_month_after_its_day_balances_both_months(
    staff, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 3, 10, tzinfo=datetime.UTC))
    october_20 = datetime.date(2026, 10, 20)
    session = session_with(VariantFactory(price=12000), day=october_20)

    close_session(staff, session)

    order = Order.objects.get()
    reports = {
        month: staff.get(reverse("shop_reports"), {"from": start, "to": end})
        for month, start, end in [
            ("october", "2026-10-01", "2026-10-31"),
            ("november", "2026-11-01", "2026-11-30"),
        ]
    }
    assert reports["october"].context["collected"] == order.total == 36000
    assert reports["november"].context["collected"] == 0
    assert all(report.context["balanced"] is True for report in reports.values())
    assert order.paid_on == october_20


# 7. Expired lots are not stock ---------------------------------------------------
def test_expired_lots_are_not_shown_nor_sold_and_are_written_off(client, checkout_post):
    honey = VariantFactory(stock=0)
    receive(honey, ("L-OLD", 5, 10), ("L-NEW", 3, 300))
    add_to_cart(client, honey.sku, 5, language="en")  # yesterday, 8 were sellable
    Lot.objects.filter(code="L-OLD").update(best_before=today() - DAY)
    name = honey.product.name_en

    page = client.get(product_page_url(honey.product)).content.decode()
    cart = client.get("/en/cart/").content.decode()
    form = review_form(client, checkout_post, language="en")
    placing = client.post("/en/checkout/review/", form)

    # Cached pages carry no stock figure: the status request brings it.
    assert "Only 3 left" not in page
    stock = client.get(f"/en/cart/status/?sku={honey.sku}").json()["stock"]
    assert stock[honey.sku] == {"units": 3, "level": "low", "label": "Only 3 left"}
    assert f"Only 3 “{name}” are left" in cart
    assert f"Not enough “{name}” left: 3 in stock." in flash(placing)
    assert not Order.objects.exists()
    call_command("expire_lots")
    honey.refresh_from_db()
    old, new = Lot.objects.get(code="L-OLD"), Lot.objects.get(code="L-NEW")
    assert (old.stock, old.written_off) == (0, 5)
    assert honey.stock == new.stock == 3


# 8. No sale without an agreement in force ------------------------------------------
def test_a_product_without_an_agreement_in_force_is_not_sold(
    client, staff, variant, checkout_post
):
    add_to_cart(client, variant.sku, 1, language="en")
    cooperative = variant.product.cooperative
    cooperative.agreements.update(valid_until=today() - DAY)  # it ended yesterday
    name = variant.product.name_en
    session = session_with(variant)

    page = client.get(product_page_url(variant.product)).content.decode()
    placing = client.post(
        "/en/checkout/review/", review_form(client, checkout_post, language="en")
    )
    closing = close_session(staff, session)

    assert "This product is not sold at the moment." in page
    assert "Add to cart" not in page
    assert name in flash(placing) and "agreement" in flash(placing)
    assert not Order.objects.exists()
    assert name in flash(closing)  # the staff admin is in English
    session.refresh_from_db()
    assert not session.is_closed
    variant.refresh_from_db()
    assert variant.stock == 10


# 9. Session orders keep names in the order's language ------------------------------
def test_a_session_closed_by_english_staff_stores_names_in_the_orders_language(
    django_user_model, honey
):
    # Store and fair orders are kept in Arabic, the site's default language,
    # whatever language the staff member who records them reads.
    staff = signed_in_staff(django_user_model, language="fr")

    close_session(staff, session_with(honey))

    order = Order.objects.get()
    line = order.lines.get()
    assert order.language == "ar"
    assert line.product_name == honey.product.name_ar
    assert line.variant_label == honey.label_ar


# 10. Provider fees -------------------------------------------------------------
@pytest.mark.parametrize(
    "source, fee, shares",
    [
        ("reported", 1000, (466, 233)),
        ("reported", 0, (0, 0)),  # Stripe kept nothing: nothing is borne
        ("configured", 1030, (480, 240)),
        ("reported in euros", 1030, (480, 240)),  # not a MAD fee: the rate
    ],
)
def test_card_fees_are_recorded_and_borne_as_the_agreement_says(
    client, checkout_post, fake_stripe, settings, source, fee, shares
):
    # The configured rate, 2 % of 515.00 MAD, unless Stripe says its own fee.
    settings.SHOP_PAYMENT_FEES = {**settings.SHOP_PAYMENT_FEES, "stripe": (200, 0)}
    bearer, other = CooperativeFactory(), CooperativeFactory()
    AgreementFactory(
        cooperative=bearer, commission_online_bp=1500, fees_borne_by="cooperative"
    )
    AgreementFactory(cooperative=other, commission_online_bp=1500)
    big = VariantFactory(product__cooperative=bearer)
    small = VariantFactory(product__cooperative=bearer)
    theirs = VariantFactory(product__cooperative=other)
    for variant, quantity in [(big, 2), (small, 1), (theirs, 1)]:
        add_to_cart(client, variant.sku, quantity)
    place_order(client, checkout_post, payment_method="stripe")
    order = Order.objects.get()
    payment = card_payment_prepare(order_id=order.pk)
    paid = intent(payment.reference, amount=order.total, status="succeeded")
    if source.startswith("reported"):
        paid["latest_charge"] = {
            "id": "ch_1",
            "balance_transaction": {
                "fee": 95 if "euros" in source else fee,
                "currency": "eur" if "euros" in source else "mad",
            },
        }

    deliver(client, event("payment_intent.succeeded", paid))

    payment.refresh_from_db()
    assert (order.total, payment.fee) == (51500, fee)
    entries = {e.order_line.variant: e for e in LedgerEntry.objects.all()}
    assert [entries[v].fee for v in (big, small, theirs)] == [*shares, 0]
    assert entries[big].net == 20000 - 3000 - shares[0]
    assert entries[theirs].net == 10000 - 1500
    for e in entries.values():
        assert e.gross == e.discount + e.vat + e.commission + e.fee + e.net
