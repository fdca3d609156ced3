"""Correcting the terms of an order placed from an accepted pro-forma: its
Incoterm (export orders only) and the day its bank transfers are due.

Rules: only an order placed from an accepted pro-forma and not yet shipped;
changed under the order's row lock; the due date never before the day the
order was placed nor more than the longest payment terms after it; the
Incoterm one of the Incoterms 2020 rules, and only on an export order; each
change recorded as an order event with the old and new values; the same
form sent again changes nothing and records nothing."""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperatives.choices import SalesChannel
from core.widgets import NativeDateInput
from shop.models import Order, OrderEvent
from shop.models.orders import Incoterm
from shop.orders.states import OrderStatus
from trade.models import MAX_TERMS_DAYS, Quote, QuoteStatus
from trade.services import TradeError

# Before these the goods are still with the foundation: the terms they
# travel and are paid under may still be agreed again.
NOT_SHIPPED = frozenset(
    {
        OrderStatus.PLACED,
        OrderStatus.AWAITING_PAYMENT,
        OrderStatus.PAID,
        OrderStatus.PREPARING,
    }
)


def terms_order(order_id: int) -> Order | None:
    """The order `order_id` if it was placed from an accepted pro-forma."""
    quote = (
        Quote.objects.filter(order_id=order_id, status=QuoteStatus.ACCEPTED)
        .select_related("order")
        .first()
    )
    return quote.order if quote is not None else None


def _placed_on(order: Order) -> datetime.date:
    return timezone.localdate(order.placed_at)


def _check(order: Order, *, incoterm: str, due_on: datetime.date | None) -> None:
    if order.status not in NOT_SHIPPED:
        raise TradeError(
            _("This order has left the warehouse: its terms can no longer change.")
        )
    if order.channel == SalesChannel.EXPORT:
        if incoterm not in Incoterm.values:
            raise TradeError(
                _("Please choose the Incoterm of this export order."),
                field="incoterm",
            )
    elif incoterm:
        raise TradeError(
            _("Only an export order is sold under an Incoterm."), field="incoterm"
        )
    if due_on is None:
        raise TradeError(_("Please enter the payment due date."), field="due_on")
    placed_on = _placed_on(order)
    if due_on < placed_on:
        raise TradeError(
            _("The payment cannot be due before the order was placed, on %(day)s.")
            % {"day": date_format(placed_on, "DATE_FORMAT")},
            field="due_on",
        )
    latest = placed_on + datetime.timedelta(days=MAX_TERMS_DAYS)
    if due_on > latest:
        raise TradeError(
            _(
                "Payment terms are at most %(days)s days: the latest due date "
                "is %(day)s."
            )
            % {"days": MAX_TERMS_DAYS, "day": date_format(latest, "DATE_FORMAT")},
            field="due_on",
        )


def order_terms_change(
    *, order_id: int, incoterm: str, due_on: datetime.date | None, user
) -> Order:
    """Set the Incoterm and payment due date of an order placed from an
    accepted pro-forma and not yet shipped; TradeError (with its field) if
    refused, and nothing changes. The change is an order event with the old
    and new values; values equal to the order's record nothing."""
    incoterm = (incoterm or "").strip().upper()
    with transaction.atomic():
        if terms_order(order_id) is None:
            raise TradeError(_("This order was not placed from a pro-forma."))
        order = Order.objects.select_for_update().get(pk=order_id)
        _check(order, incoterm=incoterm, due_on=due_on)
        changes = []
        if incoterm != order.incoterm:
            changes.append(f"Incoterm {order.incoterm or '-'} -> {incoterm or '-'}")
        if due_on != order.payment_due_on:
            old = order.payment_due_on.isoformat() if order.payment_due_on else "-"
            changes.append(f"payment due {old} -> {due_on.isoformat()}")
        if not changes:
            return order  # the same form sent again
        order.incoterm = incoterm
        order.payment_due_on = due_on
        order.save(update_fields=["incoterm", "payment_due_on"])
        OrderEvent.objects.create(
            order=order,
            kind=OrderEvent.Kind.NOTE,
            message="terms changed: " + "; ".join(changes),
            user=user,
        )
        return order


class TermsForm(forms.Form):
    incoterm = forms.ChoiceField(
        label=gettext_lazy("Incoterm"),
        required=False,
        choices=[("", "—"), *Incoterm.choices],
    )
    due_on = forms.DateField(
        label=gettext_lazy("Payment due on"), widget=NativeDateInput()
    )

    def __init__(self, *args, export: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not export:
            # A home order has no Incoterm: the service refuses one anyway.
            del self.fields["incoterm"]
