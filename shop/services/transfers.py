"""Bank transfers of business orders, recorded by staff from the bank
statement.

Rules: transfers of one order are recorded under the order's row lock, so
two recorded at once still add up right; a transfer is never more than what
is still owed, never zero or negative, never for a paid order; the same
bank line (order, reference) entered twice is recorded once; the transfer
that completes the total pays the order through `order_mark_paid`, the one
money path, with one payment of the full amount.

Money given back to the client by transfer (`transfer_return`) follows the
same rules under the same lock: never more than what the order holds
(received less already given back), never for a paid order (its money goes
back through the refund service); what an order holds, not what it ever
received, is what it owes against, what the due-date report shows and what
keeps it from being cancelled."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shop.models import BankTransfer, Order, OrderEvent, Payment, PaymentStatus
from shop.money import format_mad
from shop.orders.states import OrderStatus
from shop.services.payments import CURRENCY, PAYABLE_FROM, order_mark_paid

METHOD = "transfer"
CLOSED = {OrderStatus.CANCELLED, OrderStatus.REFUNDED, OrderStatus.PARTLY_REFUNDED}


class TransferError(Exception):
    """A transfer refused; `field` names the form field the message is for."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


def transfers_received(order: Order) -> int:
    """What the order holds by transfer, in centimes: the transfers received
    less those given back."""
    return order.bank_transfers.held()


def _money(cents: int) -> str:
    return format_mad(cents, get_language() or "fr")


def _check(order: Order, *, day: datetime.date, amount: int) -> int:
    """What is still owed on `order`, or TransferError if this transfer
    cannot be recorded."""
    if order.payment_method != METHOD:
        raise TransferError(_("This order is not paid by bank transfer."))
    if order.paid_at is not None:
        raise TransferError(_("This order is already paid."))
    if order.status in CLOSED:
        raise TransferError(_("This order is cancelled: it takes no payment."))
    owed = order.total - transfers_received(order)
    if amount > owed:
        raise TransferError(
            _("More than what is still owed: %(owed)s.") % {"owed": _money(owed)},
            "amount",
        )
    if amount == owed and order.status not in PAYABLE_FROM[METHOD]:
        raise TransferError(
            _(
                "This transfer completes the payment of an order on its way: "
                "record it once the order is delivered."
            ),
            "amount",
        )
    return owed


def transfer_record(
    *,
    order_id: int,
    reference: str,
    day: datetime.date,
    amount: int,
    user,
) -> BankTransfer:
    """Record a transfer received on `day` for `amount` centimes; when the
    order's transfers reach its total, the order is paid (dated the day the
    last of its money came in). The same reference for the same order
    returns the transfer recorded before and records nothing."""
    reference = _clean(
        reference,
        day=day,
        amount=amount,
        future=_("A transfer cannot be received in the future."),
    )
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        done = _recorded(
            order, reference, kind=BankTransfer.Kind.RECEIVED, day=day, amount=amount
        )
        if done is not None:
            return done  # the same form sent again
        owed = _check(order, day=day, amount=amount)
        transfer = BankTransfer.objects.create(
            order=order,
            reference=reference,
            received_on=day,
            amount=amount,
            recorded_by=user,
        )
        OrderEvent.objects.create(
            order=order,
            kind=OrderEvent.Kind.PAYMENT,
            message=f"bank transfer {reference}: {amount} of {owed} owed",
            user=user,
        )
        if amount == owed:
            _pay(order, user=user)
        return transfer


def _pay(order: Order, *, user) -> None:
    last_day = (
        order.bank_transfers.filter(kind=BankTransfer.Kind.RECEIVED)
        .order_by("-received_on")
        .first()
        .received_on
    )
    payment = Payment.objects.create(
        order=order,
        provider=METHOD,
        reference=f"{order.number}/transfers",
        amount=order.total,
        currency=CURRENCY,
        status=PaymentStatus.SUCCEEDED,
    )
    order_mark_paid(
        order_id=order.pk,
        payment=payment,
        day=last_day,
        user=user,
        message="bank transfers received in full",
    )


def _clean(reference: str, *, day: datetime.date, amount: int, future: str) -> str:
    """The reference as the bank prints it (spaces collapsed), or
    TransferError for the field at fault (`future`: the message for a day
    after today)."""
    reference = " ".join((reference or "").split())
    if not reference:
        raise TransferError(_("Please enter the bank's reference."), "reference")
    if len(reference) > BankTransfer._meta.get_field("reference").max_length:
        raise TransferError(_("This reference is too long."), "reference")
    if amount <= 0:
        raise TransferError(_("The amount must be more than zero."), "amount")
    if day > timezone.localdate():
        raise TransferError(future, "day")
    return reference


def _recorded(
    order: Order, reference: str, *, kind: str, day: datetime.date, amount: int
) -> BankTransfer | None:
    """The line this form recorded before (the same form sent again), None
    for a new reference, or TransferError when the reference is already
    used for another line of the order."""
    done = order.bank_transfers.filter(reference=reference).first()
    if done is None:
        return None
    if (done.kind, done.amount, done.received_on) == (kind, amount, day):
        return done
    if done.kind != kind and kind == BankTransfer.Kind.RECEIVED:
        raise TransferError(
            _("This reference is already recorded as money given back."),
            "reference",
        )
    raise TransferError(
        _(
            "A transfer with this reference is already recorded "
            "for this order, for %(amount)s on %(day)s."
        )
        % {"amount": _money(done.amount), "day": done.received_on},
        "reference",
    )


def _check_return(order: Order, *, amount: int) -> int:
    """What `order` holds by transfer, or TransferError if `amount` cannot
    be given back."""
    if order.payment_method != METHOD:
        raise TransferError(_("This order is not paid by bank transfer."))
    if order.paid_at is not None:
        raise TransferError(
            _(
                "This order is paid in full: give the money back with a refund, "
                "from the order's page."
            )
        )
    held = transfers_received(order)
    if held <= 0:
        raise TransferError(
            _("Nothing received by transfer for this order is left to give back."),
            "amount",
        )
    if amount > held:
        raise TransferError(
            _("More than what was received and not given back: %(held)s.")
            % {"held": _money(held)},
            "amount",
        )
    return held


def transfer_return(
    *,
    order_id: int,
    reference: str,
    day: datetime.date,
    amount: int,
    user,
) -> BankTransfer:
    """Record `amount` centimes given back to the client by transfer on
    `day`, for an order paid by transfer and not paid in full. Never more
    than the order holds, under the order's row lock so two returns at once
    cannot together give back more; the same reference for the same order
    returns the line recorded before and records nothing."""
    reference = _clean(
        reference,
        day=day,
        amount=amount,
        future=_("A transfer cannot be sent in the future."),
    )
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        done = _recorded(
            order, reference, kind=BankTransfer.Kind.RETURNED, day=day, amount=amount
        )
        if done is not None:
            return done  # the same form sent again
        held = _check_return(order, amount=amount)
        transfer = BankTransfer.objects.create(
            order=order,
            kind=BankTransfer.Kind.RETURNED,
            reference=reference,
            received_on=day,
            amount=amount,
            recorded_by=user,
        )
        OrderEvent.objects.create(
            order=order,
            kind=OrderEvent.Kind.PAYMENT,
            message=f"bank transfer given back {reference}: {amount} of {held} held",
            user=user,
        )
        return transfer
