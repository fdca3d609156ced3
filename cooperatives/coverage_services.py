"""Writes to the rosters and enrolments. A contribution is recorded by
`shop.services.coverage.contribution_record` (when the cooperative bears it,
it is a deduction in its ledger, which is shop's).

Every change here alters the figures the public pages show (members, women
members, women covered): each empties the page cache once it commits.
Every repeated submission is harmless: a proposal carries its form's token,
a decided change is not decided again, an enrolment in force is not doubled.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives.coverage import (
    PROPOSED_FIELDS,
    CoverageScheme,
    Enrolment,
    EnrolmentStatus,
    Member,
    Payer,
    RosterChange,
    RosterChangeKind,
    RosterChangeStatus,
)
from core import page_cache


class AlreadyDecided(ValueError):
    """The change was rejected (or confirmed) already: it cannot go the other way."""


def _as_json(values: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in values.items()
    }


def _as_python(values: dict) -> dict:
    dates = {"joined_on", "consent_on", "left_on"}
    return {
        name: datetime.date.fromisoformat(value)
        if name in dates and isinstance(value, str)
        else value
        for name, value in values.items()
    }


@transaction.atomic
def roster_change_propose(
    *,
    cooperative_id: int,
    user,
    kind: str,
    values: dict,
    token: uuid.UUID,
    member_id: int | None = None,
) -> RosterChange:
    """A portal user's proposal: a new member (`values`: PROPOSED_FIELDS), a
    change to one of the cooperative's members, or her departure (`values`:
    `left_on`). The same form posted twice (same token) is one proposal.
    A member of another cooperative raises Member.DoesNotExist (404)."""
    existing = RosterChange.objects.filter(token=token).first()
    if existing is not None:
        if existing.cooperative_id != cooperative_id:
            raise Member.DoesNotExist
        return existing
    member = None
    if kind != RosterChangeKind.ADD:
        member = Member.objects.get(pk=member_id, cooperative_id=cooperative_id)
    allowed = {"left_on"} if kind == RosterChangeKind.LEAVE else set(PROPOSED_FIELDS)
    change = RosterChange(
        cooperative_id=cooperative_id,
        member=member,
        kind=kind,
        values=_as_json({k: v for k, v in values.items() if k in allowed}),
        token=token,
        proposed_by=user,
    )
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:
        # The same form posted at the same moment: the other request made
        # it, and this one answers with that proposal.
        existing = RosterChange.objects.get(token=token)
        if existing.cooperative_id != cooperative_id:
            raise Member.DoesNotExist from None
        return existing
    return change


def _locked_change(change_id: int) -> RosterChange:
    return RosterChange.objects.select_for_update().get(pk=change_id)


@transaction.atomic
def roster_change_confirm(*, change_id: int, user) -> Member:
    """Apply a proposed change to the roster (staff with the "confirm roster
    changes" permission). Confirming twice applies it once; a rejected
    change cannot be confirmed. A departure ends her enrolments that day."""
    change = _locked_change(change_id)
    if change.status == RosterChangeStatus.CONFIRMED:
        return change.member
    if change.status != RosterChangeStatus.PROPOSED:
        raise AlreadyDecided(change)
    values = _as_python(change.values)
    if change.kind == RosterChangeKind.ADD:
        member = Member(cooperative_id=change.cooperative_id, **values)
        member.full_clean(exclude=["national_id"])
        member.save()
        change.member = member
    else:
        member = Member.objects.select_for_update().get(
            pk=change.member_id, cooperative_id=change.cooperative_id
        )
        for name, value in values.items():
            setattr(member, name, value)
        member.full_clean(exclude=["national_id"])
        member.save()
        if change.kind == RosterChangeKind.LEAVE:
            _end_enrolments(member, values["left_on"])
    change.status = RosterChangeStatus.CONFIRMED
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save(update_fields=["member", "status", "decided_by", "decided_at"])
    page_cache.invalidate_on_commit()
    return member


@transaction.atomic
def roster_change_reject(*, change_id: int, user) -> RosterChange:
    change = _locked_change(change_id)
    if change.status == RosterChangeStatus.REJECTED:
        return change
    if change.status != RosterChangeStatus.PROPOSED:
        raise AlreadyDecided(change)
    change.status = RosterChangeStatus.REJECTED
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    return change


def _end_enrolments(member: Member, day: datetime.date) -> None:
    for enrolment in member.enrolments.select_for_update().filter(
        status=EnrolmentStatus.ACTIVE
    ):
        if enrolment.ends_on is None or enrolment.ends_on > day:
            enrolment.ends_on = max(day, enrolment.starts_on)
            enrolment.save(update_fields=["ends_on"])


@transaction.atomic
def enrolment_create(
    *,
    member_id: int,
    scheme_id: int,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    payer: str = Payer.FOUNDATION,
    national_id: str = "",
) -> Enrolment:
    """Enrol a current member in a scheme. A scheme that requires the
    national ID number takes it here (stored encrypted); one that does not
    never asks for it. An enrolment already in force in that scheme is
    returned as it is (a repeated submission)."""
    member = Member.objects.select_for_update().get(pk=member_id)
    scheme = CoverageScheme.objects.get(pk=scheme_id)
    existing = Enrolment.objects.filter(
        member=member, scheme=scheme, status=EnrolmentStatus.ACTIVE
    ).first()
    if existing is not None:
        return existing
    errors = {}
    if not member.is_current_on(starts_on):
        errors["starts_on"] = _("She is not on the roster on that day.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    national_id = "".join(national_id.split()).upper()
    if scheme.requires_national_id and not (national_id or member.national_id):
        errors["national_id"] = _("This scheme requires her national ID number.")
    if errors:
        raise ValidationError(errors)
    if scheme.requires_national_id and national_id:
        member.national_id = national_id
        member.save(update_fields=["national_id"])
    enrolment = Enrolment.objects.create(
        member=member, scheme=scheme, starts_on=starts_on, ends_on=ends_on, payer=payer
    )
    page_cache.invalidate_on_commit()
    return enrolment


@transaction.atomic
def enrolment_end(*, enrolment_id: int, ends_on: datetime.date) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment_id)
    if ends_on < enrolment.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    from cooperatives.models import today

    enrolment.ends_on = ends_on
    if ends_on < today():
        enrolment.status = EnrolmentStatus.ENDED
    enrolment.save(update_fields=["ends_on", "status"])
    page_cache.invalidate_on_commit()
    return enrolment
