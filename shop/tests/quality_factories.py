"""Specification books and lots for the quality tests."""

import datetime
import uuid
from decimal import Decimal

from cooperatives.models import ProductCategory, today
from shop.models import Consignment, Lot, SpecBook
from shop.services.lots import consignment_receive
from shop.services.quality import CriterionInput, inspection_checklist_record

DAY = datetime.timedelta(days=1)


def honey_book(*, version="CDC-MIEL-2025", in_force_from=None, risk="medium"):
    """A honey book: moisture and HMF block release, the label check and the
    colour do not."""
    book = SpecBook.objects.create(
        category=ProductCategory.objects.get(slug="honey"),
        version=version,
        in_force_from=in_force_from or today() - 400 * DAY,
        risk_class=risk,
    )
    book.criteria.create(
        name_fr="Humidité",
        name_ar="الرطوبة",
        name_en="Moisture",
        method_fr="Réfractomètre",
        method_ar="مقياس الانكسار",
        method_en="Refractometer",
        unit="%",
        maximum=Decimal("18.5"),
        blocks_release=True,
        sort_order=1,
    )
    book.criteria.create(
        name_fr="HMF",
        name_ar="هيدروكسي ميثيل فورفورال",
        name_en="HMF",
        unit="mg/kg",
        maximum=Decimal("40"),
        blocks_release=True,
        sort_order=2,
    )
    book.criteria.create(
        name_fr="Étiquette conforme",
        name_ar="بطاقة مطابقة",
        name_en="Label conforms",
        kind="check",
        blocks_release=False,
        sort_order=3,
    )
    book.criteria.create(
        name_fr="Couleur",
        name_ar="اللون",
        name_en="Colour",
        unit="mm Pfund",
        minimum=Decimal("10"),
        maximum=Decimal("85"),
        blocks_release=False,
        sort_order=4,
    )
    book.save()
    return book


def receive_lot(variant, code, *, quantity=10, received_on=None) -> Lot:
    consignment = Consignment.objects.create(
        cooperative=variant.product.cooperative,
        received_on=received_on or today(),
    )
    consignment.lines.create(
        variant=variant,
        lot_code=code,
        quantity=quantity,
        production_date=today() - 30 * DAY,
        best_before=today() + 300 * DAY,
    )
    consignment.save()
    consignment_receive(consignment_id=consignment.pk)
    return Lot.objects.get(cooperative=variant.product.cooperative, code=code)


def criteria(book) -> dict:
    return {c.name_en: c for c in book.criteria.all()}


def inspect(lot, values: dict, *, token=None, user=None, language="fr", **extra):
    """Record a checklist from {criterion English name: value} (a Decimal
    for a measure, a bool for a check)."""
    by_name = criteria(lot.spec_book)
    results = [
        CriterionInput(
            criterion_id=by_name[name].pk,
            measured=value if not isinstance(value, bool) else None,
            passed=value if isinstance(value, bool) else None,
        )
        for name, value in values.items()
    ]
    return inspection_checklist_record(
        lot_id=lot.pk,
        kind=extra.pop("kind", "routine"),
        body=extra.pop("body", "foundation"),
        day=extra.pop("day", today()),
        results=results,
        form_token=token or uuid.uuid4(),
        user=user,
        language=language,
        **extra,
    )


GOOD = {
    "Moisture": Decimal("17.2"),
    "HMF": Decimal("12"),
    "Label conforms": True,
    "Colour": Decimal("40"),
}
