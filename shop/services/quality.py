"""The quality plan: inspections recorded as checklists against the lot's
specification book, the monthly draw of surprise inspections weighted by
risk, and the routine inspections each cooperative is due.

The draw is reproducible: the plan keeps the seed, the weighting parameters
and every candidate lot with its risk factors and weight; drawing again from
them (`inspection_plan_replay`) must give the same lots in the same order.
Weights are whole numbers and the draw uses only `random.Random(seed)
.randrange` (integer arithmetic, the same in every Python since 3.2), so a
replay on another machine or years later gives the same answer.
"""

import calendar
import datetime
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative, today
from shop.models import (
    CriterionResult,
    Inspection,
    InspectionPlan,
    InspectionPlanEntry,
    Lot,
    LotStatus,
    RoutineCalendar,
    SpecBook,
)
from shop.models.lots import InspectionResult
from shop.models.quality import CriterionKind, RiskClass
from shop.services.locks import variants_lock
from shop.services.lots import inspection_record


class QualityError(Exception):
    """A quality record refused. `errors` maps form field names (one per
    criterion: "criterion-<id>") to messages, "" to the form as a whole."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# Specification books --------------------------------------------------------
def lot_received_on(lot: Lot) -> datetime.date:
    """The day a lot was first received: its first consignment, else the
    day the row was made."""
    from shop.models import ConsignmentLine

    day = (
        ConsignmentLine.objects.filter(lot=lot)
        .order_by("consignment__received_on")
        .values_list("consignment__received_on", flat=True)
        .first()
    )
    return day or lot.created_at.date()


def spec_books_link_lots(*, category_id: int) -> int:
    """Point every lot of the category still without a book at the version
    in force the day it was received (for books written after their lots
    arrived). Lots already tied to a version keep it. Returns how many."""
    linked = 0
    lots = Lot.objects.filter(
        spec_book=None, variant__product__category_id=category_id
    ).order_by("pk")
    for lot in lots:
        book = SpecBook.objects.in_force(
            category_id=category_id, day=lot_received_on(lot)
        )
        if book is not None:
            Lot.objects.filter(pk=lot.pk, spec_book=None).update(spec_book=book)
            linked += 1
    return linked


# Checklists -----------------------------------------------------------------
@dataclass(frozen=True)
class CriterionInput:
    criterion_id: int
    measured: Decimal | None = None
    passed: bool | None = None
    evidence_id: int | None = None


def checklist_result(inspection: Inspection) -> str | None:
    """The result a checklist gives: fail if a criterion that blocks release
    does not conform, pass with observations if another does not, pass
    otherwise; None for an inspection without criteria."""
    rows = list(
        CriterionResult.objects.filter(inspection=inspection).values_list(
            "conforms", "criterion__blocks_release"
        )
    )
    if not rows:
        return None
    if any(not conforms and blocks for conforms, blocks in rows):
        return InspectionResult.FAIL
    if any(not conforms for conforms, _blocks in rows):
        return InspectionResult.OBSERVATIONS
    return InspectionResult.PASS


def _check_inputs(book: SpecBook, inputs: list[CriterionInput]) -> dict:
    """{criterion: input} for the book's criteria, or QualityError: every
    criterion that blocks release needs its result, each result its kind of
    value, and no criterion may come from another book."""
    criteria = {criterion.pk: criterion for criterion in book.criteria.all()}
    errors, given = {}, {}
    for item in inputs:
        criterion = criteria.get(item.criterion_id)
        if criterion is None:
            errors[""] = _("A criterion is not in this lot's specification book.")
            continue
        field = f"criterion-{criterion.pk}"
        if criterion.kind == CriterionKind.MEASURED and item.measured is None:
            if item.passed is not None or criterion.blocks_release:
                errors[field] = _("Enter the measured value.")
            continue
        if criterion.kind == CriterionKind.CHECK and item.passed is None:
            if criterion.blocks_release:
                errors[field] = _("Say whether it passed.")
            continue
        given[criterion] = item
    for criterion in criteria.values():
        field = f"criterion-{criterion.pk}"
        if criterion.blocks_release and criterion not in given and field not in errors:
            errors[field] = _("This criterion blocks release: record its result.")
    if not given and not errors:
        errors[""] = _("Record at least one criterion.")
    if errors:
        raise QualityError(errors)
    return given


@transaction.atomic
def inspection_checklist_record(
    *,
    lot_id: int,
    kind: str,
    body: str,
    day: datetime.date,
    results: list[CriterionInput],
    form_token,
    user=None,
    language: str = "",
    notes: str = "",
    plan_entry_id: int | None = None,
) -> Inspection:
    """Record an inspection of a lot criterion by criterion, against the
    book the lot was received under. The result follows from the blocking
    criteria (`checklist_result`) and goes through `inspection_record`, so a
    failure holds the lot. The same form (its token) records once: sent
    again, it returns the first inspection and changes nothing."""
    variant_id = Lot.objects.values_list("variant_id", flat=True).get(pk=lot_id)
    variants_lock([variant_id])
    lot = (
        Lot.objects.select_for_update(of=("self",))
        .select_related("spec_book")
        .get(pk=lot_id)
    )
    done = Inspection.objects.filter(form_token=form_token).first()
    if done is not None:
        return done
    if lot.spec_book is None:
        raise QualityError(
            {"": _("This lot has no specification book to inspect it against.")}
        )
    if day > today():
        raise QualityError({"date": _("An inspection cannot be dated in the future.")})
    given = _check_inputs(lot.spec_book, results)
    inspection = Inspection.objects.create(
        kind=kind,
        date=day,
        body=body,
        lot=lot,
        cooperative_id=lot.cooperative_id,
        # Replaced by what the criteria give, in inspection_record.
        result=InspectionResult.PASS,
        notes=notes,
        spec_book=lot.spec_book,
        inspector=user,
        inspector_language=language,
        form_token=form_token,
    )
    CriterionResult.objects.bulk_create(
        CriterionResult(
            inspection=inspection,
            criterion=criterion,
            measured=item.measured
            if criterion.kind == CriterionKind.MEASURED
            else None,
            passed=item.passed if criterion.kind == CriterionKind.CHECK else None,
            conforms=criterion.accepts(measured=item.measured, passed=item.passed),
            evidence_id=item.evidence_id,
        )
        for criterion, item in given.items()
    )
    inspection_record(inspection=inspection)
    if plan_entry_id is not None:
        InspectionPlanEntry.objects.filter(
            pk=plan_entry_id, lot_id=lot.pk, inspection=None
        ).update(inspection=inspection)
    return inspection


# The surprise draw ----------------------------------------------------------
PLAN_METHOD = "weighted-randrange-v1"
DEFAULT_PLAN_SIZE = 4
PARAMETERS = {
    # Product risk class, from the lot's specification book.
    "risk": {RiskClass.LOW: 1, RiskClass.MEDIUM: 2, RiskClass.HIGH: 4},
    # Each failed inspection of the cooperative in the window adds this
    # many times the base weight (capped).
    "failure_weight": 2,
    "failure_cap": 5,
    "failure_window_days": 365,
    # Days since the lot (else the cooperative) was last inspected: the
    # weight grows by 1 every `days_base` days (capped).
    "days_base": 30,
    "days_cap": 365,
    # Units sold from the lot: one more step per doubling (bit length).
    "scale": 10,
}


def risk_weight(factors: dict, parameters: dict) -> int:
    """A lot's weight in the draw, a whole number from its risk factors."""
    risk = parameters["risk"][factors["risk_class"]]
    failures = min(factors["failures"], parameters["failure_cap"])
    days = min(factors["days_since_inspection"], parameters["days_cap"])
    volume = 1 + int(factors["sold"]).bit_length()
    weight = (
        parameters["scale"]
        * risk
        * (1 + parameters["failure_weight"] * failures)
        * (parameters["days_base"] + days)
        * volume
    ) // parameters["days_base"]
    return max(1, weight)


def weighted_draw(candidates: list[tuple[int, int]], *, seed: int, size: int) -> list:
    """Draw up to `size` ids from [(id, weight)] without replacement, each
    draw with probability proportional to weight, from `seed` alone."""
    # Not for secrets: the point is that anyone can replay it from the seed.
    rng = random.Random(seed)  # noqa: S311
    pool = sorted(candidates)
    drawn = []
    for _round in range(min(size, len(pool))):
        point = rng.randrange(sum(weight for _id, weight in pool))
        index = 0
        while point >= pool[index][1]:
            point -= pool[index][1]
            index += 1
        drawn.append(pool.pop(index)[0])
    return drawn


def plan_candidates(day: datetime.date):
    """Lots the foundation holds and sells on `day`: released, not expired,
    with units in the warehouse or at a point of sale."""
    return (
        Lot.objects.filter(status=LotStatus.RELEASED, best_before__gte=day)
        .filter(Q(stock__gt=0) | Q(at_pos__gt=0))
        .select_related("spec_book")
        .order_by("pk")
    )


def risk_factors(lots: list[Lot], *, day: datetime.date, parameters: dict) -> dict:
    """{lot id: factors} as of `day`, in a few queries for all the lots."""
    cooperative_ids = {lot.cooperative_id for lot in lots}
    window = day - datetime.timedelta(days=parameters["failure_window_days"])
    failures = dict(
        Inspection.objects.filter(
            cooperative_id__in=cooperative_ids,
            result=InspectionResult.FAIL,
            date__gt=window,
            date__lte=day,
        )
        .values("cooperative_id")
        .annotate(n=Count("pk"))
        .values_list("cooperative_id", "n")
    )
    inspected = Inspection.objects.filter(date__lte=day)
    lot_last = dict(
        inspected.filter(lot__in=lots)
        .values("lot_id")
        .annotate(last=Max("date"))
        .values_list("lot_id", "last")
    )
    cooperative_last = dict(
        inspected.filter(cooperative_id__in=cooperative_ids)
        .values("cooperative_id")
        .annotate(last=Max("date"))
        .values_list("cooperative_id", "last")
    )
    factors = {}
    for lot in lots:
        last = (
            lot_last.get(lot.pk)
            or cooperative_last.get(lot.cooperative_id)
            or lot.created_at.date()
        )
        factors[lot.pk] = {
            "risk_class": lot.spec_book.risk_class
            if lot.spec_book
            else RiskClass.MEDIUM.value,
            "failures": failures.get(lot.cooperative_id, 0),
            "days_since_inspection": max(0, (day - last).days),
            "sold": lot.sold,
        }
    return factors


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def inspection_plan_draw(
    *,
    month: datetime.date,
    size: int = DEFAULT_PLAN_SIZE,
    seed: int | None = None,
    user=None,
    day: datetime.date | None = None,
) -> InspectionPlan:
    """Draw a month's surprise inspections, once: a month that has its plan
    keeps it (drawing again returns it unchanged, so nobody can redraw until
    the lots they like come up). The seed is random unless given."""
    month = month_start(month)
    existing = InspectionPlan.objects.filter(month=month).first()
    if existing is not None:
        return existing
    day = day or today()
    seed = secrets.randbits(62) if seed is None else seed
    parameters = {**PARAMETERS, "risk": dict(PARAMETERS["risk"])}
    lots = list(plan_candidates(day))
    factors = risk_factors(lots, day=day, parameters=parameters)
    weights = {pk: risk_weight(factors[pk], parameters) for pk in factors}
    drawn = weighted_draw(list(weights.items()), seed=seed, size=size)
    try:
        with transaction.atomic():
            plan = InspectionPlan.objects.create(
                month=month,
                seed=seed,
                size=size,
                method=PLAN_METHOD,
                parameters=parameters,
                drawn_by=user,
            )
    except IntegrityError:  # drawn at the same moment by someone else
        return InspectionPlan.objects.get(month=month)
    ranks = {lot_id: rank for rank, lot_id in enumerate(drawn, start=1)}
    InspectionPlanEntry.objects.bulk_create(
        InspectionPlanEntry(
            plan=plan,
            lot_id=pk,
            factors=factors[pk],
            weight=weights[pk],
            rank=ranks.get(pk),
        )
        for pk in sorted(weights)
    )
    return plan


def inspection_plan_replay(plan: InspectionPlan) -> dict:
    """Audit a plan: recompute each weight from its recorded factors and
    the plan's parameters, draw again from the recorded seed, and compare
    with what was drawn."""
    entries = list(plan.entries.order_by("lot_id"))
    weights_match = all(
        risk_weight(entry.factors, plan.parameters) == entry.weight for entry in entries
    )
    again = weighted_draw(
        [(entry.lot_id, entry.weight) for entry in entries],
        seed=plan.seed,
        size=plan.size,
    )
    recorded = [
        entry.lot_id
        for entry in sorted(
            (entry for entry in entries if entry.rank), key=lambda e: e.rank
        )
    ]
    return {
        "weights_match": weights_match,
        "draw_matches": again == recorded,
        "drawn": again,
    }


# Routine calendar -----------------------------------------------------------
def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def routine_due(*, day: datetime.date | None = None) -> list[dict]:
    """Every active cooperative with its last routine inspection and the day
    the next is due (every N months, 6 unless its calendar says otherwise;
    due at once if it never had one), soonest first."""
    day = day or today()
    every = dict(RoutineCalendar.objects.values_list("cooperative_id", "every_months"))
    last = dict(
        Inspection.objects.filter(kind=Inspection.Kind.ROUTINE, date__lte=day)
        .values("cooperative_id")
        .annotate(last=Max("date"))
        .values_list("cooperative_id", "last")
    )
    rows = []
    for cooperative in Cooperative.objects.active().order_by("name"):
        months = every.get(cooperative.pk, RoutineCalendar.DEFAULT_MONTHS)
        previous = last.get(cooperative.pk)
        due_on = add_months(previous, months) if previous else day
        rows.append(
            {
                "cooperative": cooperative,
                "every_months": months,
                "last": previous,
                "due_on": due_on,
                "overdue": due_on <= day,
            }
        )
    rows.sort(key=lambda row: (row["due_on"], row["cooperative"].name))
    return rows
