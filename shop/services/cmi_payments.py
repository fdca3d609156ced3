"""Card payments through the CMI's hosted page (shop.payments.cmi).

Rules: the gateway's signed callback, server to server, is the proof of
payment; what the buyer's browser brings back proves nothing. Each callback
is stored once, under the gateway's signature of its fields, in the
transaction that acts on it, and a repeat answers what the first was
answered. Callbacks arrive several per order (failed tries, then a success)
and in any order: a success marks the order paid through `order_mark_paid`,
once; a failure never undoes it. A success is captured (POSTAUTH) only for
an order still waiting for it, at its total in dirhams: otherwise it is
left uncaptured and flagged to staff. An order whose callback never came is
settled from the gateway's status API (`cmi_order_settle`).
"""

import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shop.models import Order, OrderEvent, Payment, PaymentStatus, ProviderEvent
from shop.orders.states import OrderStatus, order_transition
from shop.payments import cmi
from shop.services.payments import CURRENCY, PAYABLE, PaymentError, order_mark_paid

logger = logging.getLogger(__name__)

PROVIDER = "cmi"
FINAL = {PaymentStatus.SUCCEEDED, PaymentStatus.FLAGGED}

# What a callback did, stored as its event's type; the answer each gets.
PAID = "paid"
REPEAT = "repeat"  # the success already recorded, sent again
DECLINED = "declined"
NOT_AUTHENTICATED = "not_authenticated"  # 3-D Secure failed
LATE_FAILURE = "late_failure"  # a failed try reported after the success
MISMATCH = "mismatch"  # amount or currency not the order's
NOT_PAYABLE = "not_payable"  # cancelled, paid otherwise, or cash instead
SECOND = "second_authorisation"  # another card authorised after the paid one
UNKNOWN_ORDER = "unknown_order"
ANSWERS = {
    PAID: cmi.POSTAUTH,
    REPEAT: cmi.POSTAUTH,
    DECLINED: cmi.APPROVED,
    NOT_AUTHENTICATED: cmi.APPROVED,
    LATE_FAILURE: cmi.APPROVED,
    NOT_PAYABLE: cmi.APPROVED,
    SECOND: cmi.APPROVED,
    MISMATCH: cmi.FAILURE,
    UNKNOWN_ORDER: cmi.FAILURE,
}
FAILED_TRIES = {DECLINED, NOT_AUTHENTICATED}


def _note(order, message: str) -> None:
    OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.PAYMENT, message=message
    )


def _payment_for(order: Order) -> Payment:
    """The order's CMI payment, under its row lock: one per order, the
    gateway's order id being the order's number."""
    Payment.objects.get_or_create(
        provider=PROVIDER,
        reference=order.number,
        defaults={"order": order, "amount": order.total, "currency": CURRENCY},
    )
    return Payment.objects.select_for_update().get(
        provider=PROVIDER, reference=order.number
    )


def cmi_payment_prepare(*, order_id: int) -> Payment:
    """The payment of an order waiting to be paid on the CMI's page: made
    once, however often the pay page is opened."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if (
            order.payment_method != PROVIDER
            or order.status not in PAYABLE
            or order.paid_at is not None
        ):
            raise PaymentError(_("This order is not waiting for a card payment."))
        return _payment_for(order)


def _paid_transaction(order: Order) -> str:
    """The gateway's transaction id of the success that paid the order."""
    event = (
        ProviderEvent.objects.filter(provider=PROVIDER, order=order, type=PAID)
        .order_by("pk")
        .first()
    )
    if event is None:
        return ""
    return event.payload.get("fields", {}).get("TransId", "")


def _success_apply(
    order: Order, payment: Payment, *, amount, currency: str, trans_id: str, via: str
) -> str:
    """Apply an authorised card payment to the (locked) order; returns what
    was done (PAID, REPEAT, MISMATCH, NOT_PAYABLE or SECOND)."""
    if payment.status == PaymentStatus.SUCCEEDED:
        if not trans_id or trans_id == _paid_transaction(order):
            return REPEAT
        _note(
            order,
            f"FLAG: CMI authorised another payment ({trans_id}) for an order "
            f"already paid by {_paid_transaction(order) or 'an earlier one'}; "
            "not captured: void it in the CMI merchant centre",
        )
        return SECOND
    if amount != order.total or currency != cmi.CURRENCY_MAD:
        if payment.status not in FINAL:
            payment.status = PaymentStatus.FLAGGED
            payment.save(update_fields=["status", "updated_at"])
        _note(
            order,
            f"FLAG: CMI reports {amount} centimes in currency {currency[:10]} "
            f"for an order of {order.total} {CURRENCY} ({via}); not marked paid",
        )
        return MISMATCH
    if (
        order.status not in PAYABLE
        or order.payment_method != PROVIDER
        or order.paid_at is not None
    ):
        if payment.status not in FINAL:
            payment.status = PaymentStatus.FLAGGED
            payment.save(update_fields=["status", "updated_at"])
        _note(
            order,
            f"FLAG: CMI authorised {trans_id or 'a payment'} while the order is "
            f"{order.status} ({order.payment_method}); not captured: void it "
            "in the CMI merchant centre",
        )
        return NOT_PAYABLE
    payment.status = PaymentStatus.SUCCEEDED
    payment.save(update_fields=["status", "updated_at"])
    # The acquirer's fee is the configured one (the callback does not say
    # it): SHOP_PAYMENT_FEES["cmi"], from CMI_FEE_PERCENT and CMI_FEE_FIXED.
    order_mark_paid(
        order_id=order.pk,
        payment=payment,
        message=f"card payment CMI {trans_id or order.number} ({via})",
    )
    return PAID


def _failure_apply(order: Order, payment: Payment, fields: dict) -> str:
    if payment.status in FINAL:
        return LATE_FAILURE  # a success (or a flag) is final
    payment.status = PaymentStatus.FAILED
    payment.save(update_fields=["status", "updated_at"])
    outcome = DECLINED if fields.get("ProcReturnCode") else NOT_AUTHENTICATED
    code = fields.get("ProcReturnCode") or f"3-D Secure {fields.get('mdStatus', '')}"
    _note(
        order,
        f"card payment try refused by CMI ({code[:20]}: "
        f"{fields.get('ErrMsg', '')[:120]}); order still payable",
    )
    return outcome


def _act(order: Order | None, fields: dict) -> str:
    if order is None:
        return UNKNOWN_ORDER
    payment = _payment_for(order)
    if not cmi.callback_succeeded(fields):
        return _failure_apply(order, payment, fields)
    return _success_apply(
        order,
        payment,
        amount=cmi.amount_centimes(fields["amount"]),
        currency=fields["currency"],
        trans_id=fields.get("TransId", "")[:64],
        via="callback",
    )


def cmi_callback_process(fields: dict[str, str]) -> str:
    """Store a verified callback (see `cmi.callback_verify`) once and act on
    it, in one transaction; returns the answer for the gateway. A repeat of
    a callback already stored gets the answer the first one got."""
    event_id = cmi.callback_id(fields)
    with transaction.atomic():
        try:
            with transaction.atomic():
                event = ProviderEvent.objects.create(
                    provider=PROVIDER,
                    event_id=event_id,
                    type="received",
                    payload={"fields": fields},
                )
        except IntegrityError:
            stored = ProviderEvent.objects.get(provider=PROVIDER, event_id=event_id)
            return stored.payload.get("answer", cmi.FAILURE)
        order = Order.objects.select_for_update().filter(number=fields["oid"]).first()
        outcome = _act(order, fields)
        answer = ANSWERS[outcome]
        event.order = order
        event.type = outcome
        event.payload = {"fields": fields, "answer": answer}
        event.save(update_fields=["order", "type", "payload"])
    if answer == cmi.FAILURE:
        logger.warning("CMI callback for %r: %s", fields["oid"][:40], outcome)
    return answer


def cmi_order_settle(*, order_id: int) -> str:
    """Ask the gateway about an order still waiting for its CMI payment
    (its callback never came): an authorisation of the order's total is
    captured, and a captured payment marks the order paid as the callback
    would have. Returns what was found: "paid", "unpaid", "unknown",
    "flagged", "refused" or "skipped". Raises cmi.GatewayError when the API cannot be
    asked."""
    order = Order.objects.get(pk=order_id)
    if (
        order.payment_method != PROVIDER
        or order.status not in PAYABLE
        or order.paid_at is not None
    ):
        return "skipped"
    status = cmi.status_query(order.number)
    if status.response == "Error":
        # No transaction under this order id, or the API refused us (its
        # user or password): nothing can be known, nothing moves.
        logger.warning("CMI status of %s: %s", order.number, status.error[:200])
        return "unknown"
    if not (status.authorised or status.captured):
        return "unpaid"
    captured = status.captured
    if status.authorised and status.amount == order.total:
        capture = cmi.postauth(order.number)
        if not capture.approved:
            with transaction.atomic():
                _note(
                    Order.objects.select_for_update().get(pk=order_id),
                    f"FLAG: CMI refused to capture the authorisation of "
                    f"{order.number} ({capture.proc_return_code}: "
                    f"{capture.error[:120]})",
                )
            return "refused"
        captured = True
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        payment = _payment_for(order)
        if payment.status == PaymentStatus.SUCCEEDED:
            return "paid"  # the callback came meanwhile
        outcome = _success_apply(
            order,
            payment,
            amount=status.amount,
            currency=cmi.CURRENCY_MAD,
            trans_id=status.extra.get("TRANS_ID", status.trans_id)[:64],
            via="status query",
        )
        if outcome == PAID:
            return "paid"
        if captured:  # the buyer's money is taken: it goes back
            _note(order, "FLAG: the payment above is captured: refund it")
        return "flagged"


def cmi_orders_settle(*, older_than) -> dict[str, list[str]]:
    """`cmi_order_settle` for every order waiting for a CMI payment placed
    more than `older_than` (a timedelta) ago; the order numbers by result,
    those the gateway could not be asked about under "error"."""
    from django.utils import timezone

    waiting = Order.objects.filter(
        payment_method=PROVIDER,
        status__in=PAYABLE,
        paid_at=None,
        placed_at__lt=timezone.now() - older_than,
    ).order_by("pk")
    results: dict[str, list[str]] = {}
    for order_id, number in waiting.values_list("pk", "number"):
        try:
            result = cmi_order_settle(order_id=order_id)
        except cmi.GatewayError:
            logger.exception("CMI status query for %s failed", number)
            result = "error"
        results.setdefault(result, []).append(number)
    return results


def cmi_order_pay_cash_instead(*, order_id: int) -> Order:
    """A buyer whose card did not go through pays cash on delivery instead.
    The order, still waiting for its CMI payment, becomes a cash-on-delivery
    order and keeps its stock; a card success reported later finds it no
    longer waiting for a card and is not captured (see `_success_apply`)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if (
            order.payment_method != PROVIDER
            or order.status not in PAYABLE
            or order.paid_at is not None
        ):
            raise PaymentError(
                _("This order can no longer be paid cash on delivery instead.")
            )
        Payment.objects.filter(
            order=order, provider=PROVIDER, status__in=[PaymentStatus.PENDING]
        ).update(status=PaymentStatus.FAILED)
        order.payment_method = "cod"
        order.save(update_fields=["payment_method"])
        if order.status == OrderStatus.PLACED:
            order_transition(order=order, to=OrderStatus.AWAITING_PAYMENT)
        _note(order, "the buyer chose cash on delivery instead of the card (CMI)")
        return order


def cmi_return_state(order: Order) -> tuple[str, str]:
    """What the buyer's return page says, from what the callback recorded
    (never from what the browser brought back): (state, reason) with state
    "paid", "failed", "pending", "checking" (flagged to staff), "cash"
    (switched to cash on delivery) or "closed" (cancelled, refunded), and
    reason "declined" or "not_authenticated" for a failed try."""
    if order.paid_at is not None:
        return "paid", ""
    if order.payment_method != PROVIDER:
        return "cash", ""
    if order.status not in PAYABLE:
        return "closed", ""
    payment = order.payments.filter(provider=PROVIDER).first()
    if payment is not None and payment.status == PaymentStatus.FLAGGED:
        return "checking", ""
    if payment is not None and payment.status == PaymentStatus.FAILED:
        last = (
            ProviderEvent.objects.filter(
                provider=PROVIDER, order=order, type__in=FAILED_TRIES
            )
            .order_by("-pk")
            .values_list("type", flat=True)
            .first()
        )
        return "failed", last or DECLINED
    return "pending", ""
