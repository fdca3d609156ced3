"""Orders: the one way an order is created from lines (checkout, sales
sessions, and the channels to come call it), and the moves of placed orders
that touch stock: cancellation and expiry."""

import datetime
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shop.models import DiscountCode, Order, OrderEvent, OrderLine
from shop.orders.states import STOCK_HELD, OrderStatus, order_transition
from shop.payments.base import online_provider_codes
from shop.pricing import PricedOrder
from shop.selectors import sellable_stock
from shop.services.locks import variant_stock_add, variants_lock
from shop.services.lots import LotError, lines_restock, lots_allocate, lots_commit


class OrderError(Exception):
    """The order cannot be created; `problems` are messages for the buyer or
    the staff member, in their language."""

    def __init__(self, *problems: str):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class WantedLine:
    variant_id: int
    quantity: int
    unit_price: int | None = None  # None: the catalogue price


def order_lines_lock(wanted: list[WantedLine], *, day: datetime.date) -> list:
    """Lock the variants of `wanted` (id order) and check that every line can
    be sold on `day`: the product is sold, its cooperative has an agreement
    in force, and enough sellable stock is left (expired lots do not count).
    Returns [(variant, quantity, unit price, agreement)] in the order given,
    or raises OrderError listing every problem."""
    from cooperatives.models import PartnershipAgreement

    variants = variants_lock([w.variant_id for w in wanted], with_product=True)
    if not wanted or len(variants) != len({w.variant_id for w in wanted}):
        raise OrderError(_("Your cart is empty."))
    agreements = {}
    for agreement in PartnershipAgreement.objects.in_force_on(day).filter(
        cooperative_id__in={v.product.cooperative_id for v in variants.values()}
    ):
        agreements.setdefault(agreement.cooperative_id, agreement)
    stock = sellable_stock(list(variants.values()), day)
    totals: dict[int, int] = {}
    for w in wanted:
        totals[w.variant_id] = totals.get(w.variant_id, 0) + w.quantity
    problems = []
    for variant_id, quantity in totals.items():
        variant = variants[variant_id]
        name = variant.product.name
        if not variant.is_sellable:
            problems.append(_("“%(name)s” is no longer sold.") % {"name": name})
        elif variant.product.cooperative_id not in agreements:
            problems.append(
                _(
                    "“%(name)s” cannot be sold at the moment: its cooperative "
                    "has no partnership agreement in force."
                )
                % {"name": name}
            )
        elif stock[variant_id] < quantity:
            problems.append(
                _("Not enough “%(name)s” left: %(stock)s in stock.")
                % {"name": name, "stock": stock[variant_id]}
                if stock[variant_id]
                else _("“%(name)s” is out of stock.") % {"name": name}
            )
    if problems:
        raise OrderError(*problems)
    return [
        (
            variants[w.variant_id],
            w.quantity,
            variants[w.variant_id].price if w.unit_price is None else w.unit_price,
            agreements[variants[w.variant_id].product.cooperative_id],
        )
        for w in wanted
    ]


def order_create(
    *,
    locked: list,
    priced: PricedOrder,
    day: datetime.date,
    number_prefix: str,
    language: str,
    allocations: list | None = None,
    **fields,
) -> Order:
    """Create the order of `locked` lines (as `order_lines_lock` returned
    them, inside the same transaction) priced as `priced`: the order, its
    lines as snapshots in the order's language under the agreement each is
    sold under, the lots each unit comes from, and the stock taken.

    `fields` are the order's own columns (buyer, channel, payment and
    delivery methods, discount). Raises OrderError when lots cannot serve.

    `allocations`, line by line [(locked lot, units)] as `lots_allocate`
    returns them, are the lots a caller already chose and locked: a point of
    sale sells the very lots it holds, not the warehouse's first to expire."""
    if allocations is None:
        try:
            allocations = lots_allocate([(v, q) for v, q, _p, _a in locked], day=day)
        except LotError as error:
            raise OrderError(*str(error).split("; ")) from error
    order = Order.objects.create(
        number=uuid.uuid4().hex[:20],
        language=language,
        subtotal=priced.subtotal,
        delivery=priced.delivery,
        delivery_vat=priced.delivery_vat,
        discount=priced.discount,
        vat=priced.vat,
        total=priced.total,
        **fields,
    )
    order.number = f"{number_prefix}-{order.pk:06d}"
    order.save(update_fields=["number"])
    # Snapshots in the order's language, whoever is placing it.
    with translation.override(language):
        order_lines = OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    variant=variant,
                    cooperative_id=variant.product.cooperative_id,
                    agreement=agreement,
                    product_name=variant.product.name,
                    sku=variant.sku,
                    variant_label=variant.label,
                    unit_price=unit_price,
                    quantity=quantity,
                    vat_rate_bp=priced_line.vat_rate_bp,
                    gross=priced_line.gross,
                    discount=priced_line.discount,
                    vat=priced_line.vat,
                )
                for (variant, quantity, unit_price, agreement), priced_line in zip(
                    locked, priced.lines, strict=True
                )
            ]
        )
    lots_commit(order_lines, allocations)
    totals: dict[int, int] = {}
    for variant, quantity, _p, _a in locked:
        totals[variant.pk] = totals.get(variant.pk, 0) + quantity
    for variant_id in sorted(totals):
        variant_stock_add(variant_id, -totals[variant_id])
    return order


def _release_stock(order: Order) -> None:
    """Give the order's quantities back to their lots and variants, locking
    variants in id order first."""
    lines = dict(order.lines.values_list("pk", "quantity"))
    variants_lock(
        order.lines.exclude(variant=None).values_list("variant_id", flat=True)
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
    if order.bank_transfers.held() > 0:
        # Money is in the foundation's account for it: cancelling would
        # leave that money with no order. Once all of it has been given back
        # (shop.services.transfers.transfer_return), the order may go.
        raise OrderError(
            _(
                "Money has already been received by bank transfer for this "
                "order and not given back: give it back from the order's bank "
                "transfers screen before cancelling it."
            )
        )
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
