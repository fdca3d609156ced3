"""Bank transfers of business orders, recorded by staff from the bank
statement.

Rules: transfers of one order are recorded under the order's row lock, so
two recorded at once still add up right; a transfer is never more than what
is still owed, never zero or negative, never for a paid order; the same
bank line (order, reference) entered twice is recorded once; the transfer
that completes the total pays the order through `order_mark_paid`, the one
money path, with one payment of the full amount."""

import datetime

from django.db import transaction
from django.db.models import Sum
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
    """What the order's recorded transfers add up to, in centimes."""
    return order.bank_transfers.aggregate(total=Sum("amount"))["total"] or 0


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
    reference = " ".join((reference or "").split())
    if not reference:
        raise TransferError(_("Please enter the bank's reference."), "reference")
    if len(reference) > BankTransfer._meta.get_field("reference").max_length:
        raise TransferError(_("This reference is too long."), "reference")
    if amount <= 0:
        raise TransferError(_("The amount must be more than zero."), "amount")
    if day > timezone.localdate():
        raise TransferError(_("A transfer cannot be received in the future."), "day")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        done = order.bank_transfers.filter(reference=reference).first()
        if done is not None:
            if done.amount != amount or done.received_on != day:
                raise TransferError(
                    _(
                        "A transfer with this reference is already recorded "
                        "for this order, for %(amount)s on %(day)s."
                    )
                    % {"amount": _money(done.amount), "day": done.received_on},
                    "reference",
                )
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
    last_day = order.bank_transfers.order_by("-received_on").first().received_on
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
