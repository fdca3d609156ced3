"""Pricing an order: pure arithmetic on integer centimes, no database.

The rules, in order:
1. each line's gross = unit price (VAT included) x quantity; subtotal = their sum;
2. a discount applies to the eligible lines' gross (percent rounded half up, a
   fixed amount capped at that gross) and is allocated over those lines in
   proportion to their gross (largest remainder);
3. VAT is computed per rate on what is charged at that rate (gross less
   discount), then allocated back to the lines of that rate, so per-line VAT
   adds up to the per-rate VAT exactly;
4. delivery carries VAT at the standard rate;
5. total = subtotal + delivery - discount.
"""

from dataclasses import dataclass, field

from shop.money import allocate, percent_of, vat_included


@dataclass(frozen=True)
class LineInput:
    unit_price: int
    quantity: int
    vat_rate_bp: int
    eligible: bool = True  # for the discount

    @property
    def gross(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class DiscountInput:
    kind: str  # "percent" (value in basis points) or "fixed" (value in centimes)
    value: int


@dataclass
class PricedLine:
    gross: int
    discount: int
    vat: int
    vat_rate_bp: int


@dataclass
class PricedOrder:
    lines: list[PricedLine]
    subtotal: int
    discount: int
    delivery: int
    delivery_vat: int
    vat: int
    total: int
    vat_by_rate: dict[int, int] = field(default_factory=dict)


def discount_amount(discount: DiscountInput | None, eligible_gross: int) -> int:
    if discount is None or eligible_gross <= 0:
        return 0
    if discount.kind == "percent":
        return min(percent_of(eligible_gross, discount.value), eligible_gross)
    return min(discount.value, eligible_gross)


def price_order(
    lines: list[LineInput],
    *,
    delivery: int,
    delivery_vat_bp: int,
    discount: DiscountInput | None = None,
) -> PricedOrder:
    subtotal = sum(line.gross for line in lines)
    eligible = [i for i, line in enumerate(lines) if line.eligible and line.gross]
    total_discount = discount_amount(discount, sum(lines[i].gross for i in eligible))
    line_discounts = [0] * len(lines)
    if total_discount:
        shares = allocate(total_discount, [lines[i].gross for i in eligible])
        for index, share in zip(eligible, shares, strict=True):
            line_discounts[index] = share

    line_vat = [0] * len(lines)
    vat_by_rate: dict[int, int] = {}
    for rate in sorted({line.vat_rate_bp for line in lines}):
        members = [i for i, line in enumerate(lines) if line.vat_rate_bp == rate]
        bases = [lines[i].gross - line_discounts[i] for i in members]
        rate_vat = vat_included(sum(bases), rate)
        vat_by_rate[rate] = rate_vat
        if rate_vat:
            for index, share in zip(members, allocate(rate_vat, bases), strict=True):
                line_vat[index] = share

    delivery_vat = vat_included(delivery, delivery_vat_bp)
    if delivery:
        vat_by_rate[delivery_vat_bp] = vat_by_rate.get(delivery_vat_bp, 0) + (
            delivery_vat
        )
    priced_lines = [
        PricedLine(
            gross=line.gross,
            discount=line_discounts[i],
            vat=line_vat[i],
            vat_rate_bp=line.vat_rate_bp,
        )
        for i, line in enumerate(lines)
    ]
    return PricedOrder(
        lines=priced_lines,
        subtotal=subtotal,
        discount=total_discount,
        delivery=delivery,
        delivery_vat=delivery_vat,
        vat=sum(line_vat) + delivery_vat,
        total=subtotal + delivery - total_discount,
        vat_by_rate=vat_by_rate,
    )
