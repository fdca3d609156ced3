"""A cooperative's roster and its members' health coverage, in its portal.

Every read is scoped to the cooperative the request may see
(`portal_cooperative`): a member of another cooperative, by id or by ?c=,
answers 404. Members propose changes; foundation staff confirm them in the
admin (cooperatives.coverage_services)."""

import datetime
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperatives import coverage_selectors
from cooperatives.coverage import (
    PROPOSED_FIELDS,
    ConsentMethod,
    Member,
    MemberRole,
    RosterChangeKind,
    Sex,
)
from cooperatives.coverage_services import roster_change_propose
from cooperatives.models import today
from core.widgets import NativeDateInput
from portal.views import _context, portal_cooperative

_DATE = NativeDateInput()


class MemberForm(forms.Form):
    """What a cooperative proposes for a new member, or a change to one."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=MemberRole.choices, initial="member"
    )
    sex = forms.ChoiceField(label=gettext_lazy("Sex"), choices=Sex.choices)
    birth_year = forms.IntegerField(
        label=gettext_lazy("Year of birth"), min_value=1900, max_value=2100
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Only if she wants to be called."),
    )
    joined_on = forms.DateField(label=gettext_lazy("Joined on"), widget=_DATE)
    consent_on = forms.DateField(
        label=gettext_lazy("Consent recorded on"), widget=_DATE
    )
    consent_method = forms.ChoiceField(
        label=gettext_lazy("Consent recorded by"), choices=ConsentMethod.choices
    )

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year > today().year - 15:
            raise forms.ValidationError(_("A member is at least 15 years old."))
        return year

    def clean(self):
        cleaned = super().clean()
        joined, consent = cleaned.get("joined_on"), cleaned.get("consent_on")
        if joined and joined > today():
            self.add_error("joined_on", _("This date is in the future."))
        if consent and consent > today():
            self.add_error("consent_on", _("This date is in the future."))
        return cleaned


class LeaveForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    left_on = forms.DateField(label=gettext_lazy("Left on"), widget=_DATE)

    def __init__(self, *args, member=None, **kwargs):
        # Shown beside the member's change form, which has a token too:
        # its own ids, so each label and error points at its own field.
        kwargs.setdefault("auto_id", "id_leave_%s")
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if self.member is not None and left_on < self.member.joined_on:
            raise forms.ValidationError(_("She left before she joined."))
        if left_on > today() + datetime.timedelta(days=365):
            raise forms.ValidationError(_("This date is too far ahead."))
        return left_on


def _propose(request, cooperative, form, *, kind, member=None):
    values = {
        name: value for name, value in form.cleaned_data.items() if name != "token"
    }
    try:
        roster_change_propose(
            cooperative_id=cooperative.pk,
            user=request.user,
            kind=kind,
            values=values,
            token=form.cleaned_data["token"],
            member_id=member.pk if member else None,
        )
    except Member.DoesNotExist as error:
        raise Http404 from error
    messages.success(
        request, _("Your proposal was sent: the foundation will confirm it.")
    )


@login_required(login_url="portal:login")
def members(request):
    cooperative = portal_cooperative(request)
    form = MemberForm(initial={"token": uuid.uuid4()})
    if request.method == "POST":
        form = MemberForm(request.POST)
        if form.is_valid():
            _propose(request, cooperative, form, kind=RosterChangeKind.ADD)
            return redirect(f"{reverse('portal:members')}?c={cooperative.slug}")
    return render(
        request,
        "portal/members.html",
        _context(
            request,
            cooperative,
            members=coverage_selectors.roster(cooperative),
            proposals=coverage_selectors.proposals(cooperative),
            form=form,
        ),
    )


@login_required(login_url="portal:login")
def member(request, pk):
    cooperative = portal_cooperative(request)
    found = coverage_selectors.member_of(cooperative, pk)
    if found is None:
        raise Http404
    initial = {name: getattr(found, name) for name in PROPOSED_FIELDS}
    change = MemberForm(initial={**initial, "token": uuid.uuid4()})
    leave = LeaveForm(initial={"token": uuid.uuid4(), "left_on": today()})
    if request.method == "POST":
        if request.POST.get("kind") == RosterChangeKind.LEAVE:
            leave = LeaveForm(request.POST, member=found)
            form, kind = leave, RosterChangeKind.LEAVE
        else:
            change = MemberForm(request.POST)
            form, kind = change, RosterChangeKind.CHANGE
        if form.is_valid():
            _propose(request, cooperative, form, kind=kind, member=found)
            return redirect(f"{reverse('portal:members')}?c={cooperative.slug}")
    return render(
        request,
        "portal/members_change.html",
        _context(request, cooperative, member=found, form=change, leave=leave),
    )


@login_required(login_url="portal:login")
def coverage(request):
    cooperative = portal_cooperative(request)
    enrolments = list(coverage_selectors.coverage(cooperative))
    return render(
        request,
        "portal/members_coverage.html",
        _context(
            request,
            cooperative,
            enrolments=enrolments,
            paid=coverage_selectors.paid_this_year_by_payer(cooperative),
            paid_total=sum(row.paid_year for row in enrolments),
            year=today().year,
        ),
    )
