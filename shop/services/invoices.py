"""Issuing invoices and credit notes (Moroccan tax code, art. 145).

Rules:
- Every paid order gets one invoice, whatever its channel: `order_mark_paid`
  calls `invoice_issue` in its own transaction, dated the day the money
  counts (`order.paid_on`). Paying twice never issues twice (the order's
  sale invoice is found, and a unique constraint backs it).
- Every refund booked in the ledger gets a credit note covering exactly what
  it returns (its lines and the delivery it refunds), dated the booking day
  and referencing the order's invoice. A booked refund the provider later
  reports failed is taken back out of the books by a new invoice for the
  same amount, dated that day and referencing the credit note it cancels:
  an issued document is never edited nor deleted. One document per
  `RefundBooking`, so booking twice never issues twice.
- Numbers run in one continuous series per kind and year: the series'
  counter row is locked (`select_for_update`) in the paying or booking
  transaction, so concurrent payments wait for each other's number and a
  rolled-back payment gives its number back.

So, for any period, invoices - credit notes = collected - refunded of
`shop.reports.reconciliation`: both sides are dated alike.
"""

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import translation

from shop.models import (
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    Order,
    Refund,
    RefundBooking,
)
from shop.models.invoices import SERIES_PREFIX
from shop.money import divide_half_up
from shop.services.ledger import refund_line_parts


def _number_take(kind: str, year: int) -> tuple[int, str]:
    """The next number of the series of `kind` in `year`, taken under the
    series' row lock (held until the caller's transaction ends)."""
    # Created once per series; two first payments of a year racing both
    # insert, the second waits for the first and then does nothing.
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(kind=kind, year=year)], ignore_conflicts=True
    )
    counter = InvoiceCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{SERIES_PREFIX[kind]}-{year}-{counter.last:06d}"


def _seller() -> dict:
    return {
        "seller_name": settings.FOUNDATION_NAME,
        "seller_ice": settings.FOUNDATION_ICE,
        "seller_if": settings.FOUNDATION_IF,
        "seller_rc": settings.FOUNDATION_RC,
        "seller_patente": settings.FOUNDATION_PATENTE,
        "seller_cnss": settings.FOUNDATION_CNSS,
        "seller_address": settings.FOUNDATION_ADDRESS,
    }


def _buyer(order: Order) -> dict:
    """The buyer as the order names them, the place in the order's language;
    a business buyer's ICE when the order carries one."""
    with translation.override(order.language or settings.LANGUAGE_CODE):
        place = " ".join(
            part for part in (order.postal_code, order.place_label) if part
        )
    address = "\n".join(part for part in (order.address_line, place) if part)
    return {
        "buyer_name": order.full_name[:200],
        "buyer_address": address[:400],
        "buyer_country": order.country,
        "buyer_ice": order.buyer_ice.strip() or None,
    }


def _line(order_line, *, quantity, gross, discount, vat) -> dict:
    return {
        "name": order_line.product_name,
        "variant": order_line.variant_label,
        "sku": order_line.sku,
        "quantity": quantity,
        "unit_price": order_line.unit_price,
        "vat_rate_bp": order_line.vat_rate_bp,
        "gross": gross,
        "discount": discount,
        "amount": gross - discount,
        "vat": vat,
    }


def _totals(lines: list[dict], delivery: int, delivery_vat: int) -> dict:
    """The document's totals and its VAT per rate (bases excluding VAT), the
    delivery taxed at the delivery rate."""
    rates: dict[int, list[int]] = {}
    for line in lines:
        entry = rates.setdefault(line["vat_rate_bp"], [0, 0])
        entry[0] += line["amount"] - line["vat"]
        entry[1] += line["vat"]
    if delivery:
        entry = rates.setdefault(settings.SHOP_DELIVERY_VAT_BP, [0, 0])
        entry[0] += delivery - delivery_vat
        entry[1] += delivery_vat
    total = sum(line["amount"] for line in lines) + delivery
    total_vat = sum(line["vat"] for line in lines) + delivery_vat
    return {
        "vat_breakdown": [
            {"rate_bp": rate, "base": base, "vat": vat}
            for rate, (base, vat) in sorted(rates.items(), reverse=True)
        ],
        "delivery": delivery,
        "delivery_vat": delivery_vat,
        "delivery_vat_bp": settings.SHOP_DELIVERY_VAT_BP if delivery else 0,
        "total": total,
        "total_vat": total_vat,
        "total_excl_vat": total - total_vat,
    }


def _issue(*, kind: str, order: Order, day: datetime.date, content: dict, **refs):
    sequence, number = _number_take(kind, day.year)
    return Invoice.objects.create(
        kind=kind,
        number=number,
        year=day.year,
        sequence=sequence,
        issued_on=day,
        language=order.language or settings.LANGUAGE_CODE,
        order=order,
        **_seller(),
        **_buyer(order),
        **content,
        **refs,
    )


def sale_invoice(order: Order) -> Invoice | None:
    """The invoice issued when `order` was paid (None before)."""
    return order.invoices.filter(kind=InvoiceKind.INVOICE, booking__isnull=True).first()


def invoice_issue(order: Order, *, day: datetime.date | None = None) -> Invoice:
    """The invoice of a paid order, issued once, dated `day` (the day its
    money counts, `order.paid_on` by default). Call it in the transaction
    that marks the order paid, after the order's row is locked."""
    with transaction.atomic(savepoint=False):
        made = sale_invoice(order)
        if made is not None:
            return made
        lines = [
            _line(
                line,
                quantity=line.quantity,
                gross=line.gross,
                discount=line.discount,
                vat=line.vat,
            )
            for line in order.lines.order_by("pk")
        ]
        content = {"lines": lines, **_totals(lines, order.delivery, order.delivery_vat)}
        return _issue(
            kind=InvoiceKind.INVOICE,
            order=order,
            day=day or order.paid_on,
            content=content,
        )


def _refund_content(refund: Refund) -> dict:
    """What `refund` returns, line by line (each line's slice of units, its
    VAT sliced as the ledger slices it) and its share of the delivery."""
    lines = []
    for refund_line in refund.lines.select_related("order_line").order_by("pk"):
        order_line = refund_line.order_line
        sale = SimpleNamespace(
            gross=order_line.gross,
            discount=order_line.discount,
            vat=order_line.vat,
            fee=0,
            net=0,
            quantity=order_line.quantity,
        )
        parts = refund_line_parts(refund_line, sale)
        lines.append(
            _line(
                order_line,
                quantity=refund_line.quantity,
                gross=parts["gross"],
                discount=parts["gross"] - refund_line.amount,
                vat=parts["vat"],
            )
        )
    order = refund.order
    delivery_vat = 0
    if refund.delivery and order.delivery:
        # The delivery's refunds are consecutive slices of it, as lines' are.
        before = (
            order.refunds.filter(pk__lt=refund.pk).aggregate(total=Sum("delivery"))[
                "total"
            ]
            or 0
        )
        after = before + refund.delivery
        delivery_vat = divide_half_up(
            order.delivery_vat * after, order.delivery
        ) - divide_half_up(order.delivery_vat * before, order.delivery)
    return {"lines": lines, **_totals(lines, refund.delivery, delivery_vat)}


def _booking(refund: Refund, sign: int) -> RefundBooking | None:
    return refund.bookings.filter(sign=sign).order_by("-pk").first()


def credit_note_issue(
    refund: Refund, day: datetime.date, *, booking: RefundBooking | None = None
) -> Invoice | None:
    """The credit note of a refund entering the books (`booking`, its latest
    +1 booking by default), dated `day`, once per booking; it references the
    order's invoice. Call it in the transaction that books the refund."""
    booking = booking or _booking(refund, 1)
    if booking is None:
        return None
    with transaction.atomic(savepoint=False):
        made = Invoice.objects.filter(booking=booking).first()
        if made is not None:
            return made
        return _issue(
            kind=InvoiceKind.CREDIT_NOTE,
            order=refund.order,
            day=day,
            content=_refund_content(refund),
            refund=refund,
            booking=booking,
            corrects=sale_invoice(refund.order),
        )


def credit_note_cancel(
    refund: Refund, day: datetime.date, *, booking: RefundBooking | None = None
) -> Invoice | None:
    """A booked refund that failed after all leaves the books (`booking`, its
    latest -1 booking): the buyer owes again what its credit note returned,
    so a new invoice for exactly that amount, dated `day`, references the
    credit note it cancels. Once per booking."""
    booking = booking or _booking(refund, -1)
    if booking is None:
        return None
    with transaction.atomic(savepoint=False):
        made = Invoice.objects.filter(booking=booking).first()
        if made is not None:
            return made
        cancelled = (
            Invoice.objects.filter(refund=refund, kind=InvoiceKind.CREDIT_NOTE)
            .order_by("-pk")
            .first()
        )
        return _issue(
            kind=InvoiceKind.INVOICE,
            order=refund.order,
            day=day,
            content=_refund_content(refund),
            refund=refund,
            booking=booking,
            corrects=cancelled,
        )


def invoices_issue_missing(*, day: datetime.date | None = None) -> dict[str, int]:
    """Documents owed but never issued (orders paid, refunds booked before
    invoicing existed, or while it was turned off): issued now, dated `day`
    (today by default) so the series stays in date order, in the order the
    money moved. Each order is handled under its row lock, in its own
    transaction, like a payment; running it again issues nothing twice."""
    from cooperatives.models import today

    day = day or today()
    issued = {"invoices": 0, "credit_notes": 0}
    invoiced = Invoice.objects.filter(
        order=OuterRef("pk"), kind=InvoiceKind.INVOICE, booking__isnull=True
    )
    paid = (
        Order.objects.filter(paid_at__isnull=False)
        .exclude(Exists(invoiced))
        .order_by("paid_at", "pk")
        .values_list("pk", flat=True)
    )
    for order_id in paid:
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            if sale_invoice(order) is None:
                invoice_issue(order, day=day)
                issued["invoices"] += 1
    bookings = (
        RefundBooking.objects.filter(invoice__isnull=True)
        .order_by("pk")
        .values_list("pk", "refund__order_id")
    )
    for booking_id, order_id in bookings:
        with transaction.atomic():
            Order.objects.select_for_update().get(pk=order_id)
            booking = RefundBooking.objects.select_related("refund__order").get(
                pk=booking_id
            )
            if Invoice.objects.filter(booking=booking).exists():
                continue
            issue = credit_note_issue if booking.sign > 0 else credit_note_cancel
            if issue(booking.refund, day, booking=booking) is not None:
                key = "credit_notes" if booking.sign > 0 else "invoices"
                issued[key] += 1
    return issued
