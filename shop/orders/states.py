"""Order states, the moves between them, and the one function that moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("Placed")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    PREPARING = "preparing", _("Preparing")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")


S = OrderStatus

# Cash on delivery goes awaiting payment -> preparing -> shipped -> delivered
# -> paid (cash collected); card payments go awaiting payment -> paid ->
# preparing -> shipped -> delivered.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLACED: frozenset({S.AWAITING_PAYMENT, S.PAID, S.CANCELLED}),
    S.AWAITING_PAYMENT: frozenset({S.PAID, S.PREPARING, S.CANCELLED}),
    S.PAID: frozenset({S.PREPARING, S.REFUNDED, S.PARTLY_REFUNDED}),
    S.PREPARING: frozenset({S.SHIPPED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.CANCELLED}),
    S.DELIVERED: frozenset({S.PAID, S.REFUNDED, S.PARTLY_REFUNDED}),
    S.PARTLY_REFUNDED: frozenset({S.PARTLY_REFUNDED, S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}

# Leaving the shop's hands before these, a cancelled order gives its stock back.
STOCK_HELD = frozenset({S.PLACED, S.AWAITING_PAYMENT, S.PAID, S.PREPARING, S.SHIPPED})


# Moves that move money: only their services make them (`order_mark_paid`,
# `refund_create`), never a generic status change.
MONEY_MOVES = frozenset({S.PAID, S.REFUNDED, S.PARTLY_REFUNDED})


class IllegalTransition(Exception):
    def __init__(self, current: str, target: str):
        self.current, self.target = current, target
        super().__init__(f"an order cannot go from {current} to {target}")


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def allowed_moves(current: str) -> list[str]:
    return [status for status in OrderStatus.values if can_move(current, status)]


def staff_moves(current: str, *, paid: bool = False) -> list[str]:
    """The moves staff may make with the generic status form: the table's,
    less the money moves, and no cancelling an order already paid (its money
    goes back through a refund). The order screen draws its buttons from
    this and its POST handler refuses anything else."""
    return [
        status
        for status in allowed_moves(current)
        if status not in MONEY_MOVES and not (paid and status == S.CANCELLED)
    ]


def order_transition(
    *, order, to: str, user=None, message: str = "", money: bool = False
) -> None:
    """Move `order` to status `to` and record the move; an illegal move raises.

    The caller holds the order's row lock (select_for_update) inside a
    transaction, so two moves of one order never interleave. A money move
    (`MONEY_MOVES`) needs `money=True`, which only the money services pass.
    """
    from shop.models import OrderEvent

    current = order.status
    if not can_move(current, to) or (to in MONEY_MOVES and not money):
        raise IllegalTransition(current, to)
    if to == S.CANCELLED and order.paid_at is not None:
        # A paid order (a card order being prepared or shipped) is not
        # cancelled: its money and stock go back through a refund.
        raise IllegalTransition(current, to)
    if current == S.DELIVERED and to == S.PAID and order.paid_at is not None:
        raise IllegalTransition(current, to)  # a card order was paid already
    order.status = to
    order.save(update_fields=["status"])
    OrderEvent.objects.create(
        order=order,
        kind=OrderEvent.Kind.STATUS,
        from_status=current,
        to_status=to,
        message=message,
        user=user,
    )
