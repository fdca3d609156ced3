"""The demo's quality plan: a specification book per product category with
its criteria in three languages, checklist inspections of some demo lots,
this month's surprise plan and a routine calendar. Running it again changes
nothing: books are found by version, inspections by their form token, the
plan by its month."""

import datetime
import uuid
from decimal import Decimal

from cooperatives.models import Cooperative, ProductCategory, today
from shop.models import Inspection, Lot, RoutineCalendar, SpecBook
from shop.services.quality import (
    CriterionInput,
    inspection_checklist_record,
    inspection_plan_draw,
    spec_books_link_lots,
)

DEMO_TOKENS = uuid.UUID("5b0f3c1e-7d1a-4c55-9a53-20a0a11e0001")


def _c(name, method, unit="", low=None, high=None, blocks=True, check=False):
    """A criterion: (fr, ar, en) name and method, unit, acceptable bounds,
    whether it blocks release, whether it is a pass-or-fail check."""
    return {
        "name": name,
        "method": method,
        "unit": unit,
        "low": low,
        "high": high,
        "blocks": blocks,
        "check": check,
    }


LABEL = _c(
    ("Étiquetage conforme", "بطاقة مطابقة", "Label conforms"),
    ("Contrôle visuel", "فحص بالعين", "Visual check"),
    blocks=False,
    check=True,
)
BOOKS = {
    "honey": (
        "medium",
        [
            _c(
                ("Humidité", "الرطوبة", "Moisture"),
                ("Réfractomètre", "مقياس الانكسار", "Refractometer"),
                "%",
                high="18.5",
            ),
            _c(
                ("HMF", "هيدروكسي ميثيل فورفورال", "HMF"),
                ("Laboratoire agréé", "مختبر معتمد", "Accredited laboratory"),
                "mg/kg",
                high="40",
            ),
            _c(
                ("Sucres réducteurs", "السكريات المختزلة", "Reducing sugars"),
                ("Laboratoire agréé", "مختبر معتمد", "Accredited laboratory"),
                "g/100 g",
                low="60",
            ),
            _c(
                ("Conductivité électrique", "الموصلية الكهربائية", "Conductivity"),
                ("Conductimètre", "مقياس الموصلية", "Conductivity meter"),
                "mS/cm",
                high="0.8",
                blocks=False,
            ),
            LABEL,
        ],
    ),
    "herbs": (
        "medium",
        [
            _c(
                ("Humidité", "الرطوبة", "Moisture"),
                ("Étuve à 105 °C", "فرن التجفيف 105 °C", "Oven at 105 °C"),
                "%",
                high="12",
            ),
            _c(
                ("Corps étrangers", "الشوائب", "Foreign matter"),
                ("Tri et pesée", "الفرز والوزن", "Sorting and weighing"),
                "%",
                high="2",
            ),
            _c(
                ("Absence de moisissures", "خلو من العفن", "No mould"),
                ("Contrôle visuel", "فحص بالعين", "Visual check"),
                check=True,
            ),
            _c(
                ("Odeur caractéristique", "رائحة مميزة", "Characteristic smell"),
                ("Panel sensoriel", "لجنة التذوق", "Sensory panel"),
                blocks=False,
                check=True,
            ),
            LABEL,
        ],
    ),
    "oils": (
        "medium",
        [
            _c(
                ("Acidité", "الحموضة", "Acidity"),
                ("Titrage", "المعايرة", "Titration"),
                "%",
                high="0.8",
            ),
            _c(
                ("Indice de peroxyde", "مؤشر البيروكسيد", "Peroxide value"),
                ("Laboratoire agréé", "مختبر معتمد", "Accredited laboratory"),
                "meq O2/kg",
                high="15",
            ),
            LABEL,
        ],
    ),
    "cosmetics": (
        "high",
        [
            _c(
                ("pH", "درجة الحموضة", "pH"),
                ("pH-mètre", "مقياس الحموضة", "pH meter"),
                low="4.5",
                high="7",
            ),
            _c(
                ("Charge microbienne", "الحمولة الميكروبية", "Microbial count"),
                ("Laboratoire agréé", "مختبر معتمد", "Accredited laboratory"),
                "UFC/g",
                high="1000",
            ),
            LABEL,
        ],
    ),
    "food": (
        "high",
        [
            _c(
                ("Humidité", "الرطوبة", "Moisture"),
                ("Étuve à 105 °C", "فرن التجفيف 105 °C", "Oven at 105 °C"),
                "%",
                high="12",
            ),
            _c(
                ("Absence d'insectes", "خلو من الحشرات", "No insects"),
                ("Tamisage", "الغربلة", "Sieving"),
                check=True,
            ),
            LABEL,
        ],
    ),
    "crafts": (
        "low",
        [
            _c(
                ("Finition", "جودة التشطيب", "Finish"),
                ("Contrôle visuel", "فحص بالعين", "Visual check"),
                blocks=False,
                check=True,
            ),
            LABEL,
        ],
    ),
}
VERSION_YEAR = 2025


def load() -> dict:
    books = {slug: _book(slug, *spec) for slug, spec in BOOKS.items()}
    for book in books.values():
        if book is not None:
            spec_books_link_lots(category_id=book.category_id)
    inspections = _inspections()
    first = Cooperative.objects.active().order_by("name").first()
    if first is not None:
        RoutineCalendar.objects.get_or_create(
            cooperative=first, defaults={"every_months": 3}
        )
    plan = inspection_plan_draw(month=today(), size=4, seed=20261201)
    return {
        "books": sum(book is not None for book in books.values()),
        "inspections": inspections,
        "plan": plan,
    }


def _book(slug: str, risk: str, criteria: list[dict]) -> SpecBook | None:
    category = ProductCategory.objects.filter(slug=slug).first()
    if category is None:
        return None
    book, created = SpecBook.objects.get_or_create(
        category=category,
        version=f"CDC-{slug.upper()}-{VERSION_YEAR}",
        defaults={
            "in_force_from": datetime.date(VERSION_YEAR, 1, 1),
            "risk_class": risk,
        },
    )
    if created:
        for order, spec in enumerate(criteria):
            book.criteria.create(
                sort_order=order,
                kind="check" if spec["check"] else "measured",
                unit=spec["unit"],
                minimum=Decimal(spec["low"]) if spec["low"] else None,
                maximum=Decimal(spec["high"]) if spec["high"] else None,
                blocks_release=spec["blocks"],
                name=spec["name"][0],
                **_languages("name", spec["name"]),
                method=spec["method"][0],
                **_languages("method", spec["method"]),
            )
        book.save()
    return book


def _languages(field: str, values: tuple) -> dict:
    return dict(zip((f"{field}_fr", f"{field}_ar", f"{field}_en"), values, strict=True))


def _inspections() -> int:
    """A checklist for the first lot of each category: within range, the
    second one with an observation (a non-blocking criterion off), so that
    the portal and the lot pages show both outcomes without holding stock."""
    lots = (
        Lot.objects.exclude(spec_book=None)
        .filter(status="released")
        .select_related("spec_book")
        .order_by("spec_book__category__sort_order", "pk")
    )
    seen, recorded = set(), 0
    for lot in lots:
        if lot.spec_book_id in seen:
            continue
        seen.add(lot.spec_book_id)
        index = recorded
        results = []
        for criterion in lot.spec_book.criteria.all():
            off = index % 2 == 1 and not criterion.blocks_release
            if criterion.kind == "check":
                results.append(CriterionInput(criterion.pk, passed=not off))
            else:
                results.append(
                    CriterionInput(criterion.pk, measured=_value(criterion, off))
                )
        inspection_checklist_record(
            lot_id=lot.pk,
            kind=Inspection.Kind.ROUTINE,
            body=Inspection.Body.ONSSA if index % 2 else Inspection.Body.FOUNDATION,
            day=today() - datetime.timedelta(days=12 + index),
            results=results,
            form_token=uuid.uuid5(DEMO_TOKENS, lot.code),
            language="fr",
        )
        recorded += 1
    return recorded


def _value(criterion, off: bool) -> Decimal:
    """A believable measure: inside the range, or just past it when `off`."""
    low, high = criterion.minimum, criterion.maximum
    if off:
        return (high * Decimal("1.2")) if high is not None else low * Decimal("0.8")
    if low is not None and high is not None:
        return (low + high) / 2
    if high is not None:
        return high * Decimal("0.8")
    return low * Decimal("1.1")
