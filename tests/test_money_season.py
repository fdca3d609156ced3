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

MONEY_SEASON_EXAMPLES (default 12) and MONEY_SEASON_STEPS (default 40) make
longer runs, e.g. `MONEY_SEASON_EXAMPLES=200 .venv/bin/pytest
tests/test_money_season.py --hypothesis-seed=7`.
"""

import contextlib
import datetime
import inspect
import itertools
import os
from collections import defaultdict
from types import SimpleNamespace
from unittest import mock

import django.test
import stripe
import time_machine
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
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
from shop.orders.states import IllegalTransition, OrderStatus, staff_moves
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

EXAMPLES = int(os.environ.get("MONEY_SEASON_EXAMPLES", "12"))
STEPS = int(os.environ.get("MONEY_SEASON_STEPS", "40"))
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
REFUND_TAKES_FORM_TOKEN = "form_token" in inspect.signature(refund_create).parameters

agreement_terms = st.fixed_dictionaries(
    {
        "commission_online_bp": st.sampled_from([0, 1200, 1500, 1800, 2500]),
        "commission_store_bp": st.sampled_from([1000, 1500, 2000]),
        "commission_fair_bp": st.sampled_from([0, 1200, 1750]),
        "commission_wholesale_bp": st.just(1000),
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


class FakeStripeRefunds:
    """Stands in for `stripe_gateway.refund_create`: answers the status the
    rule chose, one Stripe refund per idempotency key, or a timeout."""

    def __init__(self):
        self.outcome = "succeeded"
        self.by_key: dict[str, str] = {}
        self.calls = 0

    def __call__(self, *, intent_reference: str, amount: int, key: str):
        self.calls += 1
        if self.outcome == "timeout":
            raise stripe.APIConnectionError("simulated timeout")
        reference = self.by_key.setdefault(key, f"re_{len(self.by_key) + 1}")
        return SimpleNamespace(id=reference, status=self.outcome)


class MoneySeason(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # The example's own savepoint, rolled back in teardown.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.counter = itertools.count(1)
        self.gateway = FakeStripeRefunds()
        self.tokens: dict[str, tuple[int, int, CheckoutDetails]] = {}
        self.card_orders: list[int] = []
        self.cod_orders: list[int] = []
        self.session_orders: list[int] = []
        self.paid_at: dict[int, datetime.datetime] = {}
        self.card_refunds: list[int] = []
        # What Stripe last said of each refund: (status, when, in Unix seconds).
        self.stripe_truth: dict[str, tuple[str, float]] = {}
        self.stripe_history: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self.sent_events: list[dict] = []
        self.statement_refs: dict[int, str] = {}
        self.expire_run = None  # (day, received and returned per lot then)

    def teardown(self):
        if hasattr(self, "start"):  # what the season did, for --hypothesis-show-statistics
            event("days", str(min((self.today - self.start).days // 15 * 15, 60)))
            for name, count in (
                ("paid orders", Order.objects.filter(paid_at__isnull=False).count()),
                ("card paid", Order.objects.filter(paid_at__isnull=False, payment_method="stripe").count()),
                ("cod paid", Order.objects.filter(paid_at__isnull=False, payment_method="cod").count()),
                ("sessions", len(self.session_orders)),
                ("refunds booked", Refund.objects.filter(booked=True).count()),
                ("card refunds", len(self.card_refunds)),
                ("refund voids", LedgerEntry.objects.filter(kind="refund_void").count()),
                ("statements", Statement.objects.count()),
                ("statements paid", Statement.objects.filter(status="paid").count()),
                ("statements carried", Statement.objects.filter(status="carried").count()),
                ("agreements", PartnershipAgreement.objects.count() - 3),
                ("cancelled", Order.objects.filter(status="cancelled").count()),
                ("written off", Lot.objects.filter(written_off__gt=0).count()),
            ):
                event(name, str(min(count, 5)))
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # The clock -----------------------------------------------------------
    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def clock(self):
        return time_machine.travel(self.now, tick=False)

    def refunds_patched(self, outcome: str):
        self.gateway.outcome = outcome
        return mock.patch(
            "shop.payments.stripe_gateway.refund_create", new=self.gateway
        )

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
            st.tuples(st.integers(2, 8), st.integers(1, 25)), min_size=6, max_size=6
        ),
        stocks=st.lists(st.integers(3, 12), min_size=3, max_size=3),
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
            self.pickup = DeliveryMethodFactory(
                name="Retrait", zone="pickup", city="Rabat", price=0
            )
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

    # Time passes -------------------------------------------------------------
    @rule(
        days=st.integers(1, 9),
        seconds=st.integers(0, 86399),
        micro=st.integers(0, 999_999),
    )
    def next_days(self, days, seconds, micro):
        self.now = at(self.today + days * DAY, seconds, micro)

    @rule(days=st.integers(7, 17), seconds=st.integers(0, 86399))
    def next_weeks(self, days, seconds):
        self.now = at(self.today + days * DAY, seconds, self.now.microsecond)

    @rule(seconds=st.integers(0, 3 * 3600))
    def a_while_later(self, seconds):
        self.now += datetime.timedelta(seconds=seconds)

    # Orders --------------------------------------------------------------
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

    @rule(
        data=st.data(),
        method=st.sampled_from(["cod", "stripe"]),
        code=st.sampled_from(["", "", "FOND10", "COOP15", "NOPE"]),
        pickup=st.booleans(),
        twice=st.booleans(),
    )
    def place_order(self, data, method, code, pickup, twice):
        picks = data.draw(
            st.lists(
                st.sampled_from(self.variants), min_size=1, max_size=3, unique=True
            )
        )
        quantities = [data.draw(st.integers(1, 3)) for _ in picks]
        token = f"review-{next(self.counter)}"
        details = self._details(method, code, pickup)
        with self.clock():
            cart = Cart.objects.create()
            for variant_id, quantity in zip(picks, quantities, strict=True):
                CartLine.objects.create(
                    cart=cart, variant_id=variant_id, quantity=quantity
                )
            try:
                with transaction.atomic():
                    order = order_place(
                        cart=cart, details=details, language="fr", checkout_token=token
                    )
            except CheckoutError:
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

    @precondition(lambda self: self.tokens)
    @rule(data=st.data(), more_in_cart=st.booleans())
    def review_form_sent_again(self, data, more_in_cart):
        """A phone re-sends the review form, maybe days later, maybe with
        something new in the cart: the same order comes back."""
        token = data.draw(st.sampled_from(sorted(self.tokens)))
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
    @precondition(lambda self: self.card_orders)
    @rule(
        data=st.data(),
        status=st.sampled_from(
            ["succeeded", "succeeded", "requires_payment_method", "processing"]
            + ["canceled"]
        ),
        amount=st.sampled_from(["total", "total", "total", "short"]),
        reported_fee=st.booleans(),
        via=st.sampled_from(["webhook", "return page"]),
    )
    def stripe_reports_intent(self, data, status, amount, reported_fee, via):
        order_id = data.draw(st.sampled_from(self.card_orders))
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
                event = {
                    "id": f"evt_intent_{next(self.counter)}",
                    "type": INTENT_EVENT[status],
                    "created": int(self.now.timestamp()),
                    "data": {"object": intent},
                }
                assert stripe_event_process(event) == "processed"
                self.sent_events.append(event)
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
            # Paid while cancelled: flagged for staff, never paid.
            assert order.paid_at is None and order.status == was_status
        else:
            assert order.paid_at is was_paid_at is None

    @precondition(lambda self: self.sent_events)
    @rule(data=st.data())
    def stripe_sends_an_event_again(self, data):
        event = data.draw(st.sampled_from(self.sent_events))
        with self.clock():
            before = self._money_snapshot()
            assert stripe_event_process(event) == "duplicate"
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

    # Deliveries, staff moves, cash -------------------------------------------
    @precondition(lambda self: self.tokens)
    @rule(data=st.data())
    def deliver(self, data):
        """Prepared, shipped and delivered (as the order screen moves it)."""
        order_id = data.draw(st.sampled_from(self.card_orders + self.cod_orders))
        with self.clock():
            order = Order.objects.get(pk=order_id)
            if order.payment_method == "stripe" and order.paid_at is None:
                return  # card orders are prepared once paid
            for target in (S.PREPARING, S.SHIPPED, S.DELIVERED):
                order = Order.objects.get(pk=order_id)
                if target in staff_moves(order.status):
                    self._staff_move(order, target)

    def _staff_move(self, order, target):
        """What the order screen's status form does (shop/admin_views.py)."""
        with allowed(IllegalTransition, ValueError):
            if target == S.CANCELLED:
                order_cancel(order_id=order.pk, reason="by staff")
            else:
                from shop.orders.states import order_transition

                locked = Order.objects.select_for_update().get(pk=order.pk)
                order_transition(order=locked, to=target)

    @precondition(lambda self: self.tokens)
    @rule(data=st.data())
    def staff_moves_an_order(self, data):
        order_id = data.draw(st.sampled_from(self.card_orders + self.cod_orders))
        with self.clock():
            order = Order.objects.get(pk=order_id)
            moves = staff_moves(order.status)
            if moves:
                self._staff_move(order, data.draw(st.sampled_from(moves)))

    @precondition(lambda self: self.cod_orders)
    @rule(data=st.data(), days_back=st.integers(0, 3), wrong=st.booleans())
    def courier_brings_cash(self, data, days_back, wrong):
        delivered = list(
            Order.objects.filter(pk__in=self.cod_orders, status=S.DELIVERED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not delivered:
            return
        order = Order.objects.get(pk=data.draw(st.sampled_from(delivered)))
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
    def _paid_orders(self) -> list[int]:
        return list(
            Order.objects.filter(paid_at__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    @precondition(lambda self: self.paid_at)
    @rule(
        data=st.data(),
        include_delivery=st.booleans(),
        restock=st.booleans(),
        outcome=st.sampled_from(["succeeded", "pending", "failed", "timeout"]),
        twice=st.booleans(),
    )
    def staff_refunds(self, data, include_delivery, restock, outcome, twice):
        order = Order.objects.get(pk=data.draw(st.sampled_from(self._paid_orders())))
        lines = list(order.lines.order_by("pk"))
        quantities = {
            line.pk: data.draw(st.integers(0, line.quantity)) for line in lines
        }
        token = f"refund-form-{next(self.counter)}"
        extra = {"form_token": token} if REFUND_TAKES_FORM_TOKEN else {}
        made = []
        with self.clock(), self.refunds_patched(outcome), allowed(RefundError):
            for _attempt in range(2 if twice and REFUND_TAKES_FORM_TOKEN else 1):
                try:
                    refund = refund_create(
                        order_id=order.pk,
                        quantities=quantities,
                        include_delivery=include_delivery,
                        restock=restock,
                        reason="season",
                        **extra,
                    )
                except stripe.APIConnectionError:
                    # The refund is recorded, Stripe never answered: pending,
                    # no reference; staff retry it later.
                    refund = Refund.objects.filter(order=order).order_by("-pk").first()
                made.append(refund.pk)
                self._refund_sent(refund, outcome)
        if not made:
            return
        assert len(set(made)) == 1, "the same refund form refunded twice"
        refund = Refund.objects.get(pk=made[0])
        if refund.provider == "stripe":
            if refund.pk not in self.card_refunds:
                self.card_refunds.append(refund.pk)
        else:
            assert refund.status == PaymentStatus.SUCCEEDED and refund.booked

    def _refund_sent(self, refund, outcome):
        """Stripe's word, as the fake gateway gave it to `refund_send`."""
        if refund.provider != "stripe" or outcome == "timeout":
            return
        refund.refresh_from_db()
        if refund.reference:
            moment = self.now.timestamp()
            self.stripe_truth[refund.reference] = (outcome, moment)
            self.stripe_history[refund.reference].append((outcome, int(moment)))

    @precondition(lambda self: self.card_refunds)
    @rule(
        data=st.data(),
        outcome=st.sampled_from(["succeeded", "succeeded", "pending", "failed"])
        | st.just("timeout"),
    )
    def staff_retries_card_refund(self, data, outcome):
        refund = Refund.objects.get(pk=data.draw(st.sampled_from(self.card_refunds)))
        if refund.status == PaymentStatus.SUCCEEDED:
            outcome = "never asked"
        calls = self.gateway.calls
        with self.clock(), self.refunds_patched(outcome):
            try:
                with transaction.atomic():
                    refund_send(refund_id=refund.pk)
            except stripe.APIConnectionError:
                return
            if outcome == "never asked":
                assert self.gateway.calls == calls
                return
            self._refund_sent(refund, outcome)

    @precondition(lambda self: self.stripe_truth)
    @rule(
        data=st.data(),
        kind=st.sampled_from(["fresh", "fresh", "stale", "repeat"]),
        delay=st.integers(0, 600),
        via=st.sampled_from(["refund.updated", "charge.refunded", "reconcile"]),
    )
    def stripe_reports_refund(self, data, kind, delay, via):
        reference = data.draw(st.sampled_from(sorted(self.stripe_truth)))
        status, when = self.stripe_truth[reference]
        if kind == "stale":
            # An older report of Stripe's, arriving late: it changes nothing.
            older = [(s, t) for s, t in self.stripe_history[reference] if t < when]
            if not older:
                return
            status, reported = data.draw(st.sampled_from(older))
        else:
            self.now += datetime.timedelta(seconds=delay)
            if kind == "fresh":
                status = data.draw(st.sampled_from(STRIPE_NEXT[status]))
            reported = int(self.now.timestamp())
        refund = Refund.objects.get(provider="stripe", reference=reference)
        obj = {
            "id": reference,
            "object": "refund",
            "amount": refund.amount,
            "status": status,
            "payment_intent": refund.payment.reference,
        }
        with self.clock():
            before = self._money_snapshot()
            if via == "reconcile":
                with transaction.atomic():
                    stripe_refund_reconcile(obj, reported=reported)
            else:
                wrapped = (
                    obj
                    if via == "refund.updated"
                    else {"object": "charge", "refunds": {"data": [obj]}}
                )
                event = {
                    "id": f"evt_refund_{next(self.counter)}",
                    "type": via,
                    "created": reported,
                    "data": {"object": wrapped},
                }
                assert stripe_event_process(event) == "processed"
                self.sent_events.append(event)
            if kind == "stale":
                assert self._money_snapshot() == before, "a stale report moved money"
            else:
                self.stripe_truth[reference] = (status, float(reported))
                self.stripe_history[reference].append((status, reported))

    # Store and fair sessions -----------------------------------------------
    @rule(
        data=st.data(),
        channel=st.sampled_from(["store", "fair"]),
        days_ago=st.integers(0, 6),
        payment=st.sampled_from(["cash", "card"]),
    )
    def session_closed_late(self, data, channel, days_ago, payment):
        date = max(self.today - days_ago * DAY, self.start)
        sold = data.draw(
            st.lists(
                st.tuples(
                    st.sampled_from(self.variants),
                    st.integers(1, 3),
                    st.sampled_from(["catalogue", "fair price", "cheap"]),
                ),
                min_size=1,
                max_size=3,
            )
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

    # Pooled costs, agreements, consignments, lots --------------------------
    @rule(
        amount=st.integers(1, 60000),
        days_ago=st.integers(0, 7),
        weights=st.lists(st.integers(0, 4), min_size=3, max_size=3),
    )
    def pooled_cost_shared(self, amount, days_ago, weights):
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

    @rule(data=st.data(), terms=agreement_terms, gap=st.integers(0, 2))
    def agreement_replaced(self, data, terms, gap):
        """The agreement in force ends today; another, on other terms,
        starts tomorrow (or after a gap of days without one)."""
        coop_id = data.draw(st.sampled_from(self.coops))
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

    @rule(
        data=st.data(),
        quantity=st.integers(1, 8),
        shelf_days=st.integers(-2, 40),
        new_lot=st.booleans(),
        deducted=st.booleans(),
        cost=st.integers(0, 5000),
    )
    def consignment_arrives(self, data, quantity, shelf_days, new_lot, deducted, cost):
        index = data.draw(st.integers(0, len(self.coops) - 1))
        coop_id, variant_id = self.coops[index], self.lot_variants[index]
        codes = self.lot_codes[coop_id]
        if new_lot:
            codes.append(f"L{coop_id}-{len(codes)}")
            code = codes[-1]
        else:
            code = data.draw(st.sampled_from(codes))
        with self.clock(), allowed(LotError):
            consignment = Consignment.objects.create(
                cooperative_id=coop_id,
                received_on=self.today,
                transport_cost=cost,
                costs_deducted=deducted,
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

    @rule()
    def expired_lots_written_off(self):
        with self.clock():
            lots_expire()
            assert not Lot.objects.filter(
                status=LotStatus.RELEASED, best_before__lt=self.today, stock__gt=0
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
    @rule(
        data=st.data(),
        end=st.sampled_from(
            ["yesterday", "last sunday", "last month", "agreement", "days ago"]
        ),
        days_ago=st.integers(2, 12),
    )
    def statement_issued(self, data, end, days_ago):
        coop_id = data.draw(st.sampled_from(self.coops))
        today = self.today
        period_end = {
            "yesterday": today - DAY,
            "last sunday": today - (today.isoweekday() % 7 or 7) * DAY,
            "last month": today.replace(day=1) - DAY,
            "days ago": today - days_ago * DAY,
            "agreement": None,
        }[end]
        with self.clock(), allowed(SettlementError):
            if end == "agreement":
                period_end = period_end_for(Cooperative.objects.get(pk=coop_id), today)
                if period_end is None:
                    return
            existed = Statement.objects.filter(
                cooperative_id=coop_id, period_end=period_end
            ).exists()
            try:
                statement = statement_issue(cooperative_id=coop_id, period_end=period_end)
            except SettlementError as e:
                print("DEBUG issue refused", period_end, self.today, e)
                raise
            print("DEBUG issued", period_end)
            assert statement.period_end == period_end
            if not existed:
                left = LedgerEntry.objects.filter(
                    cooperative_id=coop_id,
                    statement__isnull=True,
                    payable_on__lte=period_end,
                )
                assert not left.exists(), "an entry payable in the period was left out"

    @rule(data=st.data(), same_reference=st.booleans())
    def statement_paid(self, data, same_reference):
        ids = list(Statement.objects.order_by("pk").values_list("pk", flat=True))
        if not ids:
            return
        statement = Statement.objects.get(pk=data.draw(st.sampled_from(ids)))
        reference = self.statement_refs.get(statement.pk, f"VIR-{statement.pk}")
        if not same_reference:
            reference = f"{reference}-{next(self.counter)}"
        before = statement.status
        with self.clock():
            try:
                with transaction.atomic():
                    statement_mark_paid(statement_id=statement.pk, reference=reference)
            except SettlementError:
                statement.refresh_from_db()
                assert statement.status == before
                # Only the latest statement, issued, with money to pay, is paid.
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
    @invariant()
    def statements_chain_and_balance(self):
        """1. Paid statements + the latest unpaid one = settled entries;
        the chain is whole; at most one issued statement, the latest."""
        for coop_id in self.coops:
            chain = list(
                Statement.objects.filter(cooperative_id=coop_id).order_by("period_end")
            )
            settled = total(
                LedgerEntry.objects.filter(
                    cooperative_id=coop_id, statement__isnull=False
                ),
                "net",
            )
            paid = sum(s.closing_balance for s in chain if s.status == "paid")
            unpaid = (
                chain[-1].closing_balance
                if chain and chain[-1].status != StatementStatus.PAID
                else 0
            )
            assert paid + unpaid == settled, (coop_id, paid, unpaid, settled)
            issued = [s for s in chain if s.status == StatementStatus.ISSUED]
            assert len(issued) <= 1 and (not issued or issued[0] is chain[-1])
            previous = None
            for statement in chain:
                assert statement.previous_id == (previous.pk if previous else None)
                if previous is None:
                    opening = 0
                else:
                    assert previous.status in {"paid", "carried"}
                    opening = (
                        previous.closing_balance if previous.status == "carried" else 0
                    )
                    assert statement.period_start == previous.period_end + DAY
                assert statement.opening_balance == opening
                assert statement.closing_balance == opening + statement.net_payable
                if statement.status == StatementStatus.PAID:
                    assert statement.closing_balance > 0
                    assert (
                        statement.transfer_reference
                        == self.statement_refs[statement.pk]
                    )
                previous = statement

    @invariant()
    def statements_hold_their_entries(self):
        """2. Every settled entry was payable by its statement's end, and a
        statement's figures are its entries' sums."""
        for statement in Statement.objects.all():
            entries = LedgerEntry.objects.filter(statement=statement)
            assert not entries.filter(payable_on__gt=statement.period_end).exists()
            money = entries.exclude(kind=EntryKind.DEDUCTION)
            assert statement.net_payable == total(entries, "net")
            assert statement.sales == total(entries.filter(kind="sale"), "gross")
            assert statement.refunds == total(
                entries.filter(kind__in=["refund", "refund_void"]), "gross"
            )
            assert statement.deductions == total(
                entries.filter(kind="deduction"), "net"
            )
            assert statement.commission == total(money, "commission")
            assert statement.vat == total(money, "vat")
            assert statement.fees == total(money, "fee")

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
        assert whole["collected"] == total(
            Order.objects.filter(paid_at__isnull=False), "total"
        )

    @invariant()
    def lots_and_stock_add_up(self):
        """4. Lots keep their units; a variant's stock is its released lots'
        (or, without lots, what came in less what went out); nothing was
        sold from a lot past its best-before; after the daily write-off no
        released lot holds expired units but those that came back since."""
        lots = list(Lot.objects.all())
        out = defaultdict(int)
        for lot_id, quantity, returned in OrderLineLot.objects.values_list(
            "lot", "quantity", "returned"
        ):
            out[lot_id] += quantity - returned
        released = defaultdict(int)
        for lot in lots:
            assert lot.received == lot.sold + lot.stock + lot.returned + lot.written_off
            assert lot.sold == out[lot.pk], lot
            if lot.status == LotStatus.RELEASED:
                released[lot.variant_id] += lot.stock
        for variant_id in self.lot_variants:
            assert Variant.objects.get(pk=variant_id).stock == released[variant_id]
        for variant_id, initial in self.plain_initial.items():
            lines = OrderLine.objects.filter(
                variant_id=variant_id, order__stock_released=False
            )
            restocked = RefundLine.objects.filter(
                order_line__in=lines, refund__restock=True
            )
            expected = initial - total(lines, "quantity") + total(restocked, "quantity")
            assert Variant.objects.get(pk=variant_id).stock == expected
        for allocation in OrderLineLot.objects.select_related(
            "lot", "order_line__order__sales_session"
        ):
            assert allocation.lot.best_before >= self._sale_day(
                allocation.order_line.order
            ), "sold from an expired lot"
        if self.expire_run is not None and self.expire_run[0] == self.today:
            inflows_then, inflows_now = self.expire_run[1], self._lot_inflows()
            for lot in lots:
                if lot.status == LotStatus.RELEASED and lot.best_before < self.today:
                    came_back = inflows_now[lot.pk] - inflows_then.get(lot.pk, 0)
                    assert lot.stock <= came_back, ("expired units on sale", lot)

    @staticmethod
    def _sale_day(order) -> datetime.date:
        session = getattr(order, "sales_session", None)
        if session is not None:
            return session.date
        return timezone.localdate(order.placed_at)

    @invariant()
    def every_line_adds_up(self):
        """5. Every entry's parts add up; a line's entries never net below
        zero and a fully refunded line nets to zero in every part; a line is
        earned under the agreement in force the day it was sold."""
        for entry in LedgerEntry.objects.exclude(kind=EntryKind.DEDUCTION):
            assert entry.gross == (
                entry.discount + entry.vat + entry.commission + entry.fee + entry.net
            ), entry
        by_line = defaultdict(list)
        for entry in LedgerEntry.objects.filter(order_line__isnull=False):
            by_line[entry.order_line_id].append(entry)
        booked_units = defaultdict(int)
        for line_id, quantity in RefundLine.objects.filter(
            refund__booked=True
        ).values_list("order_line", "quantity"):
            booked_units[line_id] += quantity
        for line in OrderLine.objects.select_related(
            "order__sales_session", "agreement"
        ):
            order = line.order
            entries = by_line.get(line.pk, [])
            sales = [e for e in entries if e.kind == EntryKind.SALE]
            assert len(sales) == (1 if order.paid_at else 0), (line, order.status)
            if not sales:
                assert not entries
                continue
            sale = sales[0]
            assert (sale.gross, sale.discount, sale.vat, sale.quantity) == (
                line.gross,
                line.discount,
                line.vat,
                line.quantity,
            )
            assert sale.occurred_on == order.paid_on
            agreement = line.agreement
            assert agreement.cooperative_id == line.cooperative_id
            assert agreement.is_in_force_on(self._sale_day(order)), (
                "sold under an agreement not in force",
                line,
            )
            assert sale.commission_bp == agreement.commission_bp(order.channel)
            if agreement.fees_borne_by == "foundation":
                assert sale.fee == 0
            delay = (
                agreement.delay_online_days
                if order.channel == "online" and order.payment_method == "stripe"
                else 0
            )
            assert sale.payable_on == sale.occurred_on + delay * DAY
            sums = {part: sum(getattr(e, part) for e in entries) for part in PARTS}
            assert sums["net"] >= 0, ("a line nets below zero", line, sums)
            assert sum(e.quantity for e in entries) == (
                line.quantity - booked_units[line.pk]
            )
            if booked_units[line.pk] == line.quantity:
                assert set(sums.values()) == {0}, ("fully refunded", line, sums)

    @invariant()
    def orders_and_payments_add_up(self):
        """Every paid order's sales and delivery make its total; its fee
        shares stay within the provider's fee; refunds never pass what was
        paid and are in the ledger exactly when they succeeded."""
        for order in Order.objects.filter(paid_at__isnull=False):
            sales = LedgerEntry.objects.filter(order_line__order=order, kind="sale")
            charged = total(sales, "gross") - total(sales, "discount")
            assert charged + order.delivery == order.total
            payment = order.payments.get(status=PaymentStatus.SUCCEEDED)
            assert payment.amount == order.total
            assert total(sales, "fee") <= payment.fee
        for refund in Refund.objects.prefetch_related("lines"):
            lines_amount = sum(line.amount for line in refund.lines.all())
            assert refund.amount == lines_amount + refund.delivery
            assert refund.booked == (refund.status == PaymentStatus.SUCCEEDED)
            bookings = RefundBooking.objects.filter(refund=refund)
            assert total(bookings, "amount") == (refund.amount if refund.booked else 0)
            assert total(bookings, "delivery") == (
                refund.delivery if refund.booked else 0
            )
            entries = LedgerEntry.objects.filter(refund_line__refund=refund)
            charged = total(entries, "gross") - total(entries, "discount")
            assert charged == (-lines_amount if refund.booked else 0)
        for order_id, paid in Order.objects.values_list("pk", "total"):
            refunds = Refund.objects.filter(order_id=order_id)
            assert total(refunds, "amount") <= paid

    @invariant()
    def stripe_refunds_follow_stripe(self):
        """A card refund is in the ledger exactly when Stripe last said it
        succeeded, however late, stale or repeated its reports came."""
        for reference, (status, _when) in self.stripe_truth.items():
            refund = Refund.objects.get(provider="stripe", reference=reference)
            expected = STRIPE_REFUND[status]
            assert refund.booked == (expected == PaymentStatus.SUCCEEDED), (
                reference,
                status,
                refund.status,
                refund.status_at,
            )
            if expected in FINAL:
                assert refund.status == expected, (reference, status, refund.status)

    @invariant()
    def one_order_per_review_form(self):
        """6. Double submits never make a second order."""
        online = Order.objects.filter(channel="online")
        assert online.count() == len(self.tokens)
        assert online.exclude(checkout_token=None).count() == len(self.tokens)
        for token, (order_id, _cart, _details) in self.tokens.items():
            assert Order.objects.get(checkout_token=token).pk == order_id
        assert Order.objects.exclude(channel="online").count() == len(
            self.session_orders
        )

    @invariant()
    def paid_orders_never_go_back(self):
        """A paid order stays paid, once; an order whose stock went back on
        the shelf keeps no money in the ledger."""
        for order in Order.objects.filter(paid_at__isnull=False):
            self.paid_at.setdefault(order.pk, order.paid_at)
        for order_id, paid_at in self.paid_at.items():
            order = Order.objects.get(pk=order_id)
            assert order.paid_at == paid_at
            assert order.status in PAID_WORLD, (
                "a paid order left the paid states",
                order.number,
                order.status,
            )
        kept = LedgerEntry.objects.filter(order_line__order__stock_released=True)
        assert total(kept, "net") == 0 and not kept.filter(kind="sale").exists(), (
            "a cancelled order's goods are back on the shelf but its sale stands"
        )


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
