"""Moves of placed orders that touch stock: cancellation and expiry."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shop.models import DiscountCode, Order, OrderEvent, Variant
from shop.orders.states import STOCK_HELD, OrderStatus, order_transition
from shop.payments.base import online_provider_codes
from shop.services.locks import variant_stock_add
from shop.services.lots import lines_restock


def _release_stock(order: Order) -> None:
    """Give the order's quantities back to their lots and variants, locking
    variants in id order first."""
    lines = dict(order.lines.values_list("pk", "quantity"))
    variant_ids = set(
        order.lines.exclude(variant=None).values_list("variant_id", flat=True)
    )
    list(
        Variant.objects.select_for_update()
        .filter(pk__in=variant_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    quantities = lines_restock(lines)
    for variant_id in sorted(quantities):
        variant_stock_add(variant_id, quantities[variant_id])
    if order.discount_code_id:
        DiscountCode.objects.filter(pk=order.discount_code_id, used_count__gt=0).update(
            used_count=F("used_count") - 1
        )
    order.stock_released = True
    order.save(update_fields=["stock_released"])


@transaction.atomic
def order_cancel(
    *, order_id: int, user=None, reason: str = "", only_from=None
) -> Order | None:
    """Cancel an order; stock it still held goes back on the shelf.

    With `only_from`, an order whose status (read under the lock) is not one
    of those is left alone and None is returned.
    """
    order = Order.objects.select_for_update().get(pk=order_id)
    if only_from is not None and order.status not in only_from:
        return None
    held = order.status in STOCK_HELD and not order.stock_released
    order_transition(order=order, to=OrderStatus.CANCELLED, user=user, message=reason)
    if held:
        _release_stock(order)
    return order


@transaction.atomic
def order_note(*, order_id: int, user, text: str) -> OrderEvent:
    order = Order.objects.select_for_update().get(pk=order_id)
    return OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.NOTE, message=text, user=user
    )


def orders_cancel_unpaid(*, older_than: datetime.timedelta, now=None) -> list[str]:
    """Cancel orders still waiting for an online payment after `older_than`.

    Cash-on-delivery orders wait for the courier and are never cancelled here.
    Returns the numbers of the orders cancelled.
    """
    cutoff = (now or timezone.now()) - older_than
    unpaid = {OrderStatus.PLACED, OrderStatus.AWAITING_PAYMENT}
    candidates = Order.objects.filter(
        status__in=unpaid,
        payment_method__in=online_provider_codes(),
        placed_at__lt=cutoff,
    ).values_list("pk", flat=True)
    cancelled = []
    for order_id in list(candidates):
        order = order_cancel(
            order_id=order_id, reason="unpaid past the time limit", only_from=unpaid
        )
        if order is not None:  # else paid in the meantime
            cancelled.append(order.number)
    return cancelled
