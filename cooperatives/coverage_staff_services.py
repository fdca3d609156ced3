"""What foundation staff correct on the coverage screens themselves, without
a proposal from the cooperative: end an enrolment (with the day and the
reason), and correct a member's role, phone or the day she left.

Each is recorded: a member's correction is a roster change made and
confirmed by the same staff member (`RosterChange`, the roster's one audit
trail, which the cooperative's proposals also go to); an enrolment's end,
which the roster does not hold, goes to the admin's history (Wagtail's log
of the enrolment) with its reason. Each carries its form's one-time token:
the same form sent twice changes and records once. Bad input changes
nothing and says which field is wrong.
"""

import datetime
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperatives.coverage import (
    Enrolment,
    EnrolmentStatus,
    Member,
    MemberRole,
    RosterChange,
    RosterChangeKind,
    RosterChangeStatus,
)
from cooperatives.coverage_services import _as_json, _end_enrolments, enrolment_end
from core import page_cache

ENROLMENT_END_ACTION = "cooperatives.enrolment_end"
NON_FIELD = "__all__"
# An end or a departure further ahead than this is a typing mistake
# (2062 for 2026), not a plan.
DAYS_AHEAD = 2 * 366
# What a person types as a phone number: digits, spaces, dots, dashes,
# brackets and a leading plus; at least six digits.
_PHONE = re.compile(r"^\+?[0-9 ().\-]{6,30}$")
CORRECTED_FIELDS = ("role", "phone", "left_on")


class EnrolmentEndReason(models.TextChoices):
    LEFT = "left", gettext_lazy("She left the cooperative")
    OTHER_SCHEME = "other_scheme", gettext_lazy("She is covered by another scheme")
    SCHEME_ENDED = "scheme_ended", gettext_lazy("The scheme or policy ended")
    HER_REQUEST = "her_request", gettext_lazy("At her request")
    MISTAKE = "mistake", gettext_lazy("Enrolled by mistake")
    OTHER = "other", gettext_lazy("Another reason")


def latest_allowed(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DAYS_AHEAD)


def _today() -> datetime.date:
    from cooperatives.models import today

    return today()


def _last_paid_month(enrolment_ids) -> datetime.date | None:
    from cooperatives.coverage import Contribution

    return (
        Contribution.objects.filter(enrolment_id__in=enrolment_ids)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )


def _paid_after(enrolment_ids, day: datetime.date) -> str | None:
    """The error for an end on `day` when a contribution is already
    recorded for a later month (it would no longer be covered)."""
    month = _last_paid_month(enrolment_ids)
    if month is not None and month > day:
        return _(
            "A contribution is recorded for %(month)s: the end cannot be before "
            "that month."
        ) % {"month": date_format(month, "YEAR_MONTH_FORMAT")}
    return None


def enrolment_ends(enrolment: Enrolment):
    """The admin log's records of the enrolment's ends, newest first."""
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.for_instance(enrolment).filter(
        action=ENROLMENT_END_ACTION
    )


@transaction.atomic
def enrolment_end_by_staff(
    *,
    enrolment_id: int,
    ends_on: datetime.date,
    reason: str,
    note: str = "",
    user,
    token: uuid.UUID,
) -> Enrolment:
    """End an enrolment on `ends_on` (she is covered that day, not after):
    not before it started, not further than two years ahead, not before a
    month already paid. From the month after, no contribution is due or
    accepted; once no other enrolment covers her, she is among the members
    without coverage. Sent twice (same token), it ends and records once."""
    from wagtail.log_actions import log

    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("member", "scheme")
        .get(pk=enrolment_id)
    )
    if enrolment_ends(enrolment).filter(uuid=token).exists():
        return enrolment
    note = note.strip()[:1000]
    errors = {}
    if reason not in EnrolmentEndReason.values:
        errors["reason"] = _("Please choose a reason.")
    elif reason == EnrolmentEndReason.OTHER and not note:
        errors["note"] = _("Please say why.")
    if enrolment.status == EnrolmentStatus.ENDED:
        errors[NON_FIELD] = _("This enrolment already ended on %(date)s.") % {
            "date": date_format(enrolment.ends_on, "DATE_FORMAT")
        }
    elif ends_on < enrolment.starts_on:
        errors["ends_on"] = _("The end date is before the start date (%(date)s).") % {
            "date": date_format(enrolment.starts_on, "DATE_FORMAT")
        }
    elif ends_on > latest_allowed(_today()):
        errors["ends_on"] = _("This date is too far ahead: %(date)s at the latest.") % {
            "date": date_format(latest_allowed(_today()), "DATE_FORMAT")
        }
    elif problem := _paid_after([enrolment.pk], ends_on):
        errors["ends_on"] = problem
    if errors:
        raise ValidationError(errors)
    previous = enrolment.ends_on
    enrolment = enrolment_end(enrolment_id=enrolment.pk, ends_on=ends_on)
    log(
        instance=enrolment,
        action=ENROLMENT_END_ACTION,
        user=user,
        uuid=token,
        data={
            "ends_on": ends_on.isoformat(),
            "previous_ends_on": previous.isoformat() if previous else None,
            "reason": reason,
            "note": note,
        },
    )
    return enrolment


def _clean_phone(phone: str) -> str:
    phone = " ".join(phone.split())
    if phone and not (_PHONE.match(phone) and sum(c.isdigit() for c in phone) >= 6):
        raise ValidationError(
            {"phone": _("Please enter a phone number: digits, spaces and +.")}
        )
    return phone


@transaction.atomic
def member_correct(
    *,
    member_id: int,
    user,
    token: uuid.UUID,
    role: str,
    phone: str,
    left_on: datetime.date | None,
) -> RosterChange | None:
    """Correct a member's role, phone or the day she left, recorded as a
    roster change that staff made and confirmed. A departure ends her
    enrolments that day, as a confirmed departure does; from then she no
    longer counts among the cooperative's members on the site. Returns
    the change (None when nothing differs); the same form sent twice
    returns the change it made."""
    member = Member.objects.select_for_update().get(pk=member_id)
    made = RosterChange.objects.filter(token=token).first()
    if made is not None:
        if made.member_id != member.pk:
            raise Member.DoesNotExist
        return made
    errors = {}
    if role not in MemberRole.values:
        errors["role"] = _("Please choose a role.")
    try:
        phone = _clean_phone(phone)
    except ValidationError as error:
        errors.update(error.message_dict)
    if left_on is not None and left_on != member.left_on:
        if left_on < member.joined_on:
            errors["left_on"] = _("She cannot leave before she joined (%(date)s).") % {
                "date": date_format(member.joined_on, "DATE_FORMAT")
            }
        elif left_on > latest_allowed(_today()):
            errors["left_on"] = _(
                "This date is too far ahead: %(date)s at the latest."
            ) % {"date": date_format(latest_allowed(_today()), "DATE_FORMAT")}
        else:
            ending = member.enrolments.filter(status=EnrolmentStatus.ACTIVE).filter(
                models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=left_on)
            )
            if problem := _paid_after(
                list(ending.values_list("pk", flat=True)), left_on
            ):
                errors["left_on"] = problem
    if errors:
        raise ValidationError(errors)
    wanted = {"role": role, "phone": phone, "left_on": left_on}
    changed = {
        name: value for name, value in wanted.items() if getattr(member, name) != value
    }
    if not changed:
        return None
    leaves = changed.get("left_on") is not None and member.left_on is None
    now = timezone.now()
    change = RosterChange.objects.create(
        cooperative_id=member.cooperative_id,
        member=member,
        kind=RosterChangeKind.LEAVE if leaves else RosterChangeKind.CHANGE,
        values=_as_json(changed),
        status=RosterChangeStatus.CONFIRMED,
        token=token,
        proposed_by=user,
        decided_by=user,
        decided_at=now,
    )
    for name, value in changed.items():
        setattr(member, name, value)
    member.full_clean(exclude=["national_id"])
    member.save(update_fields=list(changed))
    if member.left_on is not None and "left_on" in changed:
        _end_enrolments(member, member.left_on)
    page_cache.invalidate_on_commit()
    return change
