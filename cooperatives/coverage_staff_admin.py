"""The staff coverage screens' member page (/admin/coverage/members/<id>/):
who she is, her enrolments, her history; staff with the permissions end an
enrolment (with a day and a reason) and correct her role, phone or the day
she left (cooperatives.coverage_staff_services). Registered from
cooperatives/wagtail_hooks.py; the report itself is shop/coverage_admin.py.
"""

import datetime
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cooperatives.coverage import (
    Enrolment,
    EnrolmentStatus,
    Member,
    MemberRole,
    RosterChangeStatus,
)
from cooperatives.coverage_staff_services import (
    ENROLMENT_END_ACTION,
    EnrolmentEndReason,
    enrolment_end_by_staff,
    enrolment_ends,
    member_correct,
)
from cooperatives.models import today
from core.widgets import NativeDateInput

VIEW = "cooperatives.view_member"
# A correction is a roster change its maker confirms: whoever may confirm
# the cooperatives' proposals may make one.
CORRECT = "cooperatives.confirm_roster_changes"
END = "cooperatives.change_enrolment"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class EnrolmentEndForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    ends_on = forms.DateField(
        label=_("Last day covered"),
        widget=NativeDateInput(),
        error_messages={
            "required": _("Please give the last day she is covered."),
            "invalid": _("Please enter a date."),
        },
        help_text=_("No contribution is due for the months after this day."),
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason")), *EnrolmentEndReason.choices],
        error_messages={"required": _("Please choose a reason.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for another reason."),
    )


class MemberCorrectForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MemberRole.choices,
        error_messages={"invalid_choice": _("Please choose a role.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("Only if she wants to be called."),
    )
    left_on = forms.DateField(
        label=_("Left on"),
        required=False,
        widget=NativeDateInput(),
        error_messages={"invalid": _("Please enter a date.")},
        help_text=_(
            "From this day she no longer counts among the cooperative's members, "
            "and her enrolments end."
        ),
    )


def _fill_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _shown(name: str, value) -> str:
    """A corrected or proposed value, as a person reads it."""
    if value in (None, ""):
        return "—"
    if name == "role":
        return str(MemberRole(value).label) if value in MemberRole.values else value
    if name.endswith("_on") and isinstance(value, str):
        try:
            return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def _history(member: Member) -> list[dict]:
    """Her confirmed roster changes and her enrolments' ends, newest first."""
    rows = []
    fields = {field.name: field.verbose_name for field in Member._meta.fields}
    for change in member.changes.filter(
        status=RosterChangeStatus.CONFIRMED
    ).select_related("proposed_by", "decided_by"):
        rows.append(
            {
                "at": change.decided_at or change.proposed_at,
                "what": change.get_kind_display(),
                "by": change.decided_by,
                "details": [
                    (fields.get(name, name), _shown(name, value))
                    for name, value in change.values.items()
                ],
                "staff": change.proposed_by_id == change.decided_by_id,
            }
        )
    for enrolment in member.enrolments.all():
        for entry in enrolment_ends(enrolment).select_related("user"):
            data = entry.data or {}
            reason = data.get("reason", "")
            details = [
                (gettext("Scheme"), str(enrolment.scheme)),
                (gettext("Last day covered"), _shown("ends_on", data.get("ends_on"))),
                (
                    gettext("Reason"),
                    str(EnrolmentEndReason(reason).label)
                    if reason in EnrolmentEndReason.values
                    else reason,
                ),
            ]
            if data.get("note"):
                details.append((gettext("Note"), data["note"]))
            rows.append(
                {
                    "at": entry.timestamp,
                    "what": gettext("Enrolment ended"),
                    "by": entry.user,
                    "details": details,
                    "staff": True,
                }
            )
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows


def _member_page(request, member, correct_form=None, status=200):
    day = today()
    enrolments = list(member.enrolments.select_related("scheme"))
    for enrolment in enrolments:
        enrolment.in_force = (
            enrolment.status == EnrolmentStatus.ACTIVE
            and enrolment.starts_on <= day
            and (enrolment.ends_on is None or enrolment.ends_on >= day)
        )
        enrolment.may_end = enrolment.status == EnrolmentStatus.ACTIVE
    can_correct = request.user.has_perm(CORRECT)
    if can_correct and correct_form is None:
        correct_form = MemberCorrectForm(
            initial={
                "token": uuid.uuid4(),
                "role": member.role,
                "phone": member.phone,
                "left_on": member.left_on,
            }
        )
    return render(
        request,
        "cooperatives/admin/coverage_member.html",
        {
            "member": member,
            "covered": any(enrolment.in_force for enrolment in enrolments),
            "current": member.is_current_on(day),
            "enrolments": enrolments,
            "history": _history(member),
            "form": correct_form if can_correct else None,
            "can_end": request.user.has_perm(END),
        },
        status=status,
    )


def coverage_member(request, pk: int):
    _require(request, VIEW)
    member = get_object_or_404(Member.objects.select_related("cooperative"), pk=pk)
    return _member_page(request, member)


def coverage_member_correct(request, pk: int):
    """Correct her role, phone or the day she left; a second sending of the
    same form changes nothing more."""
    _require(request, CORRECT)
    member = get_object_or_404(Member.objects.select_related("cooperative"), pk=pk)
    if request.method != "POST":
        return redirect("coverage_member", pk=member.pk)
    form = MemberCorrectForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = member_correct(
                member_id=member.pk,
                user=request.user,
                token=data["token"],
                role=data["role"],
                phone=data["phone"],
                left_on=data["left_on"],
            )
        except ValidationError as error:
            _fill_errors(form, error)
        except Member.DoesNotExist:
            form.add_error(
                None, gettext("This form has expired: please send it again.")
            )
        else:
            if change is None:
                messages.info(request, gettext("Nothing was changed."))
            else:
                messages.success(request, gettext("The correction is recorded."))
            return redirect("coverage_member", pk=member.pk)
    member.refresh_from_db()
    return _member_page(request, member, correct_form=form, status=400)


def coverage_enrolment_end(request, pk: int):
    _require(request, END)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("member__cooperative", "scheme"), pk=pk
    )
    status = 200
    if request.method == "POST":
        form = EnrolmentEndForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                enrolment_end_by_staff(
                    enrolment_id=enrolment.pk,
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                    note=data["note"],
                    user=request.user,
                    token=data["token"],
                )
            except ValidationError as error:
                _fill_errors(form, error)
            else:
                messages.success(request, gettext("The enrolment ends as recorded."))
                return redirect("coverage_member", pk=enrolment.member_id)
        status = 400
    else:
        form = EnrolmentEndForm(initial={"token": uuid.uuid4(), "ends_on": today()})
    return render(
        request,
        "cooperatives/admin/coverage_enrolment_end.html",
        {"enrolment": enrolment, "member": enrolment.member, "form": form},
        status=status,
    )


@hooks.register("register_admin_urls")
def coverage_staff_urls():
    return [
        path("coverage/members/<int:pk>/", coverage_member, name="coverage_member"),
        path(
            "coverage/members/<int:pk>/correct/",
            coverage_member_correct,
            name="coverage_member_correct",
        ),
        path(
            "coverage/enrolments/<int:pk>/end/",
            coverage_enrolment_end,
            name="coverage_enrolment_end",
        ),
    ]


@hooks.register("register_log_actions")
def coverage_log_actions(actions):
    actions.register_action(
        ENROLMENT_END_ACTION, _("End an enrolment"), _("Enrolment ended")
    )
