"""Money out: refunds of whole orders or chosen lines and quantities.

Rules: never more than was paid; a line's refunds never exceed what was charged
for it (its gross less its share of the discount), pro rata to quantity;
optional restock; card refunds go through Stripe with an idempotency key made
from our refund's id, or through the CMI's API (or, without it, are made in the
acquirer's merchant centre and recorded here with its reference); every refund
is an event on the order and an email to the buyer in the order's language.

The ledger follows what the provider says: a refund is booked (its reversing
entries written) when it succeeds — at once for cash, when Stripe confirms
for cards — and a booked refund Stripe later reports failed is restored by
the exact opposite entries. Whatever its status, a refund keeps its claim on
the units and the money it refunds, so they cannot be refunded twice; a
failed card refund is retried from the order screen with the same
idempotency key.
"""

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.models import (
    Order,
    OrderEvent,
    Payment,
    PaymentStatus,
    Refund,
    RefundBooking,
    RefundLine,
)
from shop.money import divide_half_up
from shop.orders.states import OrderStatus, order_transition
from shop.payments import cmi, stripe_gateway
from shop.services.invoices import credit_note_cancel, credit_note_issue
from shop.services.ledger import ledger_record_refund, ledger_restore_refund
from shop.services.locks import variant_stock_add, variants_lock
from shop.services.lots import lines_restock

# Refunds follow the state table: from paid (before preparing), delivered,
# or partly refunded.
REFUNDABLE = {OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.PARTLY_REFUNDED}
# Refunds the provider makes on our request: pending until it answers.
SENT_TO_PROVIDER = {"stripe", "cmi"}


class RefundError(Exception):
    """A refund refused, with a message for staff; nothing was written."""


def _charged_for(line, quantity: int) -> int:
    """What the first `quantity` units of `line` were charged, discount included."""
    return divide_half_up((line.gross - line.discount) * quantity, line.quantity)


def refunded_quantities(order: Order) -> dict[int, int]:
    """Units of each line claimed by refunds, whatever their status."""
    rows = (
        RefundLine.objects.filter(refund__order=order)
        .values("order_line")
        .annotate(quantity=Sum("quantity"))
    )
    return {row["order_line"]: row["quantity"] for row in rows}


def _paid_payment(order: Order) -> Payment:
    payment = order.payments.filter(status=PaymentStatus.SUCCEEDED).first()
    if payment is None:
        raise RefundError(_("This order has no payment to refund."))
    return payment


def _restock(line_quantities: dict[int, int], variant_ids) -> None:
    """Units refunded go back to their lots; released ones can be sold again."""
    variants_lock(variant_ids)
    quantities = lines_restock(line_quantities)
    for variant_id in sorted(quantities):
        variant_stock_add(variant_id, quantities[variant_id])


@transaction.atomic
def _refund_record(
    *,
    order_id,
    quantities,
    include_delivery,
    restock,
    reason,
    user,
    form_token,
    reference="",
) -> Refund:
    order = Order.objects.select_for_update().get(pk=order_id)
    if form_token:
        made = Refund.objects.filter(form_token=form_token, order=order).first()
        if made is not None:
            return made  # the same form again: the refund it made
    if order.status not in REFUNDABLE:
        raise RefundError(_("This order cannot be refunded in its present state."))
    payment = _paid_payment(order)
    # A CMI refund made by staff in the acquirer's merchant centre is
    # recorded with its reference; otherwise the CMI's API makes it.
    recorded = payment.provider == "cmi" and bool(reference)
    if payment.provider == "cmi" and not recorded and not cmi.api_available():
        raise RefundError(
            _(
                "Make this refund in the acquirer's merchant centre, then record "
                "it here with the reference it gives."
            )
        )
    lines = {line.pk: line for line in order.lines.all()}
    done = refunded_quantities(order)
    parts, restock_quantities = [], {}
    for line_id, quantity in quantities.items():
        line = lines.get(line_id)
        if line is None or quantity < 0:
            raise RefundError(_("This line is not part of the order."))
        if quantity == 0:
            continue
        already = done.get(line_id, 0)
        if already + quantity > line.quantity:
            raise RefundError(
                _("Only %(left)s of “%(name)s” can still be refunded.")
                % {"left": line.quantity - already, "name": line.product_name}
            )
        amount = _charged_for(line, already + quantity) - _charged_for(line, already)
        parts.append((line, quantity, amount, already))
        if restock and line.variant_id:
            restock_quantities[line.pk] = quantity
    live = order.refunds.all()
    delivery_done = live.aggregate(total=Sum("delivery"))["total"] or 0
    delivery = order.delivery - delivery_done if include_delivery else 0
    amount = sum(part[2] for part in parts) + delivery
    if amount <= 0:
        raise RefundError(_("Choose at least one item or the delivery to refund."))
    already_refunded = live.aggregate(total=Sum("amount"))["total"] or 0
    if already_refunded + amount > payment.amount:
        raise RefundError(_("A refund cannot exceed what was paid."))

    refund = Refund.objects.create(
        order=order,
        payment=payment,
        provider=payment.provider,
        amount=amount,
        delivery=delivery,
        restock=restock,
        reason=reason,
        created_by=user,
        form_token=form_token or None,
        reference=reference[:100] if recorded else "",
        status=(
            PaymentStatus.PENDING
            if payment.provider in SENT_TO_PROVIDER and not recorded
            else PaymentStatus.SUCCEEDED
        ),
    )
    RefundLine.objects.bulk_create(
        [
            RefundLine(
                refund=refund, order_line=line, quantity=q, amount=a, units_before=b
            )
            for line, q, a, b in parts
        ]
    )
    if refund.status == PaymentStatus.SUCCEEDED:
        _book(refund, day=timezone.localdate())
    if restock_quantities:
        _restock(
            restock_quantities,
            {lines[pk].variant_id for pk in restock_quantities},
        )
    fully = all(
        done.get(pk, 0) + quantities.get(pk, 0) >= line.quantity
        for pk, line in lines.items()
    ) and (delivery_done + delivery >= order.delivery)
    target = OrderStatus.REFUNDED if fully else OrderStatus.PARTLY_REFUNDED
    order_transition(
        order=order,
        to=target,
        money=True,
        user=user,
        message=f"refund {refund.pk}: {amount} centimes"
        + (", restocked" if restock_quantities else ""),
    )
    from shop.emails import send_refund_notice

    refund_id = refund.pk
    transaction.on_commit(lambda: send_refund_notice.enqueue(refund_id))
    return refund


def _book(refund: Refund, *, day: datetime.date) -> None:
    """Write the refund's reversing entries, once (the caller holds its lock)."""
    if refund.booked:
        return
    ledger_record_refund(refund, day=day)
    booking = RefundBooking.objects.create(
        refund=refund, sign=1, day=day, amount=refund.amount, delivery=refund.delivery
    )
    credit_note_issue(refund, day, booking=booking)
    refund.booked = True
    refund.save(update_fields=["booked"])


def _unbook(refund: Refund, *, day: datetime.date) -> None:
    """Restore the ledger of a booked refund that failed after all."""
    if not refund.booked:
        return
    ledger_restore_refund(refund, day=day)
    booking = RefundBooking.objects.create(
        refund=refund,
        sign=-1,
        day=day,
        amount=-refund.amount,
        delivery=-refund.delivery,
    )
    # Its credit note stands (issued documents are never edited): a new
    # invoice for the same amount cancels it.
    credit_note_cancel(refund, day, booking=booking)
    refund.booked = False
    refund.save(update_fields=["booked"])
    OrderEvent.objects.create(
        order_id=refund.order_id,
        kind=OrderEvent.Kind.PAYMENT,
        message=f"FLAG: refund {refund.pk} failed at the provider: the ledger is "
        "restored; retry it from this screen",
    )


def _apply_status(refund: Refund, status: str, *, at: datetime.datetime) -> None:
    """Bring a (locked) refund in line with a status the provider reported
    at `at`; an older report than the one applied changes nothing. Stripe
    dates its events in whole seconds, so times are compared in seconds (a
    report of the same second as our own record of an answer still counts)."""
    at = at.replace(microsecond=0)
    if refund.status_at is not None and at < refund.status_at.replace(microsecond=0):
        return
    final = {PaymentStatus.SUCCEEDED, PaymentStatus.FAILED}
    if status not in final and refund.status in final:
        return  # "pending" never overrides what the provider settled
    refund.status = status
    refund.status_at = at
    refund.save(update_fields=["status", "status_at"])
    day = timezone.localdate(at)
    if status == PaymentStatus.SUCCEEDED:
        _book(refund, day=day)
    elif status == PaymentStatus.FAILED:
        _unbook(refund, day=day)


def refund_send(*, refund_id: int, not_made: str = "") -> Refund:
    """Ask Stripe for a card refund that has not succeeded (also the "send
    again" button). Never refunds twice: a refund Stripe has not answered
    is sent again with the same idempotency key; one Stripe definitively
    refused is sent as a new attempt with its own key (Stripe replays its
    first answer to a key), and late news of the refused attempt is ignored.
    CMI refunds go through `_cmi_refund_send` (`not_made`: staff checked
    that an unanswered one was not made)."""
    if Refund.objects.filter(pk=refund_id, provider="cmi").exists():
        return _cmi_refund_send(refund_id=refund_id, not_made=not_made)
    with transaction.atomic():
        refund = (
            Refund.objects.select_for_update()
            .select_related("payment")
            .get(pk=refund_id)
        )
        if refund.provider != "stripe" or refund.status == PaymentStatus.SUCCEEDED:
            return refund
        if refund.status == PaymentStatus.FAILED:
            refund.attempt += 1
            refund.reference = ""
            refund.status = PaymentStatus.PENDING
            refund.save(update_fields=["attempt", "reference", "status"])
    result = stripe_gateway.refund_create(
        intent_reference=refund.payment.reference,
        amount=refund.amount,
        key=refund.idempotency_key,
        refund_id=refund.pk,
        attempt=refund.attempt,
    )
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        refund.reference = result.id
        refund.save(update_fields=["reference"])
        _apply_status(refund, _stripe_status(result.status), at=timezone.now())
    return refund


def _cmi_refund_send(*, refund_id: int, not_made: str = "") -> Refund:
    """Ask the CMI's API to credit the card. The API takes no idempotency
    key, so the attempt is marked as sent (committed) before the call: a
    second send of the same refund, at once or later, finds the mark and
    sends nothing. A refund the API did not answer stays pending and
    flagged until staff have checked the merchant centre: they record the
    acquirer's reference (`refund_cmi_made`) or confirm it was not made
    (`not_made`: the `sent_mark` of the attempt they checked; a second
    confirmation of the same attempt, a double click, finds a newer mark and
    sends nothing). One the API refused is sent again as a new attempt."""
    with transaction.atomic():
        refund = (
            Refund.objects.select_for_update()
            .select_related("payment")
            .get(pk=refund_id)
        )
        if refund.status == PaymentStatus.SUCCEEDED:
            return refund
        if refund.status == PaymentStatus.PENDING and refund.sent_at:
            if not not_made or not_made != sent_mark(refund):
                return refund  # sent, answer unknown: for staff to check
        if refund.status == PaymentStatus.FAILED:
            refund.attempt += 1
            refund.status = PaymentStatus.PENDING
        refund.sent_at = timezone.now()
        refund.save(update_fields=["attempt", "status", "sent_at"])
    try:
        answer = cmi.credit(refund.payment.reference, refund.amount)
    except cmi.GatewayError:
        OrderEvent.objects.create(
            order_id=refund.order_id,
            kind=OrderEvent.Kind.PAYMENT,
            message=f"FLAG: the CMI did not answer refund {refund.pk}: check "
            "in its merchant centre whether it was made before sending it "
            "again",
        )
        raise
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if answer.approved:
            refund.reference = (answer.trans_id or answer.host_ref)[:100]
            refund.save(update_fields=["reference"])
            _apply_status(refund, PaymentStatus.SUCCEEDED, at=timezone.now())
        else:
            _apply_status(refund, PaymentStatus.FAILED, at=timezone.now())
            OrderEvent.objects.create(
                order_id=refund.order_id,
                kind=OrderEvent.Kind.PAYMENT,
                message=f"refund {refund.pk} refused by the CMI "
                f"({answer.proc_return_code[:10]}: {answer.error[:120]})",
            )
    return refund


def sent_mark(refund: Refund) -> str:
    """What identifies the attempt staff checked in the merchant centre."""
    return refund.sent_at.isoformat() if refund.sent_at else ""


def refund_cmi_unanswered(refund: Refund) -> bool:
    """Whether a CMI refund was sent and never answered (staff must check
    the merchant centre before anything else is done with it)."""
    return (
        refund.provider == "cmi"
        and refund.status == PaymentStatus.PENDING
        and refund.sent_at is not None
    )


def refund_cmi_made(*, refund_id: int, reference: str, user=None) -> Refund:
    """Staff found an unanswered CMI refund made in the merchant centre:
    record the acquirer's reference and book it (once: a repeated
    submission finds it succeeded)."""
    reference = reference.strip()
    if not reference or len(reference) > 100:
        raise RefundError(_("Enter the acquirer's reference of the refund."))
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.status == PaymentStatus.SUCCEEDED:
            return refund
        if not refund_cmi_unanswered(refund):
            raise RefundError(_("This refund is not waiting for a check."))
        refund.reference = reference
        refund.save(update_fields=["reference"])
        _apply_status(refund, PaymentStatus.SUCCEEDED, at=timezone.now())
        OrderEvent.objects.create(
            order_id=refund.order_id,
            kind=OrderEvent.Kind.PAYMENT,
            message=f"refund {refund.pk} found made in the CMI's merchant centre "
            f"({reference[:60]}), recorded by {getattr(user, 'username', '?')}",
        )
    return refund


def refund_create(
    *,
    order_id: int,
    quantities: dict[int, int],
    include_delivery: bool = False,
    restock: bool = False,
    reason: str = "",
    user=None,
    form_token: str | None = None,
    reference: str = "",
) -> Refund:
    """Refund lines and quantities of a paid order (see the module's rules).
    With the staff form's one-time `form_token`, a repeated submission
    returns the refund the first one made. `reference`: the acquirer's
    reference of a CMI refund staff made in its merchant centre (recorded
    as done; without it the CMI's API is asked to make it)."""
    refund = _refund_record(
        form_token=form_token,
        order_id=order_id,
        quantities=quantities,
        include_delivery=include_delivery,
        restock=restock,
        reason=reason,
        user=user,
        reference=reference.strip(),
    )
    if refund.provider in SENT_TO_PROVIDER and refund.status != PaymentStatus.SUCCEEDED:
        refund = refund_send(refund_id=refund.pk)
    return refund


def _stripe_status(status: str | None) -> str:
    return {
        "succeeded": PaymentStatus.SUCCEEDED,
        "pending": PaymentStatus.PENDING,
        "requires_action": PaymentStatus.PENDING,
        "failed": PaymentStatus.FAILED,
        "canceled": PaymentStatus.FAILED,
    }.get(status or "", PaymentStatus.PENDING)


def stripe_refund_reconcile(data: dict, *, reported: int | None = None) -> None:
    """A refund Stripe reports (ours, or one made in Stripe's dashboard), in
    an event created at `reported` (Unix time; now when unknown)."""
    reference = data.get("id")
    if not reference:
        return
    refund = (
        Refund.objects.select_for_update()
        .filter(provider="stripe", reference=reference)
        .first()
    )
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    ours = metadata.get("tadamon_refund")
    if refund is None and isinstance(ours, str) and ours.isdigit() and len(ours) < 10:
        refund = (
            Refund.objects.select_for_update()
            .filter(provider="stripe", pk=int(ours))
            .first()
        )
        if refund is not None and (
            refund.reference or metadata.get("tadamon_attempt") != str(refund.attempt)
        ):
            return  # news of an earlier attempt Stripe refused: superseded
        if refund is not None:  # news arriving before Stripe's answer did
            refund.reference = reference
            refund.save(update_fields=["reference"])
    status = _stripe_status(data.get("status"))
    if refund is not None:
        at = (
            datetime.datetime.fromtimestamp(reported, tz=datetime.UTC)
            if isinstance(reported, int) and reported > 0
            else timezone.now()
        )
        _apply_status(refund, status, at=at)
        return
    payment = Payment.objects.filter(
        provider="stripe", reference=data.get("payment_intent")
    ).first()
    if payment is None:
        return
    Refund.objects.create(
        order=payment.order,
        payment=payment,
        provider="stripe",
        reference=reference,
        amount=data.get("amount") or 0,
        status=status,
        reason="made in the Stripe dashboard",
    )
    OrderEvent.objects.create(
        order=payment.order,
        kind=OrderEvent.Kind.PAYMENT,
        message=f"FLAG: refund {reference} of {data.get('amount')} made outside "
        "the shop: check the order's status and stock",
    )
