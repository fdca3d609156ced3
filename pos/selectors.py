"""Point-of-sale reads: the catalogue a device caches, and the figures of
the close screen."""

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import translation

from core import fallback
from pos.models import PosSession, Sale, SessionLot


def sessions_open():
    return PosSession.objects.filter(closed_at=None).order_by("date", "pk")


def sessions_recent(limit: int = 30):
    return PosSession.objects.order_by("-date", "-pk")[:limit]


def lots_to_send(session: PosSession):
    """Warehouse lots that may travel to the session: released, in stock,
    still good on the session's day."""
    from shop.models import Lot, LotStatus

    return (
        Lot.objects.filter(
            status=LotStatus.RELEASED, stock__gt=0, best_before__gte=session.date
        )
        .select_related("variant__product", "cooperative")
        .order_by("variant__product__cooperative_id", "variant_id", "best_before")
    )


def session_catalogue(session: PosSession) -> dict:
    """What a device needs to sell offline: the session and, per lot at the
    place, the product's name in every language (the receipt is shown in
    the buyer's), its price and how many units were sent there."""
    rows = session.lots.select_related("lot__variant__product").order_by(
        "lot__variant__product_id", "lot__best_before", "pk"
    )
    items = []
    for row in rows:
        variant = row.lot.variant
        names, name_languages = {}, {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names[code] = f"{variant.product.name} {variant.label}".strip()
                # The language the name fell back to when it is not `code`'s
                # own (a product named only in Arabic, on a French till): the
                # app marks the element it writes the name in.
                name_languages[code] = fallback.language_attr_dict(
                    fallback.shown_language(variant.product, "name")
                )
        items.append(
            {
                "lot": row.lot_id,
                "code": row.lot.code,
                "public_code": row.lot.public_code,
                "sku": variant.sku,
                "names": names,
                "name_languages": name_languages,
                "price": row.unit_price,
                "vat_rate_bp": variant.product.vat_rate.rate_bp,
                "sent": row.transferred,
                "at_place": row.at_place,
            }
        )
    return {
        "id": session.pk,
        "label": str(session),
        "channel": session.channel,
        "place": session.place,
        "date": session.date.isoformat(),
        "closed": session.is_closed,
        "items": items,
    }


@dataclass(frozen=True)
class CashRow:
    device_id: uuid.UUID
    payment_method: str
    sales: int
    expected: int
    counted: int | None = None

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass
class Reconciliation:
    rows: list[CashRow] = field(default_factory=list)
    unsold: list[SessionLot] = field(default_factory=list)
    shortfalls: list[Sale] = field(default_factory=list)

    @property
    def expected_total(self) -> int:
        return sum(row.expected for row in self.rows)


def session_reconcile(session: PosSession) -> Reconciliation:
    """Expected money per device and payment method: every sale the device
    made, a shortfall included (the buyer paid; the goods are what is
    missing), beside what was counted once the session is closed."""
    counted = {
        (count.device_id, count.payment_method): count.counted
        for count in session.counts.all()
    }
    rows = [
        CashRow(
            device_id=row["device_id"],
            payment_method=row["payment_method"],
            sales=row["sales"],
            expected=row["expected"],
            counted=counted.get((row["device_id"], row["payment_method"])),
        )
        for row in session.sales.values("device_id", "payment_method")
        .annotate(sales=Count("pk"), expected=Sum("total"))
        .order_by("device_id", "payment_method")
    ]
    return Reconciliation(
        rows=rows,
        unsold=[
            row
            for row in session.lots.select_related("lot__variant").order_by("pk")
            if row.at_place
        ],
        shortfalls=list(session.sales.filter(status=Sale.Status.SHORTFALL)),
    )
