"""Seasons of the foundation's money, at random, through the real services.

A Hypothesis state machine runs a few weeks of the shop day by day (the clock
moves with time-machine): orders placed by cash on delivery and by card (and
sent twice), card payments with late, repeated and contradictory Stripe
events, deliveries and cash collected (sometimes for an earlier day), refunds
in cash and by card that succeed, fail, time out and are retried, store and
fair sessions closed days after their date, pooled costs, agreements ended
and replaced by others with other terms, consignments, expired lots written
off, and statements issued for past periods and paid in any order, again and
again. After every step the invariants of ARCHITECTURE.md are checked, to the
centime (see the `@invariant` methods).

Database: the class is a django.test.TestCase (pytest-django gives it the test
database on SQLite and on PostgreSQL alike; the `django_db` marker does not
apply to unittest classes). Hypothesis does not call the per-example hooks of
hypothesis.extra.django for a state machine, so each example opens its own
savepoint when the machine is made and rolls it back in `teardown`.

MONEY_SEASON_EXAMPLES (default 30, 20 on PostgreSQL) and MONEY_SEASON_STEPS
(default 60) make longer runs, e.g. `MONEY_SEASON_EXAMPLES=200
.venv/bin/pytest tests/test_money_season.py --hypothesis-seed=7
--hypothesis-show-statistics`
(the statistics say what the seasons did: orders paid, refunds, statements);
MONEY_SEASON_SHRINK=0 reports a failing season as found, without the
minutes of shrinking.
"""

import contextlib
import datetime
import itertools
import json
import os
from collections import defaultdict
from types import SimpleNamespace
from unittest import mock
from urllib.parse import parse_qs, urlparse

import django.test
import stripe
import time_machine
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from cooperatives.models import Cooperative, PartnershipAgreement
from cooperatives.tests.factories import AgreementFactory, CooperativeFactory
from shop.models import (
    Cart,
    CartLine,
    Consignment,
    ConsignmentLine,
    EntryKind,
    LedgerEntry,
    Lot,
    LotStatus,
    Order,
    OrderLine,
    OrderLineLot,
    Payment,
    PaymentStatus,
    PooledCost,
    Refund,
    RefundBooking,
    RefundLine,
    SalesSession,
    SalesSessionLine,
    Statement,
    StatementStatus,
    Variant,
    VatRate,
)
from shop.orders.states import (
    IllegalTransition,
    OrderStatus,
    order_transition,
    staff_moves,
)
from shop.reports import reconciliation
from shop.services.checkout import CheckoutDetails, CheckoutError, order_place
from shop.services.ledger import AlreadyAllocated, pooled_cost_allocate
from shop.services.lots import LotError, consignment_receive, lots_expire
from shop.services.orders import order_cancel
from shop.services.payments import (
    PaymentError,
    cash_collected,
    payment_intent_apply,
    stripe_event_process,
)
from shop.services.refunds import (
    REFUNDABLE,
    RefundError,
    refund_create,
    refund_send,
    stripe_refund_reconcile,
)
from shop.services.sessions import SessionError, session_close
from shop.services.settlements import (
    SettlementError,
    period_end_for,
    statement_issue,
    statement_mark_paid,
)
from shop.tests.factories import (
    DeliveryMethodFactory,
    DiscountCodeFactory,
    ProductFactory,
    VariantFactory,
)

# Seasons of 60 steps: 30 on SQLite take about a minute, 20 on PostgreSQL
# 60-90 s (2 cores), when nothing fails.
EXAMPLES = int(
    os.environ.get(
        "MONEY_SEASON_EXAMPLES", 20 if connection.vendor == "postgresql" else 30
    )
)
STEPS = int(os.environ.get("MONEY_SEASON_STEPS", "60"))
# MONEY_SEASON_SHRINK=0: report the first failing season as found (shrinking
# a season can take minutes).
SHRINK = os.environ.get("MONEY_SEASON_SHRINK", "1") != "0"
DAY = datetime.timedelta(days=1)
S = OrderStatus
PAYABLE = {S.PLACED, S.AWAITING_PAYMENT}
# Where a paid order may be; it never goes back to waiting, nor is cancelled.
PAID_WORLD = {S.PAID, S.PREPARING, S.SHIPPED, S.DELIVERED}
PAID_WORLD |= {S.PARTLY_REFUNDED, S.REFUNDED}
FINAL = {PaymentStatus.SUCCEEDED, PaymentStatus.FAILED}
# Stripe's refund statuses as the shop records them.
STRIPE_REFUND = {
    "succeeded": PaymentStatus.SUCCEEDED,
    "pending": PaymentStatus.PENDING,
    "requires_action": PaymentStatus.PENDING,
    "failed": PaymentStatus.FAILED,
    "canceled": PaymentStatus.FAILED,
}
# What a Stripe refund may become next (a fresh report, not a stale one).
STRIPE_NEXT = {
    "pending": ["succeeded", "failed", "canceled", "pending", "requires_action"],
    "requires_action": ["succeeded", "failed", "pending"],
    "succeeded": ["failed", "succeeded"],
    "failed": ["failed"],
    "canceled": ["canceled"],
}
INTENT_EVENT = {
    "succeeded": "payment_intent.succeeded",
    "requires_payment_method": "payment_intent.payment_failed",
    "processing": "payment_intent.processing",
    "canceled": "payment_intent.canceled",
}

agreement_terms = st.fixed_dictionaries(
    {
        "commission_online_bp": st.sampled_from([0, 1200, 1500, 1800, 2500]),
        "commission_store_bp": st.sampled_from([1000, 1500, 2000]),
        "commission_fair_bp": st.sampled_from([0, 1200, 1750]),
        "commission_wholesale_bp": st.just(1000),
        "commission_export_bp": st.just(1100),
        "delay_online_days": st.sampled_from([0, 3, 7, 14, 30]),
        "settlement_period": st.sampled_from(["weekly", "monthly"]),
        "fees_borne_by": st.sampled_from(["foundation", "cooperative"]),
    }
)


def at(day: datetime.date, seconds: int, micro: int) -> datetime.datetime:
    """An aware moment of `day` (Africa/Casablanca), `seconds` after midnight."""
    naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
        seconds=seconds, microseconds=micro
    )
    return timezone.make_aware(naive)


@contextlib.contextmanager
def allowed(*errors):
    """Run the block in a savepoint; `errors` are refusals the services may
    answer (nothing of the block is kept then). Anything else fails."""
    try:
        with transaction.atomic():
            yield
    except errors:
        pass


def total(queryset, field: str) -> int:
    return queryset.aggregate(total=Sum(field))["total"] or 0


PARTS = ("gross", "discount", "vat", "commission", "fee", "net")


class FakeStripe(stripe.HTTPClient):
    """Stripe's refunds API as the step set it up, behind the real gateway
    and stripe library. `answer`: "answers" (Stripe makes the refund, as
    `status`, and says so), "timeout" (nothing made) or "lost" (made, the
    answer never arrives); `early`: Stripe's next status, reported to the
    webhook before the answer returns. As Stripe does, a key already used
    makes nothing and replays its first answer, and the metadata a refund
    was made with comes back in every report of it."""

    name = "season"

    def __init__(self, machine):
        super().__init__()
        self.machine = machine
        self.answer, self.status, self.early = "answers", "succeeded", None
        self.by_key: dict[str, dict] = {}

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        assert (method, urlparse(url).path) == ("post", "/v1/refunds"), url
        if self.answer == "timeout":
            raise stripe.APIConnectionError("simulated timeout", should_retry=False)
        params = {k: v[0] for k, v in parse_qs(post_data or "").items()}
        key = dict(headers)["Idempotency-Key"]
        machine = self.machine
        if key in self.by_key:
            answer = self.by_key[key]
            state = machine.stripe_refunds[answer["id"]]
            if self.answer == "answers" and state["status"] == answer["status"]:
                state["told"] = True
        else:
            answer = {
                "id": f"re_{len(self.by_key) + 1}",
                "object": "refund",
                "amount": int(params["amount"]),
                "payment_intent": params["payment_intent"],
                "status": self.status,
                "metadata": {
                    k[len("metadata[") : -1]: v
                    for k, v in params.items()
                    if k.startswith("metadata[")
                },
            }
            self.by_key[key] = answer
            machine.stripe_made(answer, key, told=self.answer == "answers")
            if self.early:
                machine.stripe_moves(answer["id"], self.early)
                machine.send_refund_news(
                    answer["id"],
                    self.early,
                    int(machine.now.timestamp()),
                    via="refund.updated",
                )
        if self.answer == "lost":
            raise stripe.APIConnectionError("answer lost", should_retry=False)
        return json.dumps(answer), 200, {}

    def close(self):
        pass


class MoneySeason(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # The example's own savepoint, rolled back in teardown.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.counter = itertools.count(1)
        self.gateway = FakeStripe(self)
        self.tokens: dict[str, tuple[int, int, CheckoutDetails]] = {}
        self.card_orders: list[int] = []
        self.cod_orders: list[int] = []
        self.session_orders: list[int] = []
        self.paid_at: dict[int, datetime.datetime] = {}
        self.card_refunds: list[int] = []
        # Stripe's refunds by reference: our refund, the metadata we gave,
        # status, since when, the statuses it went through, and whether the
        # shop has been told its latest; and each refund's latest attempt.
        self.stripe_refunds: dict[str, dict] = {}
        self.stripe_attempt: dict[int, str] = {}
        self.sent_events: list[dict] = []
        self.statement_refs: dict[int, str] = {}
        self.expire_run = None  # (day, received and returned per lot then)
        self.steps, self._books = 0, None

    def teardown(self):
        if hasattr(self, "start"):
            self.season_events()
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def season_events(self):
        """What the season did, for `--hypothesis-show-statistics`."""
        paid = Order.objects.filter(paid_at__isnull=False)
        event("days", str(min((self.today - self.start).days // 15 * 15, 60)))
        for name, count in (
            ("paid orders", paid.count()),
            ("card paid", paid.filter(payment_method="stripe").count()),
            ("cod paid", paid.filter(payment_method="cod").count()),
            ("sessions", len(self.session_orders)),
            ("cancelled", Order.objects.filter(status="cancelled").count()),
            ("refunds booked", Refund.objects.filter(booked=True).count()),
            ("card refunds", len(self.card_refunds)),
            ("refund voids", LedgerEntry.objects.filter(kind="refund_void").count()),
            ("statements", Statement.objects.count()),
            ("statements paid", Statement.objects.filter(status="paid").count()),
            ("statements carried", Statement.objects.filter(status="carried").count()),
            ("new agreements", PartnershipAgreement.objects.count() - 3),
            ("lots written off", Lot.objects.filter(written_off__gt=0).count()),
        ):
            event(name, str(min(count, 5)))

    # The clock -----------------------------------------------------------
    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def clock(self):
        return time_machine.travel(self.now, tick=False)

    def refunds_patched(self):
        return mock.patch("shop.payments.stripe_gateway.http_client", self.gateway)

    # The season begins -----------------------------------------------------
    @initialize(
        start=st.dates(datetime.date(2025, 9, 1), datetime.date(2027, 8, 31)),
        seconds=st.integers(8 * 3600, 20 * 3600),
        micro=st.integers(0, 999_999),
        terms=st.lists(agreement_terms, min_size=3, max_size=3),
        prices=st.lists(
            st.sampled_from([350, 4500, 9999, 11500, 12000, 25050]),
            min_size=6,
            max_size=6,
        ),
        vat=st.lists(
            st.sampled_from(["standard", "reduced_10", "exempt"]),
            min_size=6,
            max_size=6,
        ),
        lots=st.lists(
            st.tuples(st.integers(4, 20), st.integers(3, 60)), min_size=6, max_size=6
        ),
        stocks=st.lists(st.integers(8, 30), min_size=3, max_size=3),
    )
    def season_begins(self, start, seconds, micro, terms, prices, vat, lots, stocks):
        self.start = start
        self.now = at(start, seconds, micro)
        # One cooperative bears payment fees, one never does, one at random.
        terms[0]["fees_borne_by"] = "foundation"
        terms[1]["fees_borne_by"] = "cooperative"
        self.coops, self.lot_variants, self.plain_variants = [], [], []
        self.plain_initial: dict[int, int] = {}
        self.lot_codes: dict[int, list[str]] = {}
        with self.clock():
            self.delivery = DeliveryMethodFactory(price=3500, free_above=40000)
            self.pickup = DeliveryMethodFactory(name="Retrait", zone="pickup", price=0)
            for index, coop_terms in enumerate(terms):
                coop = CooperativeFactory()
                AgreementFactory(
                    cooperative=coop,
                    reference=f"SEASON-{coop.pk}-0",
                    signed_on=start - 400 * DAY,
                    valid_from=start - 400 * DAY,
                    valid_until=None,
                    **coop_terms,
                )
                self.coops.append(coop.pk)
                with_lots = VariantFactory(
                    product=ProductFactory(
                        cooperative=coop,
                        vat_rate=VatRate.objects.get(code=vat[2 * index]),
                    ),
                    price=prices[2 * index],
                    stock=0,
                )
                plain = VariantFactory(
                    product=ProductFactory(
                        cooperative=coop,
                        vat_rate=VatRate.objects.get(code=vat[2 * index + 1]),
                    ),
                    price=prices[2 * index + 1],
                    stock=stocks[index],
                )
                self.lot_variants.append(with_lots.pk)
                self.plain_variants.append(plain.pk)
                self.plain_initial[plain.pk] = stocks[index]
                consignment = Consignment.objects.create(
                    cooperative=coop, received_on=start
                )
                self.lot_codes[coop.pk] = []
                for number, (quantity, shelf_days) in enumerate(
                    lots[2 * index : 2 * index + 2]
                ):
                    code = f"L{coop.pk}-{number}"
                    self.lot_codes[coop.pk].append(code)
                    ConsignmentLine.objects.create(
                        consignment=consignment,
                        variant=with_lots,
                        lot_code=code,
                        quantity=quantity,
                        production_date=start - 90 * DAY,
                        best_before=start + shelf_days * DAY,
                    )
                consignment_receive(consignment_id=consignment.pk)
            DiscountCodeFactory(
                code="FOND10",
                kind="percent",
                value=1000,
                borne_by="foundation",
                valid_from=self.now - DAY,
                valid_until=None,
            )
            DiscountCodeFactory(
                code="COOP15",
                kind="fixed",
                value=1500,
                borne_by="cooperative",
                cooperative_id=self.coops[1],
                valid_from=self.now - DAY,
                valid_until=None,
            )
        self.variants = self.lot_variants + self.plain_variants

    # One rule, many activities. Hypothesis's swarm testing switches each
    # rule off with a random probability per example (half the seasons would
    # have no buyers, or no payments), and favours the rules it sorts first;
    # so a season is a sequence of steps, each an activity drawn by weight,
    # and the invariants are checked after every one. Most activities act on
    # the whole backlog (every card order, parcel, card refund), so orders
    # go through payment, delivery, refund and settlement within a season.
    ACTIVITIES = {
        "buyers order": ("buyers_order", 5),
        "stripe reports payments": ("stripe_reports_payments", 4),
        "staff ship and collect": ("staff_ship_and_collect", 4),
        "staff refund": ("staff_refunds", 4),
        "stripe reports refunds": ("stripe_refunds_news", 4),
        "night passes": ("night_passes", 5),
        "statements issued": ("statements_issued", 3),
        "statements paid": ("statements_paid", 3),
        "session closed late": ("session_closed_late", 2),
        "review form sent again": ("review_form_sent_again", 1),
        "stripe sends an event again": ("stripe_sends_an_event_again", 1),
        "pooled cost shared": ("pooled_cost_shared", 1),
        "agreement replaced": ("agreement_replaced", 1),
        "consignment arrives": ("consignment_arrives", 1),
    }
    WEIGHTED = [
        name for name, (_m, weight) in ACTIVITIES.items() for _ in range(weight)
    ]

    @rule(data=st.data())
    def season_step(self, data):
        self.steps += 1
        activity = data.draw(st.sampled_from(self.WEIGHTED), label="activity")
        getattr(self, self.ACTIVITIES[activity][0])(data)

    # Buyers ----------------------------------------------------------------
    def buyers_order(self, data):
        for _ in range(data.draw(st.integers(1, 3), label="orders")):
            picks = data.draw(
                st.lists(
                    st.sampled_from(self.variants), min_size=1, max_size=3, unique=True
                ),
                label="variants",
            )
            self._place(
                lines=[(v, data.draw(st.integers(1, 3), label="qty")) for v in picks],
                method=data.draw(st.sampled_from(["cod", "stripe"]), label="method"),
                code=data.draw(
                    st.sampled_from(["", "", "", "FOND10", "COOP15", "NOPE"]),
                    label="code",
                ),
                pickup=data.draw(st.booleans(), label="pickup"),
                twice=data.draw(st.booleans(), label="double click"),
            )

    def _details(self, method: str, code: str, pickup: bool) -> CheckoutDetails:
        return CheckoutDetails(
            email="buyer@example.ma",
            phone="+212612345678",
            full_name="Buyer",
            address_line="1 rue Oued Sebou",
            city="Rabat",
            postal_code="",
            country="MA",
            delivery_method_id=(self.pickup if pickup else self.delivery).pk,
            payment_method=method,
            discount_code=code,
        )

    def _place(self, *, lines, method, code, pickup, twice):
        token = f"review-{next(self.counter)}"
        details = self._details(method, code, pickup)
        with self.clock():
            cart = Cart.objects.create()
            for variant_id, quantity in lines:
                CartLine.objects.create(
                    cart=cart, variant_id=variant_id, quantity=quantity
                )
            try:
                with transaction.atomic():
                    order = order_place(
                        cart=cart, details=details, language="fr", checkout_token=token
                    )
            except CheckoutError as error:
                event("order refused", str(error)[:60])
                return
            self.tokens[token] = (order.pk, cart.pk, details)
            (self.card_orders if method == "stripe" else self.cod_orders).append(
                order.pk
            )
            if twice:  # the double click
                again = order_place(
                    cart=cart, details=details, language="fr", checkout_token=token
                )
                assert again.pk == order.pk

    def review_form_sent_again(self, data):
        """A phone re-sends the review form, maybe days later, maybe with
        something new in the cart: the same order comes back."""
        if not self.tokens:
            return
        more_in_cart = data.draw(st.booleans(), label="more in the cart")
        token = data.draw(st.sampled_from(sorted(self.tokens)), label="token")
        order_id, cart_id, details = self.tokens[token]
        with self.clock():
            cart = Cart.objects.get(pk=cart_id)
            if more_in_cart:
                CartLine.objects.get_or_create(
                    cart=cart, variant_id=self.variants[0], defaults={"quantity": 1}
                )
            again = order_place(
                cart=cart, details=details, language="fr", checkout_token=token
            )
        assert again.pk == order_id

    # Card payments and Stripe's news -----------------------------------------
    def stripe_reports_payments(self, data):
        """Stripe's news of every card order's intent: success (maybe after
        a failure), failure, a short amount, or nothing yet; and late,
        repeated or contradictory news of intents already settled."""
        for order_id in list(self.card_orders):
            news = data.draw(
                st.sampled_from(
                    ["succeeded", "nothing", "succeeded", "failed then succeeded"]
                    + ["requires_payment_method", "processing", "canceled", "short"]
                ),
                label=f"intent of order {order_id}",
            )
            if news == "nothing":
                continue
            via = data.draw(st.sampled_from(["webhook", "return page"]), label="via")
            fee = data.draw(st.booleans(), label="fee in the charge")
            if news == "failed then succeeded":
                self._intent(order_id, "requires_payment_method", "total", via, fee)
                self.now += datetime.timedelta(minutes=3)
                news = "succeeded"
            if news == "short":
                self._intent(order_id, "succeeded", "short", via, fee)
            else:
                self._intent(order_id, news, "total", via, fee)

    def _intent(self, order_id, status, amount, via, reported_fee):
        with self.clock():
            order = Order.objects.get(pk=order_id)
            payment = order.payments.filter(provider="stripe").first()
            if payment is None:
                if order.status not in PAYABLE:
                    return
                # As card_payment_prepare records the intent Stripe made.
                payment = Payment.objects.create(
                    order=order,
                    provider="stripe",
                    reference=f"pi_season_{order.pk}",
                    amount=order.total,
                )
            received = order.total if amount == "total" else order.total - 100
            intent = {
                "id": payment.reference,
                "object": "payment_intent",
                "status": status,
                "amount": order.total,
                "amount_received": received if status == "succeeded" else 0,
                "currency": "mad",
            }
            if reported_fee and status == "succeeded":
                fee = order.total * 29 // 1000 + 300
                intent["latest_charge"] = {"balance_transaction": {"fee": fee}}
            before = (order.status, order.paid_at, payment.status)
            entries_before = LedgerEntry.objects.count()
            if via == "webhook":
                stripe_event = {
                    "id": f"evt_intent_{next(self.counter)}",
                    "type": INTENT_EVENT[status],
                    "created": int(self.now.timestamp()),
                    "data": {"object": intent},
                }
                assert stripe_event_process(stripe_event) == "processed"
                self.sent_events.append(stripe_event)
            else:
                with transaction.atomic():
                    payment_intent_apply(intent)
            order.refresh_from_db()
            payment.refresh_from_db()
        was_status, was_paid_at, was_payment = before
        if was_payment in {PaymentStatus.SUCCEEDED, PaymentStatus.FLAGGED}:
            # Final: late or repeated news changes nothing.
            assert (order.status, order.paid_at, payment.status) == before
            assert LedgerEntry.objects.count() == entries_before
        elif status == "succeeded" and amount != "total":
            assert payment.status == PaymentStatus.FLAGGED
            assert order.paid_at is None
        elif status == "succeeded" and was_status in PAYABLE:
            assert payment.status == PaymentStatus.SUCCEEDED
            assert order.status == S.PAID and order.paid_on == self.today
            assert order.lines.filter(ledger_entries__kind="sale").count() == (
                order.lines.count()
            )
        elif status == "succeeded":
            # Paid while no longer payable (cancelled): flagged, never paid.
            assert order.paid_at is None and order.status == was_status
        else:
            assert order.paid_at is was_paid_at is None

    def stripe_sends_an_event_again(self, data):
        if not self.sent_events:
            return
        for _ in range(data.draw(st.integers(1, 3), label="events")):
            stripe_event = data.draw(st.sampled_from(self.sent_events), label="event")
            with self.clock():
                before = self._money_snapshot()
                assert stripe_event_process(stripe_event) == "duplicate"
                assert self._money_snapshot() == before

    def _money_snapshot(self):
        return (
            LedgerEntry.objects.count(),
            total(LedgerEntry.objects.all(), "net"),
            RefundBooking.objects.count(),
            list(Order.objects.order_by("pk").values_list("status", "paid_at")),
            list(Refund.objects.order_by("pk").values_list("status", "booked")),
            list(Payment.objects.order_by("pk").values_list("status", "fee")),
        )

    # Parcels and cash ------------------------------------------------------
    def staff_ship_and_collect(self, data):
        """The order screen's work on every open order: the next move, all
        the way to delivered, the courier's cash (maybe for an earlier day,
        maybe the wrong amount), or any move the status form offers
        (cancelling included)."""
        open_orders = Order.objects.filter(
            pk__in=self.card_orders + self.cod_orders
        ).exclude(status__in=[S.CANCELLED, S.REFUNDED, S.PARTLY_REFUNDED, S.PAID])
        candidates = list(open_orders.order_by("pk").values_list("pk", flat=True))
        candidates += list(
            Order.objects.filter(pk__in=self.card_orders, status=S.PAID)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for order_id in candidates:
            work = data.draw(
                st.sampled_from(
                    ["deliver and collect", "deliver and collect", "next", "deliver"]
                    + ["nothing", "any move"]
                ),
                label=f"order {order_id}",
            )
            with self.clock():
                order = Order.objects.get(pk=order_id)
                if work == "any move":
                    moves = staff_moves(order.status)
                    if moves:
                        target = data.draw(st.sampled_from(moves), label="move")
                        self._staff_move(order, target)
                    continue
                if work == "nothing" or (
                    order.payment_method == "stripe" and order.paid_at is None
                ):
                    continue  # card orders are prepared once paid
                for target in (S.PREPARING, S.SHIPPED, S.DELIVERED):
                    order = Order.objects.get(pk=order_id)
                    if target in staff_moves(order.status):
                        self._staff_move(order, target)
                        if work == "next":
                            break
            if work == "deliver and collect" and order.payment_method == "cod":
                self._collect(
                    order_id,
                    days_back=data.draw(st.integers(0, 3), label="cash day back"),
                    wrong=data.draw(st.integers(0, 9), label="wrong") == 0,
                )

    def _staff_move(self, order, target):
        """What the order screen's status form does (shop/admin_views.py)."""
        with allowed(IllegalTransition, ValueError):
            if target == S.CANCELLED:
                order_cancel(order_id=order.pk, reason="by staff")
            else:
                locked = Order.objects.select_for_update().get(pk=order.pk)
                order_transition(order=locked, to=target)

    def _collect(self, order_id, *, days_back, wrong):
        order = Order.objects.get(pk=order_id)
        if order.status != S.DELIVERED:
            return
        day = max(self.today - days_back * DAY, timezone.localdate(order.placed_at))
        amount = order.total - 1 if wrong else order.total
        with self.clock(), allowed(PaymentError):
            cash_collected(
                order_id=order.pk, courier="Amana", amount=amount, user=None, day=day
            )
            assert not wrong, "cash of the wrong amount was accepted"
            order.refresh_from_db()
            assert order.paid_on == day and order.status == S.PAID
            assert set(
                LedgerEntry.objects.filter(
                    order_line__order=order, kind="sale"
                ).values_list("occurred_on", "payable_on")
            ) == {(day, day)}

    # Refunds -------------------------------------------------------------
    def staff_refunds(self, data):
        """Staff refund chosen units (and maybe the delivery) of paid
        orders, restocked or not, in cash or by card; the form sent twice.
        Stripe answers a status, times out before making the refund, or
        makes it and the answer is lost; its first news may reach the
        webhook before its answer."""
        paid = list(
            Order.objects.filter(paid_at__isnull=False, status__in=REFUNDABLE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not paid:
            return
        # Card orders come up more often: their refunds have more to go wrong.
        paid += [pk for pk in paid if pk in self.card_orders] * 2
        for order_id in data.draw(
            st.lists(st.sampled_from(paid), min_size=1, max_size=2, unique=True),
            label="orders refunded",
        ):
            claimed = dict(
                RefundLine.objects.filter(refund__order_id=order_id)
                .values("order_line")
                .annotate(units=Sum("quantity"))
                .values_list("order_line", "units")
            )
            quantities = {}
            for line in OrderLine.objects.filter(order_id=order_id).order_by("pk"):
                # Mostly what is left of the line; sometimes more (refused).
                left = line.quantity - claimed.get(line.pk, 0)
                quantities[line.pk] = data.draw(
                    st.sampled_from([left, *range(left), line.quantity]),
                    label="units",
                )
            include_delivery = data.draw(st.booleans(), label="delivery")
            restock = data.draw(st.booleans(), label="restock")
            self._stripe_will(data)
            self._refund(
                order_id,
                quantities=quantities,
                include_delivery=include_delivery,
                restock=restock,
                twice=data.draw(st.booleans(), label="form sent twice"),
            )

    def _stripe_will(self, data):
        """What Stripe does with the next refund call."""
        gateway = self.gateway
        gateway.answer = data.draw(
            st.sampled_from(["answers", "answers", "answers", "timeout", "lost"]),
            label="stripe",
        )
        gateway.status = data.draw(
            st.sampled_from(["succeeded", "pending", "failed"]), label="refund is"
        )
        gateway.early = None
        if (
            gateway.answer != "timeout"
            and data.draw(st.integers(0, 4), label="news before the answer") == 0
        ):
            # Stripe's first event: the refund as made, or a pending one
            # gone through already (a refund fails days after, not at once).
            early = [gateway.status] + (["succeeded"] * (gateway.status == "pending"))
            gateway.early = data.draw(st.sampled_from(early), label="early news")

    def _refund(self, order_id, *, quantities, include_delivery, restock, twice):
        token = f"refund-form-{next(self.counter)}"
        made = []
        with self.clock(), self.refunds_patched(), allowed(RefundError):
            for _attempt in range(2 if twice else 1):
                try:
                    refund = refund_create(
                        order_id=order_id,
                        quantities=quantities,
                        include_delivery=include_delivery,
                        restock=restock,
                        reason="season",
                        form_token=token,
                    )
                except stripe.APIConnectionError:
                    # Recorded, but no answer from Stripe: pending, with no
                    # reference, until its news arrives or staff retry it.
                    refund = Refund.objects.filter(order_id=order_id).latest("pk")
                made.append(refund.pk)
        if not made:
            event("refund refused", Order.objects.get(pk=order_id).payment_method)
            return
        assert len(set(made)) == 1, "the same refund form refunded twice"
        refund = Refund.objects.get(pk=made[0])
        event("refund made", refund.provider)
        if refund.provider == "stripe":
            if refund.pk not in self.card_refunds:
                self.card_refunds.append(refund.pk)
        else:
            assert refund.status == PaymentStatus.SUCCEEDED and refund.booked

    def stripe_made(self, answer, key, *, told):
        """Stripe made a refund (for our refund named in its metadata)
        under idempotency key `key`."""
        refund_id = int(answer["metadata"]["tadamon_refund"])
        self.stripe_refunds[answer["id"]] = {
            "refund_id": refund_id,
            "key": key,
            "metadata": answer["metadata"],
            "status": answer["status"],
            "at": self.now.timestamp(),
            "told": told,
            "history": [(answer["status"], int(self.now.timestamp()))],
        }
        self.stripe_attempt[refund_id] = answer["id"]

    def stripe_moves(self, reference, status, when=None):
        """Stripe's refund is now `status` (since `when`, Unix time), and
        the shop is being told."""
        state = self.stripe_refunds[reference]
        state["at"] = self.now.timestamp() if when is None else when
        state["status"], state["told"] = status, True
        state["history"].append((status, int(state["at"])))

    def stripe_refunds_news(self, data):
        """Stripe's news of card refunds, by webhook or read back: fresh
        (a real change, "failed" after "succeeded" included), repeated,
        stale (an older report arriving late) or of an attempt superseded
        by a retry; and staff retrying the card refunds not succeeded."""
        for reference in sorted(self.stripe_refunds):
            news = data.draw(
                st.sampled_from(["fresh", "nothing", "fresh", "stale", "repeat"]),
                label=f"stripe on {reference}",
            )
            if news != "nothing":
                self._refund_news(reference, news, data)
        for refund_id in list(self.card_refunds):
            refund = Refund.objects.get(pk=refund_id)
            if refund.status != PaymentStatus.SUCCEEDED and data.draw(
                st.booleans(), label=f"staff retry refund {refund_id}"
            ):
                self._stripe_will(data)
                with self.clock(), self.refunds_patched():
                    try:  # what refund_send saved before calling Stripe stays
                        refund_send(refund_id=refund.pk)
                    except stripe.APIConnectionError:
                        pass

    def _refund_news(self, reference, news, data):
        state = self.stripe_refunds[reference]
        current = self.stripe_attempt[state["refund_id"]] == reference
        if news == "stale":
            older = [(s, t) for s, t in state["history"] if t < int(state["at"])]
            if not older:
                return
            status, reported = data.draw(st.sampled_from(older), label="old report")
        else:
            status = state["status"]
            if news == "fresh":
                status = data.draw(st.sampled_from(STRIPE_NEXT[status]), label="now")
            # A refund that succeeded fails hours or days later, if ever;
            # other news comes within minutes, or within the same second.
            fails_late = state["status"] == "succeeded" and status != "succeeded"
            later = st.integers(3600, 3 * 86400) if fails_late else st.integers(0, 600)
            self.now += datetime.timedelta(
                seconds=data.draw(later, label="seconds later")
            )
            reported = int(self.now.timestamp())
        event("stripe refund news", f"{news}: {state['status']} -> {status}")
        with self.clock():
            before = self._money_snapshot()
            if news != "stale":
                self.stripe_moves(reference, status, when=reported)
            self.send_refund_news(reference, status, reported, data=data)
            if (news == "stale" and state["told"]) or not current:
                assert self._money_snapshot() == before, (
                    f"{news} news of {reference} moved money"
                )

    def send_refund_news(self, reference, status, reported, *, data=None, via=None):
        """Stripe's report of refund `reference` as a webhook event
        (refund.updated or charge.refunded) or read back and reconciled,
        with the metadata our refund_send gave it."""
        state = self.stripe_refunds[reference]
        refund = Refund.objects.select_related("payment").get(pk=state["refund_id"])
        if via is None:
            via = data.draw(
                st.sampled_from(["refund.updated", "charge.refunded", "reconcile"]),
                label="via",
            )
        obj = {
            "id": reference,
            "object": "refund",
            "amount": refund.amount,
            "status": status,
            "payment_intent": refund.payment.reference,
            "metadata": dict(state["metadata"]),
        }
        if via == "reconcile":
            with transaction.atomic():
                stripe_refund_reconcile(obj, reported=reported)
            return
        wrapped = (
            obj
            if via == "refund.updated"
            else {"object": "charge", "refunds": {"data": [obj]}}
        )
        stripe_event = {
            "id": f"evt_refund_{next(self.counter)}",
            "type": via,
            "created": reported,
            "data": {"object": wrapped},
        }
        assert stripe_event_process(stripe_event) == "processed"
        self.sent_events.append(stripe_event)

    # Store and fair sessions -----------------------------------------------
    def session_closed_late(self, data):
        """A day at the store or a fair, closed days after its date."""
        channel = data.draw(st.sampled_from(["store", "fair"]), label="channel")
        days_ago = data.draw(st.integers(0, 6), label="days ago")
        date = max(self.today - days_ago * DAY, self.start)
        payment = data.draw(st.sampled_from(["cash", "card"]), label="paid by")
        sold = data.draw(
            st.lists(
                st.tuples(
                    st.sampled_from(self.variants),
                    st.integers(1, 3),
                    st.sampled_from(["catalogue", "fair price", "cheap"]),
                ),
                min_size=1,
                max_size=3,
            ),
            label="sales",
        )
        with self.clock():
            session = SalesSession.objects.create(
                channel=channel, place="Boutique", date=date, payment_method=payment
            )
            for variant_id, quantity, price in sold:
                unit = Variant.objects.get(pk=variant_id).price
                unit = {
                    "catalogue": unit,
                    "fair price": max(unit - 500, 100),
                    "cheap": 150,
                }[price]
                SalesSessionLine.objects.create(
                    session=session,
                    variant_id=variant_id,
                    quantity=quantity,
                    unit_price=unit,
                )
            try:
                with transaction.atomic():
                    order = session_close(session_id=session.pk)
            except SessionError:
                event("session refused")
                return
            self.session_orders.append(order.pk)
            assert order.paid_on == date and order.channel == channel
            try:
                with transaction.atomic():
                    session_close(session_id=session.pk)
            except SessionError:
                pass
            else:
                raise AssertionError("a session was closed twice")

    # Pooled costs, agreements, consignments --------------------------------
    def pooled_cost_shared(self, data):
        amount = data.draw(st.integers(1, 15000), label="amount")
        days_ago = data.draw(st.integers(0, 7), label="days ago")
        weights = data.draw(
            st.lists(st.integers(0, 4), min_size=3, max_size=3), label="weights"
        )
        if not any(weights):
            weights[0] = 1
        with self.clock():
            cost = PooledCost.objects.create(
                label="Bocaux en verre",
                incurred_on=max(self.today - days_ago * DAY, self.start),
                amount=amount,
            )
            shares = dict(zip(self.coops, weights, strict=True))
            pooled_cost_allocate(cost_id=cost.pk, weights=shares)
            assert total(cost.ledger_entries.all(), "net") == -amount
            try:
                with transaction.atomic():
                    pooled_cost_allocate(cost_id=cost.pk, weights=shares)
            except AlreadyAllocated:
                pass
            else:
                raise AssertionError("a pooled cost was shared out twice")

    def agreement_replaced(self, data):
        """The agreement in force ends today; another, on other terms,
        starts tomorrow (or after days without one)."""
        gap = data.draw(st.integers(0, 2), label="days without")
        coop_id = data.draw(st.sampled_from(self.coops), label="cooperative")
        terms = data.draw(agreement_terms, label="terms")
        with self.clock():
            current = (
                PartnershipAgreement.objects.filter(cooperative_id=coop_id)
                .order_by("-valid_from")
                .first()
            )
            if current.valid_until is not None or current.valid_from > self.today:
                return  # the next one is already signed
            current.valid_until = self.today
            current.full_clean()
            current.save()
            new = PartnershipAgreement(
                cooperative_id=coop_id,
                reference=f"SEASON-{coop_id}-{next(self.counter)}",
                signed_on=self.today,
                valid_from=self.today + (1 + gap) * DAY,
                valid_until=None,
                **terms,
            )
            new.full_clean()
            new.save()

    def consignment_arrives(self, data):
        quantity = data.draw(st.integers(1, 12), label="units")
        index = data.draw(st.integers(0, len(self.coops) - 1), label="cooperative")
        coop_id, variant_id = self.coops[index], self.lot_variants[index]
        codes = self.lot_codes[coop_id]
        if data.draw(st.booleans(), label="new lot"):
            codes.append(f"L{coop_id}-{len(codes)}")
            code = codes[-1]
        else:
            code = data.draw(st.sampled_from(codes), label="lot")
        shelf_days = data.draw(st.integers(-2, 60), label="shelf days")
        cost = data.draw(st.integers(0, 5000), label="transport")
        with self.clock(), allowed(LotError):
            consignment = Consignment.objects.create(
                cooperative_id=coop_id,
                received_on=self.today,
                transport_cost=cost,
                costs_deducted=data.draw(st.booleans(), label="deducted"),
            )
            ConsignmentLine.objects.create(
                consignment=consignment,
                variant_id=variant_id,
                lot_code=code,
                quantity=quantity,
                production_date=self.today - 90 * DAY,
                best_before=self.today + shelf_days * DAY,
            )
            consignment_receive(consignment_id=consignment.pk)

    # Time passes; the daily write-off --------------------------------------
    def night_passes(self, data):
        """Days go by (or hours of the same day). The daily command writes
        off expired lots, unless it did not run."""
        days = data.draw(st.sampled_from([1, 2, 1, 3, 5, 8, 13, 0]), label="days")
        if days == 0:
            self.now += datetime.timedelta(
                seconds=data.draw(st.integers(1, 4 * 3600), label="seconds")
            )
        else:
            self.now = at(
                self.today + days * DAY,
                data.draw(st.integers(0, 86399), label="time of day"),
                data.draw(st.integers(0, 999_999), label="microseconds"),
            )
        if data.draw(st.integers(0, 3), label="expiry job fails") != 0:
            with self.clock():
                lots_expire()
                assert not Lot.objects.filter(
                    status=LotStatus.RELEASED,
                    best_before__lt=self.today,
                    stock__gt=0,
                ).exists()
            self.expire_run = (self.today, self._lot_inflows())

    def _lot_inflows(self) -> dict[int, int]:
        """Units that entered each lot so far: received and given back."""
        flows = dict(Lot.objects.values_list("pk", "received"))
        for lot_id, returned in (
            OrderLineLot.objects.values("lot")
            .annotate(units=Sum("returned"))
            .values_list("lot", "units")
        ):
            flows[lot_id] += returned
        return flows

    # Statements ----------------------------------------------------------
    def statements_issued(self, data):
        """Staff issue statements for past periods, cooperative by
        cooperative, in any order."""
        today = self.today
        for coop_id in data.draw(st.permutations(self.coops), label="order"):
            end = data.draw(
                st.sampled_from(
                    ["yesterday", "none", "last sunday", "last month", "agreement"]
                    + ["days ago"]
                ),
                label=f"period of {coop_id}",
            )
            if end == "none":
                continue
            if end == "agreement":  # the previous Sunday or month's end
                period_end = period_end_for(Cooperative.objects.get(pk=coop_id), today)
            elif end == "days ago":
                days = data.draw(st.integers(2, 12), label="days ago")
                period_end = today - days * DAY
            else:
                period_end = {
                    "yesterday": today - DAY,
                    "last sunday": today - (today.isoweekday() % 7 or 7) * DAY,
                    "last month": today.replace(day=1) - DAY,
                }[end]
            if period_end is not None:
                self._issue(coop_id, period_end)

    def _issue(self, coop_id, period_end):
        with self.clock(), allowed(SettlementError):
            existed = Statement.objects.filter(
                cooperative_id=coop_id, period_end=period_end
            ).exists()
            statement = statement_issue(cooperative_id=coop_id, period_end=period_end)
            assert statement.period_end == period_end
            if not existed:
                left = LedgerEntry.objects.filter(
                    cooperative_id=coop_id,
                    statement__isnull=True,
                    payable_on__lte=period_end,
                )
                assert not left.exists(), "an entry payable in the period was left out"

    def statements_paid(self, data):
        """Transfers recorded against statements in random order, some
        twice, some with another reference."""
        ids = list(Statement.objects.order_by("pk").values_list("pk", flat=True))
        if not ids:
            return
        # The statements owed come up more often than the others.
        ids += (
            list(
                Statement.objects.filter(status="issued", closing_balance__gt=0)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            * 3
        )
        for statement_id in data.draw(
            st.lists(st.sampled_from(ids), min_size=1, max_size=4), label="paid"
        ):
            self._pay(statement_id, data.draw(st.booleans(), label="same reference"))

    def _pay(self, statement_id, same_reference):
        statement = Statement.objects.get(pk=statement_id)
        reference = self.statement_refs.get(statement.pk, f"VIR-{statement.pk}")
        if not same_reference:
            reference = f"{reference}-{next(self.counter)}"
        before = statement.status
        with self.clock():
            try:
                with transaction.atomic():
                    statement_mark_paid(statement_id=statement.pk, reference=reference)
            except SettlementError as error:
                event("payment refused", f"{before}: {str(error)[:50]}")
                statement.refresh_from_db()
                assert statement.status == before
                # The latest statement, issued, with money to pay, is paid.
                assert not (
                    before == StatementStatus.ISSUED and statement.closing_balance > 0
                ), "a statement that is owed could not be paid"
                return
        statement.refresh_from_db()
        assert statement.status == StatementStatus.PAID
        if before == StatementStatus.PAID:
            assert statement.transfer_reference == self.statement_refs[statement.pk]
            return
        assert before == StatementStatus.ISSUED
        self.statement_refs[statement.pk] = reference
        coop = statement.cooperative_id
        paid = total(
            Statement.objects.filter(cooperative_id=coop, status="paid"),
            "closing_balance",
        )
        settled = total(
            LedgerEntry.objects.filter(cooperative_id=coop, statement__isnull=False),
            "net",
        )
        assert paid <= settled, "paid more than the cooperative's settled entries"

    # Invariants ----------------------------------------------------------
    # Each step's books are read once (`books`) and checked in Python; the
    # reconciliation is the report's own.
    def books(self) -> SimpleNamespace:
        if self._books is not None and self._books[0] == self.steps:
            return self._books[1]
        books = SimpleNamespace(
            entries=list(LedgerEntry.objects.all()),
            statements=list(Statement.objects.order_by("period_end", "pk")),
            orders={order.pk: order for order in Order.objects.all()},
            lines=list(OrderLine.objects.order_by("pk")),
            agreements={a.pk: a for a in PartnershipAgreement.objects.all()},
            sessions=dict(
                SalesSession.objects.exclude(order=None).values_list("order", "date")
            ),
            refunds={refund.pk: refund for refund in Refund.objects.all()},
            refund_lines=list(RefundLine.objects.all()),
            bookings=list(RefundBooking.objects.all()),
            payments=list(Payment.objects.all()),
            lots=list(Lot.objects.all()),
            allocations=list(OrderLineLot.objects.all()),
            stock=dict(Variant.objects.values_list("pk", "stock")),
        )
        books.line = {line.pk: line for line in books.lines}
        self._books = (self.steps, books)
        return books

    def sale_day(self, order) -> datetime.date:
        """The day an order was sold: its session's, else the day placed."""
        return self.books().sessions.get(order.pk) or timezone.localdate(
            order.placed_at
        )

    @invariant()
    def statements_chain_and_balance(self):
        """1. What a cooperative was paid plus its latest statement if
        unpaid equals its settled entries; the chain is whole (each
        statement opens with what the previous one left: nothing if paid,
        its balance if carried); at most one is issued: the latest."""
        books = self.books()
        settled = defaultdict(int)
        for entry in books.entries:
            if entry.statement_id:
                settled[entry.cooperative_id] += entry.net
        chains = defaultdict(list)
        for statement in books.statements:
            chains[statement.cooperative_id].append(statement)
        for coop_id in self.coops:
            chain = chains[coop_id]
            paid = sum(s.closing_balance for s in chain if s.status == "paid")
            unpaid = chain[-1].closing_balance if chain else 0
            if chain and chain[-1].status == StatementStatus.PAID:
                unpaid = 0
            assert paid + unpaid == settled[coop_id], (
                coop_id,
                paid,
                unpaid,
                settled[coop_id],
            )
            issued = [s for s in chain if s.status == StatementStatus.ISSUED]
            assert len(issued) <= 1 and (not issued or issued[0] is chain[-1])
            previous = None
            for statement in chain:
                assert statement.previous_id == (previous.pk if previous else None)
                opening = 0
                if previous is not None:
                    assert previous.status in {"paid", "carried"}, previous.number
                    if previous.status == "carried":
                        opening = previous.closing_balance
                    assert statement.period_start == previous.period_end + DAY
                assert statement.opening_balance == opening, statement.number
                assert statement.closing_balance == opening + statement.net_payable
                if statement.status == StatementStatus.PAID:
                    assert statement.closing_balance > 0
                    assert (
                        statement.transfer_reference
                        == (self.statement_refs[statement.pk])
                    )
                previous = statement

    @invariant()
    def statements_hold_their_entries(self):
        """2. Every settled entry was payable by its statement's end, and a
        statement's figures are its entries' sums."""
        books = self.books()
        held = defaultdict(list)
        for entry in books.entries:
            if entry.statement_id:
                held[entry.statement_id].append(entry)
        for statement in books.statements:
            entries = held[statement.pk]
            late = [e.pk for e in entries if e.payable_on > statement.period_end]
            assert not late, (statement.number, "holds entries payable later", late)
            assert {e.cooperative_id for e in entries} <= {statement.cooperative_id}
            money = [e for e in entries if e.kind != EntryKind.DEDUCTION]
            figures = {
                "net_payable": sum(e.net for e in entries),
                "sales": sum(e.gross for e in entries if e.kind == EntryKind.SALE),
                "refunds": sum(
                    e.gross
                    for e in entries
                    if e.kind in {EntryKind.REFUND, EntryKind.REFUND_VOID}
                ),
                "deductions": sum(
                    e.net for e in entries if e.kind == EntryKind.DEDUCTION
                ),
                "commission": sum(e.commission for e in money),
                "vat": sum(e.vat for e in money),
                "fees": sum(e.fee for e in money),
            }
            assert {name: getattr(statement, name) for name in figures} == figures, (
                statement.number
            )

    @invariant()
    def every_month_reconciles(self):
        """3. Every month from the season's first day to today balances."""
        month = (self.start - 7 * DAY).replace(day=1)
        while month <= self.today:
            following = (month + 32 * DAY).replace(day=1)
            report = reconciliation(start=month, end=following - DAY)
            assert report["balanced"], (month, report["collected"], report["parts"])
            month = following
        whole = reconciliation(start=self.start - 400 * DAY, end=self.today + 400 * DAY)
        assert whole["balanced"]
        assert whole["collected"] == sum(
            order.total for order in self.books().orders.values() if order.paid_at
        )

    @invariant()
    def lots_and_stock_add_up(self):
        """4. Lots keep their units; a variant's stock is its released lots'
        (or, without lots, what came in less what went out); nothing was
        sold from a lot past its best-before; after the daily write-off no
        released lot holds expired units but those that came in since."""
        books = self.books()
        out, inflow = defaultdict(int), {}
        for allocation in books.allocations:
            out[allocation.lot_id] += allocation.quantity - allocation.returned
        for lot in books.lots:
            inflow[lot.pk] = lot.received
        for allocation in books.allocations:
            inflow[allocation.lot_id] += allocation.returned
        released = defaultdict(int)
        for lot in books.lots:
            assert lot.received == lot.sold + lot.stock + lot.returned + lot.written_off
            assert lot.sold == out[lot.pk], (lot.code, lot.sold, out[lot.pk])
            if lot.status == LotStatus.RELEASED:
                released[lot.variant_id] += lot.stock
        for variant_id in self.lot_variants:
            assert books.stock[variant_id] == released[variant_id], variant_id
        kept = {
            line.pk: line
            for line in books.lines
            if not books.orders[line.order_id].stock_released
        }
        expected = dict(self.plain_initial)
        for line in kept.values():
            if line.variant_id in expected:
                expected[line.variant_id] -= line.quantity
        for refund_line in books.refund_lines:
            line = kept.get(refund_line.order_line_id)
            if (
                line is not None
                and line.variant_id in expected
                and books.refunds[refund_line.refund_id].restock
            ):
                expected[line.variant_id] += refund_line.quantity
        for variant_id, stock in expected.items():
            assert books.stock[variant_id] == stock, (variant_id, stock)
        lots = {lot.pk: lot for lot in books.lots}
        for allocation in books.allocations:
            order = books.orders[books.line[allocation.order_line_id].order_id]
            assert lots[allocation.lot_id].best_before >= self.sale_day(order), (
                "sold from an expired lot",
                order.number,
            )
        if self.expire_run is not None and self.expire_run[0] == self.today:
            for lot in books.lots:
                if lot.status == LotStatus.RELEASED and lot.best_before < self.today:
                    came_in = inflow[lot.pk] - self.expire_run[1].get(lot.pk, 0)
                    assert lot.stock <= came_in, ("expired units on sale", lot.code)

    @invariant()
    def every_line_adds_up(self):
        """5. Every entry's parts add up; a paid line has one sale entry, of
        its amounts, under the agreement in force the day it was sold,
        payable after that agreement's delay; a line's entries never net
        below zero, and a fully refunded line nets to zero in every part."""
        books = self.books()
        by_line = defaultdict(list)
        for entry in books.entries:
            if entry.kind != EntryKind.DEDUCTION:
                assert entry.gross == (
                    entry.discount
                    + entry.vat
                    + entry.commission
                    + entry.fee
                    + entry.net
                ), entry.label
            if entry.order_line_id:
                by_line[entry.order_line_id].append(entry)
        booked_units = defaultdict(int)
        for refund_line in books.refund_lines:
            if books.refunds[refund_line.refund_id].booked:
                booked_units[refund_line.order_line_id] += refund_line.quantity
        for line in books.lines:
            order = books.orders[line.order_id]
            entries = by_line.get(line.pk, [])
            sales = [e for e in entries if e.kind == EntryKind.SALE]
            assert len(sales) == (1 if order.paid_at else 0), (line, order.status)
            if not sales:
                assert not entries, line
                continue
            sale = sales[0]
            assert (sale.gross, sale.discount, sale.vat, sale.quantity) == (
                line.gross,
                line.discount,
                line.vat,
                line.quantity,
            )
            assert sale.occurred_on == order.paid_on
            agreement = books.agreements[line.agreement_id]
            assert agreement.cooperative_id == line.cooperative_id
            assert agreement.is_in_force_on(self.sale_day(order)), (
                "sold under an agreement not in force",
                order.number,
            )
            assert sale.commission_bp == agreement.commission_bp(order.channel)
            if agreement.fees_borne_by == "foundation":
                assert sale.fee == 0, order.number
            delay = 0
            if order.channel == "online" and order.payment_method == "stripe":
                delay = agreement.delay_online_days
            assert sale.payable_on == sale.occurred_on + delay * DAY, order.number
            sums = {part: sum(getattr(e, part) for e in entries) for part in PARTS}
            assert sums["net"] >= 0, f"line {line.pk} ({line}) nets below zero: {sums}"
            assert sum(e.quantity for e in entries) == (
                line.quantity - booked_units[line.pk]
            )
            if booked_units[line.pk] == line.quantity:
                assert set(sums.values()) == {0}, f"fully refunded {line}: {sums}"

    @invariant()
    def orders_and_payments_add_up(self):
        """Every paid order's sales and delivery make its total, paid once;
        its fee shares stay within the provider's fee; refunds never pass
        what was paid, and are in the ledger exactly when they succeeded,
        for what they refund."""
        books = self.books()
        sales_of = defaultdict(list)
        for entry in books.entries:
            if entry.kind == EntryKind.SALE:
                sales_of[books.line[entry.order_line_id].order_id].append(entry)
        succeeded = defaultdict(list)
        for payment in books.payments:
            if payment.status == PaymentStatus.SUCCEEDED:
                succeeded[payment.order_id].append(payment)
        for order in books.orders.values():
            if not order.paid_at:
                continue
            sales = sales_of[order.pk]
            charged = sum(e.gross - e.discount for e in sales)
            assert charged + order.delivery == order.total, order.number
            [payment] = succeeded[order.pk]
            assert payment.amount == order.total
            assert sum(e.fee for e in sales) <= payment.fee, order.number
        lines_of = defaultdict(list)
        for refund_line in books.refund_lines:
            lines_of[refund_line.refund_id].append(refund_line)
        booked = defaultdict(lambda: [0, 0])
        for booking in books.bookings:
            booked[booking.refund_id][0] += booking.amount
            booked[booking.refund_id][1] += booking.delivery
        reversed_ = defaultdict(int)
        refund_of_line = {rl.pk: rl.refund_id for rl in books.refund_lines}
        for entry in books.entries:
            if entry.refund_line_id:
                reversed_[refund_of_line[entry.refund_line_id]] += (
                    entry.gross - entry.discount
                )
        refunded = defaultdict(int)
        for refund in books.refunds.values():
            lines_amount = sum(line.amount for line in lines_of[refund.pk])
            assert refund.amount == lines_amount + refund.delivery, refund.pk
            assert refund.booked == (refund.status == PaymentStatus.SUCCEEDED)
            assert booked[refund.pk] == (
                [refund.amount, refund.delivery] if refund.booked else [0, 0]
            ), refund.pk
            assert reversed_[refund.pk] == (-lines_amount if refund.booked else 0)
            refunded[refund.order_id] += refund.amount
        for order_id, amount in refunded.items():
            assert amount <= books.orders[order_id].total, order_id

    @invariant()
    def stripe_refunds_follow_stripe(self):
        """A card refund is in the ledger exactly when Stripe last said its
        latest attempt succeeded, however late, stale, repeated or early the
        news came; and Stripe never refunds one refund twice."""
        succeeded = defaultdict(int)
        for state in self.stripe_refunds.values():
            if state["status"] == "succeeded":
                succeeded[state["refund_id"]] += 1
        assert max(succeeded.values(), default=0) <= 1, (
            "Stripe refunded twice",
            {r: s["status"] for r, s in self.stripe_refunds.items()},
        )
        for refund_id, reference in self.stripe_attempt.items():
            state = self.stripe_refunds[reference]
            refund = self.books().refunds[refund_id]
            seen = (refund.reference, refund.status, refund.booked, refund.status_at)
            if refund.idempotency_key != state["key"]:
                # Staff sent a new attempt Stripe has not made (yet).
                assert (refund.reference, refund.booked) == ("", False), seen
                continue
            if not state["told"]:
                continue  # Stripe's answer was lost and no news came since
            expected = STRIPE_REFUND[state["status"]]
            assert refund.reference == reference, (reference, state, seen)
            assert refund.booked == (expected == PaymentStatus.SUCCEEDED), (
                reference,
                state,
                seen,
            )
            if expected in FINAL:
                assert refund.status == expected, (reference, state, seen)

    @invariant()
    def one_order_per_review_form(self):
        """6. Double submits never make a second order."""
        orders = self.books().orders.values()
        by_token = {o.checkout_token: o.pk for o in orders if o.checkout_token}
        assert by_token == {t: placed[0] for t, placed in self.tokens.items()}
        assert sorted(o.pk for o in orders if o.channel == "online") == sorted(
            by_token.values()
        )
        assert sorted(o.pk for o in orders if o.channel != "online") == sorted(
            self.session_orders
        )

    @invariant()
    def paid_orders_never_go_back(self):
        """A paid order stays paid, once; an order whose stock went back on
        the shelf keeps no money in the ledger."""
        books = self.books()
        for order in books.orders.values():
            if order.paid_at:
                self.paid_at.setdefault(order.pk, order.paid_at)
        for order_id, paid_at in self.paid_at.items():
            order = books.orders[order_id]
            assert order.paid_at == paid_at
            assert order.status in PAID_WORLD, (
                "a paid order left the paid states",
                order.number,
                order.status,
            )
        kept = [
            entry
            for entry in books.entries
            if entry.order_line_id
            and books.orders[books.line[entry.order_line_id].order_id].stock_released
        ]
        assert sum(e.net for e in kept) == 0 and not [
            e for e in kept if e.kind == EntryKind.SALE
        ], "a cancelled order's goods are back on the shelf but its sale stands"


class TestMoneySeason(MoneySeason.TestCase, django.test.TestCase):
    """The state machine inside one Django test case (one database, rolled
    back per example by the machine itself)."""

    settings = settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        phases=[phase for phase in Phase if SHRINK or phase != Phase.shrink],
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
