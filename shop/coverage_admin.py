"""Staff screens for the members' health coverage, in the Wagtail admin:
roster changes to confirm, members without coverage, enrolments ending
within 30 days, contributions due this month, the coverage fund, and the
insurer's file (national ID numbers masked, never in clear).

In shop, not cooperatives, because recording a contribution the
cooperative bears writes its ledger, and the fund reads the commission."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cooperatives import coverage_selectors
from cooperatives.coverage import CoverageScheme, Enrolment, Member, Payer
from cooperatives.coverage_services import (
    AlreadyDecided,
    enrolment_create,
    roster_change_confirm,
    roster_change_reject,
)
from cooperatives.models import today
from core.spreadsheet import BYTE_ORDER_MARK, csv_separators, safe_cell
from core.widgets import NativeDateInput
from shop.admin_views import require_permission
from shop.services.coverage import contribution_record, fund_months

VIEW = "cooperatives.view_member"
CONFIRM = "cooperatives.confirm_roster_changes"
ENROL = "cooperatives.add_enrolment"
RECORD = "cooperatives.add_contribution"
ENDING_DAYS = 30


def coverage_report(request):
    require_permission(request, VIEW)
    day = today()
    months = fund_months(until=day)
    return render(
        request,
        "shop/admin/coverage.html",
        {
            "changes": coverage_selectors.pending_roster_changes(),
            "uncovered": coverage_selectors.members_without_coverage(day),
            "ending": coverage_selectors.enrolments_ending_within(ENDING_DAYS, day),
            "due": coverage_selectors.contributions_due(day),
            "month": day.replace(day=1),
            "fund": months[-12:],
            "fund_balance": months[-1]["balance"] if months else 0,
            "can_confirm": request.user.has_perm(CONFIRM),
            "can_enrol": request.user.has_perm(ENROL),
            "can_record": request.user.has_perm(RECORD),
        },
    )


@require_POST
def roster_change_decide(request, pk: int):
    """Confirm or reject a proposal; a second click changes nothing."""
    require_permission(request, CONFIRM)
    try:
        if request.POST.get("decision") == "reject":
            roster_change_reject(change_id=pk, user=request.user)
            messages.success(request, gettext("The proposal was rejected."))
        else:
            roster_change_confirm(change_id=pk, user=request.user)
            messages.success(request, gettext("The roster change was confirmed."))
    except AlreadyDecided:
        messages.error(request, gettext("This proposal was already decided."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("coverage_report")


class EnrolForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=CoverageScheme.objects.order_by("name")
    )
    starts_on = forms.DateField(label=_("From"), widget=NativeDateInput())
    ends_on = forms.DateField(
        label=_("To"),
        required=False,
        widget=NativeDateInput(),
        help_text=_("Empty: until further notice."),
    )
    payer = forms.ChoiceField(
        label=_("Contributions paid by"), choices=Payer.choices, initial="foundation"
    )
    national_id = forms.CharField(
        label=_("National ID number (CIN)"),
        max_length=20,
        required=False,
        help_text=_("Only for a scheme that requires it. Stored encrypted."),
    )


def enrol(request, pk: int):
    require_permission(request, ENROL)
    member = get_object_or_404(Member.objects.select_related("cooperative"), pk=pk)
    form = EnrolForm(initial={"starts_on": today()})
    status = 200
    if request.method == "POST":
        form = EnrolForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                enrolment_create(
                    member_id=member.pk,
                    scheme_id=data["scheme"].pk,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    payer=data["payer"],
                    national_id=data["national_id"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, gettext("She is enrolled."))
                return redirect("coverage_report")
        status = 400
    return render(
        request,
        "shop/admin/coverage_enrol.html",
        {"member": member, "form": form},
        status=status,
    )


@require_POST
def contribution_paid(request, pk: int):
    """This month's contribution of an enrolment, paid today by its payer."""
    require_permission(request, RECORD)
    enrolment = get_object_or_404(Enrolment, pk=pk)
    try:
        contribution_record(
            enrolment_id=enrolment.pk,
            month=today().replace(day=1),
            paid_on=today(),
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("The contribution was recorded."))
    return redirect("coverage_report")


def insurer_csv(request):
    """Enrolments in force, for the insurer: national ID numbers masked."""
    require_permission(request, VIEW)
    day = today()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="coverage-{day:%Y-%m-%d}.csv"'
    )
    response.write(BYTE_ORDER_MARK)
    writer = csv.writer(response, delimiter=csv_separators(get_language())[0])
    writer.writerow(
        [
            gettext("Scheme"),
            gettext("Cooperative"),
            gettext("Member"),
            gettext("Sex"),
            gettext("Year of birth"),
            gettext("National ID number (masked)"),
            gettext("From"),
            gettext("To"),
            gettext("Paid by"),
        ]
    )
    for enrolment in coverage_selectors.insurer_rows(day=day):
        member = enrolment.member
        writer.writerow(
            [
                safe_cell(str(enrolment.scheme)),
                safe_cell(str(member.cooperative)),
                safe_cell(member.name),
                member.get_sex_display(),
                member.birth_year,
                member.national_id_masked,
                enrolment.starts_on.isoformat(),
                enrolment.ends_on.isoformat() if enrolment.ends_on else "",
                enrolment.get_payer_display(),
            ]
        )
    return response


@hooks.register("register_admin_urls")
def coverage_urls():
    return [
        path("coverage/", coverage_report, name="coverage_report"),
        path(
            "coverage/changes/<int:pk>/",
            roster_change_decide,
            name="coverage_change_decide",
        ),
        path("coverage/members/<int:pk>/enrol/", enrol, name="coverage_enrol"),
        path(
            "coverage/enrolments/<int:pk>/paid/",
            contribution_paid,
            name="coverage_contribution_paid",
        ),
        path("coverage/insurer.csv", insurer_csv, name="coverage_insurer_csv"),
    ]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    return CoverageMenuItem(
        _("Members' health coverage"),
        reverse("coverage_report"),
        icon_name="group",
        order=850,
    )
