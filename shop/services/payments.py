"""Money in: card payments (Stripe) and cash collected on delivery.

Rules: a payment event is processed once (its id is stored in the same
transaction); the order and payment rows are locked while a payment is applied,
so the webhook and the return page racing still make one payment; a paid order
never goes back; an amount or currency that does not match the order is
flagged to staff and never marks the order paid.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shop.models import Order, OrderEvent, Payment, PaymentStatus, ProviderEvent
from shop.money import format_mad, percent_of
from shop.orders.states import OrderStatus, order_transition
from shop.payments import stripe_gateway
from shop.services.invoices import invoice_issue
from shop.services.ledger import ledger_record_order

CURRENCY = "MAD"
PAYABLE = {OrderStatus.PLACED, OrderStatus.AWAITING_PAYMENT}


class PaymentError(Exception):
    """A payment step refused, with a message for staff or the buyer."""


def _note(order, message: str, user=None) -> None:
    OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.PAYMENT, message=message, user=user
    )


def payment_fee(provider: str, amount: int) -> int:
    """The configured fee of `provider` on `amount` (SHOP_PAYMENT_FEES)."""
    rate_bp, fixed = settings.SHOP_PAYMENT_FEES.get(provider, (0, 0))
    return min(percent_of(amount, rate_bp) + fixed, amount)


# Where an order may become paid from: online payments before preparing,
# cash on delivery once delivered, a store or fair sale as it is recorded; a
# bank transfer before the goods leave (paid in advance) or once delivered
# (paid on terms).
PAYABLE_FROM = {
    "cod": {OrderStatus.DELIVERED},
    "transfer": {
        OrderStatus.PLACED,
        OrderStatus.AWAITING_PAYMENT,
        OrderStatus.DELIVERED,
    },
}


def order_mark_paid(
    *,
    order_id: int,
    payment: Payment,
    day: datetime.date | None = None,
    fee: int | None = None,
    user=None,
    message: str = "",
) -> Order:
    """The one way an order becomes paid: the order moves to paid, the
    payment's fee is recorded (`fee`, the provider's own figure, else the
    configured rate), and every line's sale entry is written in the ledger,
    dated `day` (the day the money counts; today by default), and the
    order's invoice is issued with that date, in one transaction.

    Card webhooks, cash collected and closed sales sessions all call this;
    `payment` is the succeeded payment that pays it."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.paid_at is not None:
            raise PaymentError(_("This order is already paid."))
        if payment.order_id != order.pk or payment.status != PaymentStatus.SUCCEEDED:
            raise PaymentError(_("This payment does not pay this order."))
        if payment.amount != order.total:
            raise PaymentError(_("The payment does not match the order's total."))
        allowed = PAYABLE_FROM.get(order.payment_method, PAYABLE)
        if order.status not in allowed:
            raise PaymentError(_("This order cannot be paid in its present state."))
        order_transition(
            order=order, to=OrderStatus.PAID, user=user, message=message, money=True
        )
        order.paid_at = timezone.now()
        order.paid_on = day or timezone.localdate(order.paid_at)
        order.save(update_fields=["paid_at", "paid_on"])
        payment.fee = (
            fee if fee is not None else payment_fee(payment.provider, payment.amount)
        )
        Payment.objects.filter(pk=payment.pk).update(fee=payment.fee)
        # The money of every line is earned now: the cooperatives' entries.
        ledger_record_order(order, day=order.paid_on, fee=payment.fee)
        # Every channel's paid order gets its invoice, numbered in this
        # transaction (a payment rolled back gives its number back).
        invoice_issue(order, day=order.paid_on)
        if order.email:
            from shop.emails import send_payment_received

            transaction.on_commit(lambda: send_payment_received.enqueue(order_id))
        return order


def card_payment_prepare(*, order_id: int) -> Payment:
    """The card payment of an order awaiting payment: created once, at Stripe
    and here, however often (or at once) the payment page is opened.

    The order's row lock is not held while Stripe is called: the intent's
    idempotency key (the order's id) makes concurrent calls get one intent,
    and the unique (provider, reference) keeps one Payment row for it."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status not in PAYABLE or order.payment_method != "stripe":
            raise PaymentError(_("This order is not waiting for a card payment."))
        payment = order.payments.filter(provider="stripe").first()
        if payment is not None:
            return payment
    intent = stripe_gateway.intent_create(order)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        payment, created = Payment.objects.get_or_create(
            provider="stripe",
            reference=intent.id,
            defaults={
                "order": order,
                "amount": order.total,
                "currency": CURRENCY,
                "client_secret": intent.client_secret or "",
            },
        )
        if created:
            _note(order, f"card payment {intent.id} created")
        return payment


def payment_intent_apply(intent: dict) -> Payment | None:
    """Bring our records in line with a PaymentIntent Stripe reports."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(provider="stripe", reference=intent["id"])
            .first()
        )
        if payment is None:
            return None
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        payment.refresh_from_db()
        status = intent.get("status")
        if payment.status in {PaymentStatus.SUCCEEDED, PaymentStatus.FLAGGED}:
            return payment  # final: later or repeated news changes nothing
        if status == "succeeded":
            _succeeded(order, payment, intent)
        elif status == "processing":
            payment.status = PaymentStatus.PROCESSING
            payment.save(update_fields=["status", "updated_at"])
        elif status in {"requires_payment_method", "canceled"}:
            payment.status = PaymentStatus.FAILED
            payment.save(update_fields=["status", "updated_at"])
            _note(
                order, f"card payment {payment.reference} failed; order still payable"
            )
        return payment


def _succeeded(order: Order, payment: Payment, intent: dict) -> None:
    amount = intent.get("amount_received") or intent.get("amount")
    currency = (intent.get("currency") or "").upper()
    if amount != order.total or currency != CURRENCY:
        payment.status = PaymentStatus.FLAGGED
        payment.save(update_fields=["status", "updated_at"])
        _note(
            order,
            f"FLAG: Stripe reports {amount} {currency} for an order of "
            f"{order.total} {CURRENCY}; not marked paid",
        )
        return
    payment.status = PaymentStatus.SUCCEEDED
    payment.save(update_fields=["status", "updated_at"])
    if order.status in PAYABLE:
        order_mark_paid(
            order_id=order.pk,
            payment=payment,
            fee=_reported_fee(intent),
            message=f"card payment {payment.reference}",
        )
    else:
        _note(
            order,
            f"FLAG: card payment {payment.reference} succeeded while the order "
            f"is {order.status}: refund it or reinstate the order",
        )


def _reported_fee(intent: dict) -> int | None:
    """Stripe's own fee, when the intent came with its charge's balance
    transaction expanded (`latest_charge.balance_transaction.fee`)."""
    charge = intent.get("latest_charge")
    balance = charge.get("balance_transaction") if isinstance(charge, dict) else None
    if not isinstance(balance, dict) or balance.get("currency") != "mad":
        return None  # a fee in another currency is not one we can book
    fee = balance.get("fee")
    amount = intent.get("amount")
    if isinstance(fee, int) and isinstance(amount, int) and 0 <= fee <= amount:
        return fee
    return None


def stripe_event_process(event: dict) -> str:
    """Store the event under its id and act on it, in one transaction.

    Returns "duplicate" for an event already processed, else "processed".
    """
    obj = event.get("data", {}).get("object", {})
    with transaction.atomic():
        try:
            with transaction.atomic():
                ProviderEvent.objects.create(
                    provider="stripe",
                    event_id=event["id"],
                    type=event.get("type", ""),
                    payload=event,
                )
        except IntegrityError:
            return "duplicate"
        kind = event.get("type", "")
        if kind.startswith("payment_intent."):
            payment = payment_intent_apply(obj)
            if payment is not None:
                ProviderEvent.objects.filter(
                    provider="stripe", event_id=event["id"]
                ).update(order=payment.order_id)
        elif kind in {"refund.created", "refund.updated", "charge.refund.updated"}:
            from shop.services.refunds import stripe_refund_reconcile

            stripe_refund_reconcile(obj, reported=event.get("created"))
        elif kind == "charge.refunded":
            from shop.services.refunds import stripe_refund_reconcile

            for refund in (obj.get("refunds") or {}).get("data", []):
                stripe_refund_reconcile(refund, reported=event.get("created"))
    return "processed"


def cash_collected(
    *,
    order_id: int,
    courier: str,
    amount: int,
    user,
    day: datetime.date | None = None,
) -> Payment:
    """The courier brought the cash of a delivered order: it is now paid.
    `day` is when the cash came in (today unless staff say an earlier day)."""
    today = timezone.localdate()
    if day is not None and day > today:
        raise PaymentError(_("Cash cannot be collected in the future."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.payment_method != "cod" or order.status != OrderStatus.DELIVERED:
            raise PaymentError(
                _("Cash can only be recorded for a delivered cash-on-delivery order.")
            )
        if amount != order.total:
            raise PaymentError(
                _("The courier must bring the order's total: %(total)s.")
                % {"total": format_mad(order.total, get_language() or "fr")}
            )
        courier = courier.strip()
        if not courier:
            raise PaymentError(_("Please name the courier."))
        payment = Payment.objects.create(
            order=order,
            provider="cod",
            reference=f"{order.number}/{courier}"[:100],
            amount=amount,
            currency=CURRENCY,
            status=PaymentStatus.SUCCEEDED,
        )
        order_mark_paid(
            order_id=order.pk,
            payment=payment,
            day=day,
            user=user,
            message=f"cash collected by {courier}",
        )
        return payment
