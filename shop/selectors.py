"""Reads of the shop: carts priced from the database, never from the client."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Sum

from cooperatives.models import PartnershipAgreement, today
from shop.models import Cart, CartLine, Lot, LotStatus


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


def cooperatives_selling(cooperative_ids, day: datetime.date) -> set[int]:
    """Which of these cooperatives have an agreement in force on `day`: only
    their products can be sold."""
    return set(
        PartnershipAgreement.objects.in_force_on(day)
        .filter(cooperative_id__in=set(cooperative_ids))
        .values_list("cooperative_id", flat=True)
    )


def cart_summary(cart: Cart | None) -> CartSummary:
    """The cart's lines with today's prices and sellable stock: three
    queries (lines, expired lots, agreements in force)."""
    if cart is None:
        return CartSummary()
    lines = list(
        cart.lines.select_related(
            "variant__product__cooperative", "variant__product__vat_rate"
        ).order_by("added_at", "pk")
    )
    if not lines:
        return CartSummary()
    day = today()
    stock = sellable_stock([line.variant for line in lines], day)
    selling = cooperatives_selling(
        [line.variant.product.cooperative_id for line in lines], day
    )
    rows = []
    for line in lines:
        variant = line.variant
        variant.stock = stock[variant.pk]  # what can be sold today
        rows.append(
            CartRow(
                line=line,
                variant=variant,
                product=variant.product,
                quantity=line.quantity,
                unit_price=variant.price,
                total=variant.price * line.quantity,
                sellable=variant.is_sellable
                and variant.product.cooperative_id in selling,
                short_of_stock=variant.stock < line.quantity,
            )
        )
    return CartSummary(rows=rows)


def expired_stock(variant_ids, day: datetime.date | None = None) -> dict[int, int]:
    """Units still counted in Variant.stock that sit in released lots past
    their best-before date on `day`: not sellable, not yet written off."""
    rows = (
        Lot.objects.filter(
            variant_id__in=variant_ids,
            status=LotStatus.RELEASED,
            best_before__lt=day or today(),
            stock__gt=0,
        )
        .values("variant_id")
        .annotate(units=Sum("stock"))
    )
    return {row["variant_id"]: row["units"] for row in rows}


def sellable_stock(variants, day: datetime.date | None = None) -> dict[int, int]:
    """What can be sold of each variant on `day`: its stock less expired lots."""
    expired = expired_stock([variant.pk for variant in variants], day)
    return {
        variant.pk: max(variant.stock - expired.get(variant.pk, 0), 0)
        for variant in variants
    }


def variants_in_stock(day: datetime.date | None = None):
    """Variants that can be bought on `day`, as a queryset (for Exists()
    filters): active, with stock left once expired lots are taken out, from
    a cooperative with an agreement in force. The same rule as
    `sellable_stock` and `cooperatives_selling`, in SQL."""
    from django.db.models import F, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from shop.models import Variant

    day = day or today()
    expired = (
        Lot.objects.filter(
            variant=OuterRef("pk"), status=LotStatus.RELEASED, best_before__lt=day
        )
        .values("variant")
        .annotate(units=Sum("stock"))
        .values("units")
    )
    selling = PartnershipAgreement.objects.in_force_on(day).values("cooperative_id")
    return (
        Variant.objects.filter(
            is_active=True, product__cooperative_id__in=selling, stock__gt=0
        )
        .annotate(
            sellable=F("stock")
            - Coalesce(Subquery(expired, output_field=IntegerField()), Value(0))
        )
        .filter(sellable__gt=0)
    )


# Up to this many units, a product page says how many are left.
LOW_STOCK = 5
# The most SKUs one status request asks about (a product page shows a few).
MAX_STOCK_SKUS = 50


def stock_by_sku(skus) -> dict[str, int]:
    """What can be sold today of each of these SKUs that exists: the units
    `sellable_stock` counts, or 0 for a variant that is not sold (inactive,
    or its cooperative without an agreement in force). Cached pages carry no
    stock figure: the visitor status request reads it here, in three
    queries whatever the number of SKUs."""
    from shop.models import Variant

    variants = list(
        Variant.objects.select_related("product__cooperative").filter(sku__in=set(skus))
    )
    if not variants:
        return {}
    day = today()
    stock = sellable_stock(variants, day)
    selling = cooperatives_selling(
        {variant.product.cooperative_id for variant in variants}, day
    )
    return {
        variant.sku: stock[variant.pk]
        if variant.is_sellable and variant.product.cooperative_id in selling
        else 0
        for variant in variants
    }


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
    from shop.services.ledger import unit_share

    if agreement is _UNSET:
        agreement = variant.product.cooperative.agreement_on(day)
    if agreement is None:
        return 0  # not sold without an agreement in force
    return unit_share(
        price=variant.price,
        vat_rate_bp=variant.product.vat_rate.rate_bp,
        commission_bp=agreement.commission_bp("online"),
    )


def paid_out_to_cooperatives() -> int:
    from shop.services.settlements import total_paid_out

    return total_paid_out()
