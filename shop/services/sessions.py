"""Store and fair sales: recorded as a session, closed into an order that goes
through the same stock (row locks, lots) and ledger services as web orders."""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from shop.models import Payment, PaymentStatus, SalesSession, SalesSessionLine, Variant
from shop.pricing import LineInput, price_order
from shop.services.checkout import CheckoutError
from shop.services.orders import (
    OrderError,
    WantedLine,
    order_create,
    order_lines_lock,
)
from shop.services.payments import order_mark_paid

MAX_IMPORT_ROWS = 2000


class SessionError(Exception):
    def __init__(self, *problems: str):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@transaction.atomic
def session_close(*, session_id: int, user=None):
    """Record a day of store or fair sales as one order, through the same
    order creation (stock, lots, agreements) and the same `order_mark_paid`
    (ledger) as web orders. The money belongs to the session's day, in the
    ledger and in the reports, whenever the session is closed."""
    session = SalesSession.objects.select_for_update().get(pk=session_id)
    if session.is_closed:
        raise SessionError(_("This session is already closed."))
    wanted = list(session.lines.order_by("variant_id", "pk"))
    if not wanted:
        raise SessionError(_("A session needs at least one sale."))
    try:
        locked = order_lines_lock(
            [
                WantedLine(
                    variant_id=line.variant_id,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                )
                for line in wanted
            ],
            day=session.date,
        )
        order = counter_order_create(
            locked,
            day=session.date,
            channel=session.channel,
            place=session.place,
            payment_method=session.payment_method,
            # Store and fair orders are kept in the site's default language
            # (Arabic), whoever records them.
            language=settings.LANGUAGE_CODE,
        )
    except OrderError as error:
        raise SessionError(*error.problems) from error
    payment = Payment.objects.create(
        order=order,
        provider=session.payment_method,
        reference=f"session-{session.pk}",
        amount=order.total,
        status=PaymentStatus.SUCCEEDED,
    )
    session.order = order
    session.save(update_fields=["order"])
    return order_mark_paid(
        order_id=order.pk,
        payment=payment,
        day=session.date,
        user=user,
        message=str(session),
    )


@dataclass
class ImportReport:
    rows: int
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors


def session_import_csv(*, session_id: int, text: str) -> ImportReport:
    """Add lines from CSV (columns sku, quantity, unit_price in MAD). Every row
    is checked first; with any error, nothing is added. The session's row is
    locked, so an import never lands in a session closed meanwhile."""
    with transaction.atomic():
        return _import_csv(
            SalesSession.objects.select_for_update().get(pk=session_id), text
        )


def _import_csv(session, text: str) -> ImportReport:
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


def counter_order_create(
    locked,
    *,
    day,
    channel: str,
    place: str,
    payment_method: str,
    language: str,
    allocations=None,
):
    """The order of a sale made face to face (a store, a fair; recorded by
    staff or by a point of sale): `locked` lines as `order_lines_lock` gives
    them, no delivery, no buyer contact, named after the place. Raises
    OrderError as `order_create` does."""
    priced = price_order(
        [
            LineInput(
                unit_price=unit_price,
                quantity=quantity,
                vat_rate_bp=variant.product.vat_rate.rate_bp,
            )
            for variant, quantity, unit_price, _agreement in locked
        ],
        delivery=0,
        delivery_vat_bp=settings.SHOP_DELIVERY_VAT_BP,
    )
    return order_create(
        locked=locked,
        priced=priced,
        day=day,
        number_prefix=channel.upper()[:2],
        language=language,
        allocations=allocations,
        email="",
        phone="",
        full_name=place,
        city=place,
        channel=channel,
        payment_method=payment_method,
        delivery_name="-",
    )
