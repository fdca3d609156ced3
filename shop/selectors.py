"""Reads of the shop: carts priced from the database, never from the client."""

from dataclasses import dataclass, field

from django.db.models import Sum

from shop.models import Cart, CartLine


@dataclass
class CartRow:
    line: CartLine
    variant: object
    product: object
    quantity: int
    unit_price: int
    total: int
    sellable: bool
    short_of_stock: bool

    @property
    def orderable(self) -> bool:
        return self.sellable and not self.short_of_stock


@dataclass
class CartSummary:
    rows: list[CartRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(row.quantity for row in self.rows)

    @property
    def subtotal(self) -> int:
        return sum(row.total for row in self.rows if row.orderable)

    @property
    def problems(self) -> list[CartRow]:
        return [row for row in self.rows if not row.orderable]

    @property
    def is_empty(self) -> bool:
        return not self.rows


def cart_summary(cart: Cart | None) -> CartSummary:
    """The cart's lines with today's prices and stock: one query."""
    if cart is None:
        return CartSummary()
    lines = cart.lines.select_related(
        "variant__product__cooperative", "variant__product__vat_rate"
    ).order_by("added_at", "pk")
    rows = []
    for line in lines:
        variant = line.variant
        rows.append(
            CartRow(
                line=line,
                variant=variant,
                product=variant.product,
                quantity=line.quantity,
                unit_price=variant.price,
                total=variant.price * line.quantity,
                sellable=variant.is_sellable,
                short_of_stock=variant.stock < line.quantity,
            )
        )
    return CartSummary(rows=rows)


def cart_item_count(cart: Cart | None) -> int:
    if cart is None:
        return 0
    return cart.lines.aggregate(count=Sum("quantity"))["count"] or 0


_UNSET = object()


def cooperative_share(variant, day, agreement=_UNSET) -> int:
    """What the cooperative receives of one unit sold online today, under the
    agreement in force: the price less VAT, less the online commission.
    A caller showing several variants of one cooperative passes the
    agreement (or None) it looked up once."""
    from shop.money import percent_of, vat_included

    if agreement is _UNSET:
        agreement = variant.product.cooperative.agreement_on(day)
    bp = agreement.commission_bp("online") if agreement else 0
    base = variant.price - vat_included(variant.price, variant.product.vat_rate.rate_bp)
    return base - percent_of(base, bp)


def paid_out_to_cooperatives() -> int:
    from shop.services.settlements import total_paid_out

    return total_paid_out()
