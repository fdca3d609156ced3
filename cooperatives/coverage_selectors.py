"""Reads of the rosters and the health coverage: the counts the site shows
(always computed from the roster, never typed), the staff's lists and a
cooperative's own view. Public figures are aggregates: no name leaves here
for a public page."""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from cooperatives.coverage import (
    Contribution,
    Enrolment,
    EnrolmentStatus,
    Member,
    RosterChange,
    RosterChangeStatus,
    Sex,
)


def _today() -> datetime.date:
    from cooperatives.models import today

    return today()


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _covered(day: datetime.date):
    """An Exists() for "this member has an enrolment in force on `day`"."""
    return Exists(Enrolment.objects.in_force_on(day).filter(member_id=OuterRef("pk")))


def roster_counts(cooperative_ref, day: datetime.date | None = None) -> dict:
    """Subqueries counting, for the cooperative `cooperative_ref` points at
    (an OuterRef), its current members, its women members and the women
    with coverage in force: to annotate a queryset of pages or cooperatives
    with, at one query for the whole list."""
    day = day or _today()
    current = Member.objects.current(day).filter(cooperative_id=cooperative_ref)

    def count(queryset):
        return Coalesce(
            Subquery(
                queryset.order_by()
                .values("cooperative_id")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )

    women = current.filter(sex=Sex.FEMALE)
    return {
        "roster_members": count(current),
        "roster_women": count(women),
        "roster_women_covered": count(women.filter(_covered(day))),
    }


def contributions_paid_in(year: int, **filters) -> int:
    return (
        Contribution.objects.filter(paid_on__year=year, **filters).aggregate(
            total=Sum("amount")
        )["total"]
        or 0
    )


def public_figures(*, cooperative_ids=None, day: datetime.date | None = None):
    """Members, women members, women covered and contributions paid this
    year, over the active cooperatives (or the ones named): numbers only."""
    day = day or _today()
    members = Member.objects.current(day).filter(cooperative__is_active=True)
    contributions = {"enrolment__member__cooperative__is_active": True}
    if cooperative_ids is not None:
        members = members.filter(cooperative_id__in=cooperative_ids)
        contributions["enrolment__member__cooperative_id__in"] = cooperative_ids
    figures = members.aggregate(
        members=Count("pk"),
        women=Count("pk", filter=Q(sex=Sex.FEMALE)),
        women_covered=Count(
            "pk",
            filter=Q(sex=Sex.FEMALE, pk__in=members.filter(_covered(day)).values("pk")),
        ),
    )
    figures["contributions_year"] = contributions_paid_in(day.year, **contributions)
    return figures


# Staff --------------------------------------------------------------------
def members_without_coverage(day: datetime.date | None = None):
    day = day or _today()
    return (
        Member.objects.current(day)
        .filter(~_covered(day))
        .select_related("cooperative")
        .order_by("cooperative__name", "name", "pk")
    )


def enrolments_ending_within(days: int, day: datetime.date | None = None):
    day = day or _today()
    return (
        Enrolment.objects.in_force_on(day)
        .filter(ends_on__lte=day + datetime.timedelta(days=days))
        .select_related("member__cooperative", "scheme")
        .order_by("ends_on", "pk")
    )


def contributions_due(month: datetime.date | None = None):
    """Enrolments that cover `month` (this month) and have no contribution
    recorded for it yet."""
    month = month_start(month or _today())
    next_month = month_start(month + datetime.timedelta(days=32))
    return (
        Enrolment.objects.filter(
            status=EnrolmentStatus.ACTIVE, starts_on__lt=next_month
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=month))
        .exclude(contributions__month=month)
        .select_related("member__cooperative", "scheme")
        .order_by("member__cooperative__name", "member__name", "pk")
    )


def pending_roster_changes():
    return (
        RosterChange.objects.filter(status=RosterChangeStatus.PROPOSED)
        .select_related("cooperative", "member", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def insurer_rows(scheme_id=None, day: datetime.date | None = None):
    """Enrolments in force for the insurer's file."""
    day = day or _today()
    enrolments = Enrolment.objects.in_force_on(day).select_related(
        "member__cooperative", "scheme"
    )
    if scheme_id:
        enrolments = enrolments.filter(scheme_id=scheme_id)
    return enrolments.order_by("scheme__name", "member__cooperative__name", "pk")


# A cooperative's portal -----------------------------------------------------
def roster(cooperative, day: datetime.date | None = None):
    """The cooperative's members (current first, then those who left), each
    with whether she is covered today."""
    day = day or _today()
    return (
        Member.objects.filter(cooperative=cooperative)
        .annotate(covered=_covered(day))
        .order_by("left_on", "name", "pk")
    )


def member_of(cooperative, pk):
    """One of the cooperative's members, or None (another's answers 404)."""
    return Member.objects.filter(cooperative=cooperative, pk=pk).first()


def proposals(cooperative, *, limit: int = 20):
    return list(
        RosterChange.objects.filter(cooperative=cooperative)
        .select_related("member")
        .order_by("-proposed_at", "-pk")[:limit]
    )


def coverage(cooperative, day: datetime.date | None = None):
    """The cooperative's enrolments, with what was paid for each this year
    and by whom."""
    day = day or _today()
    year = Q(contributions__paid_on__year=day.year)
    return (
        Enrolment.objects.filter(member__cooperative=cooperative)
        .select_related("member", "scheme")
        .annotate(
            paid_year=Coalesce(Sum("contributions__amount", filter=year), 0),
            months_year=Count("contributions", filter=year),
        )
        .order_by("member__name", "-starts_on", "pk")
    )


def paid_this_year_by_payer(cooperative, day: datetime.date | None = None) -> list:
    day = day or _today()
    return list(
        Contribution.objects.filter(
            enrolment__member__cooperative=cooperative, paid_on__year=day.year
        )
        .values("payer")
        .annotate(total=Sum("amount"))
        .order_by("payer")
    )
