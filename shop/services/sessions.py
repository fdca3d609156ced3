"""Store and fair sales: recorded as a session, closed into an order that goes
through the same stock (row locks, lots) and ledger services as web orders."""

import csv
import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from shop.models import Order, OrderLine, SalesSession, SalesSessionLine, Variant
from shop.orders.states import OrderStatus, order_transition
from shop.pricing import LineInput, price_order
from shop.services.checkout import CheckoutError
from shop.services.ledger import ledger_record_order
from shop.services.locks import lock_for_update, variant_stock_add
from shop.services.lots import LotError, lots_allocate, lots_commit

MAX_IMPORT_ROWS = 2000


class SessionError(Exception):
    def __init__(self, *problems: str):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@transaction.atomic
def session_close(*, session_id: int, user=None) -> Order:
    session = SalesSession.objects.select_for_update().get(pk=session_id)
    if session.is_closed:
        raise SessionError(_("This session is already closed."))
    wanted = list(session.lines.order_by("variant_id", "pk"))
    if not wanted:
        raise SessionError(_("A session needs at least one sale."))
    variants = {
        v.pk: v
        for v in lock_for_update(
            Variant.objects.select_related(
                "product__vat_rate", "product__cooperative"
            ).filter(pk__in={line.variant_id for line in wanted})
        ).order_by("pk")
    }
    totals: dict[int, int] = {}
    for line in wanted:
        totals[line.variant_id] = totals.get(line.variant_id, 0) + line.quantity
    problems = [
        _("Not enough “%(name)s” left: %(stock)s in stock.")
        % {"name": variants[vid].product.name, "stock": variants[vid].stock}
        for vid, quantity in totals.items()
        if variants[vid].stock < quantity
    ]
    if problems:
        raise SessionError(*problems)
    try:
        allocations = lots_allocate([(variants[vid], q) for vid, q in totals.items()])
    except LotError as error:
        raise SessionError(str(error)) from error
    priced = price_order(
        [
            LineInput(
                unit_price=line.unit_price,
                quantity=line.quantity,
                vat_rate_bp=variants[line.variant_id].product.vat_rate.rate_bp,
            )
            for line in wanted
        ],
        delivery=0,
        delivery_vat_bp=settings.SHOP_DELIVERY_VAT_BP,
    )
    order = Order.objects.create(
        number=uuid.uuid4().hex[:20],
        email="",
        phone="",
        full_name=session.place,
        city=session.place,
        language=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        channel=session.channel,
        payment_method=session.payment_method,
        delivery_name="-",
        subtotal=priced.subtotal,
        delivery=0,
        vat=priced.vat,
        total=priced.total,
    )
    order.number = f"{session.channel.upper()[:2]}-{order.pk:06d}"
    order.save(update_fields=["number"])
    order_lines = OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                variant=variants[line.variant_id],
                cooperative_id=variants[line.variant_id].product.cooperative_id,
                product_name=variants[line.variant_id].product.name,
                sku=variants[line.variant_id].sku,
                variant_label=variants[line.variant_id].label,
                unit_price=line.unit_price,
                quantity=line.quantity,
                vat_rate_bp=p.vat_rate_bp,
                gross=p.gross,
                discount=0,
                vat=p.vat,
            )
            for line, p in zip(wanted, priced.lines, strict=True)
        ]
    )
    # Lots are allocated per variant; give each variant's lots to its first line.
    first_lines = {}
    for line in order_lines:
        first_lines.setdefault(line.variant_id, line)
    lots_commit(list(first_lines.values()), allocations)
    for vid, quantity in totals.items():
        variant_stock_add(vid, -quantity)
    order_transition(order=order, to=OrderStatus.PAID, user=user, message=str(session))
    order.paid_at = order.placed_at
    order.save(update_fields=["paid_at"])
    ledger_record_order(order, day=session.date)
    session.order = order
    session.save(update_fields=["order"])
    return order


@dataclass
class ImportReport:
    rows: int
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors


def session_import_csv(*, session_id: int, text: str) -> ImportReport:
    """Add lines from CSV (columns sku, quantity, unit_price in MAD). Every row
    is checked first; with any error, nothing is added."""
    session = SalesSession.objects.get(pk=session_id)
    if session.is_closed:
        return ImportReport(0, [_("This session is already closed.")])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"sku", "quantity", "unit_price"} - set(reader.fieldnames or [])
    if missing:
        return ImportReport(
            0, [_("Missing columns: %(cols)s") % {"cols": ", ".join(sorted(missing))}]
        )
    parsed, errors = [], []
    for number, row in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            errors.append(_("At most %(max)s rows.") % {"max": MAX_IMPORT_ROWS})
            break
        sku = (row.get("sku") or "").strip().upper()
        variant = Variant.objects.filter(sku=sku).first()
        try:
            quantity = int(row.get("quantity", ""))
            price = _centimes(row.get("unit_price", ""))
        except ValueError:
            errors.append(
                _("Row %(n)s: quantity and price must be numbers.") % {"n": number}
            )
            continue
        if variant is None:
            errors.append(
                _("Row %(n)s: unknown SKU “%(sku)s”.") % {"n": number, "sku": sku}
            )
        elif quantity < 1 or price < 1:
            errors.append(
                _("Row %(n)s: quantity and price must be positive.") % {"n": number}
            )
        else:
            parsed.append((variant, quantity, price))
    if errors:
        return ImportReport(len(parsed), errors)
    with transaction.atomic():
        SalesSessionLine.objects.bulk_create(
            [
                SalesSessionLine(session=session, variant=v, quantity=q, unit_price=p)
                for v, q, p in parsed
            ]
        )
    return ImportReport(len(parsed), [])


def _centimes(raw: str) -> int:
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(str(raw).strip().replace(",", ".")) * 100
    except InvalidOperation as error:
        raise ValueError(raw) from error
    if value != value.to_integral_value():
        raise ValueError(raw)
    return int(value)


__all__ = ["CheckoutError", "SessionError", "session_close", "session_import_csv"]
