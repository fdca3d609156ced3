"""Staff screens of the business side, in the Wagtail admin: approve a
company, send a quote as a pro-forma, print it. Each checks the "manage
business clients" permission and calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.base import ModelPermissionPolicy

from trade.documents import proforma_pdf
from trade.forms import ApproveForm
from trade.models import BusinessAccount, Quote, QuoteStatus
from trade.selectors import quote_lines, quote_priced
from trade.services import (
    TradeError,
    account_approve,
    account_reject,
    quote_cancel,
    quote_send,
)

PERMISSION = "trade.manage_business_clients"


def require_manager(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class ManageClientsPolicy(ModelPermissionPolicy):
    """Every screen of the business side needs the one permission "manage
    business clients"; some actions are never offered (`refused`): quotes
    are only made by clients, and a company or a quote with history is never
    deleted (a superuser still may, as everywhere in Wagtail)."""

    def __init__(self, model, refused=()):
        super().__init__(model, auth_model=BusinessAccount)
        self.refused = set(refused)

    def _get_permission_codename(self, action):
        if action in self.refused:
            return f"{action}_{self.model._meta.model_name}"
        return "manage_business_clients"


class QuoteAdminForm(WagtailAdminModelForm):
    """Staff adjust a requested quote; once its pro-forma is sent it is
    frozen (the client may be accepting it)."""

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.instance.is_editable:
            raise ValidationError(
                _("This quote's pro-forma was sent: it can no longer be changed.")
            )
        return data


def account_approve_view(request, pk):
    require_manager(request)
    account = get_object_or_404(BusinessAccount, pk=pk)
    form = ApproveForm(
        request.POST or None,
        initial={
            "group": account.group_id,
            "payment_terms_days": account.payment_terms_days,
        },
    )
    if request.method == "POST" and "reject" in request.POST:
        account_reject(account_id=account.pk, user=request.user)
        messages.success(request, _("Application rejected."))
        return redirect("wagtailsnippets_trade_businessaccount:list")
    if request.method == "POST" and form.is_valid():
        try:
            account_approve(
                account_id=account.pk,
                group_id=form.cleaned_data["group"].pk,
                payment_terms_days=form.cleaned_data["payment_terms_days"],
                member_emails=form.cleaned_data["member_emails"],
                user=request.user,
            )
        except TradeError as error:
            for problem in error.problems:
                form.add_error(error.field, problem)
        else:
            messages.success(
                request,
                _("%(name)s is approved.") % {"name": account.company_name},
            )
            return redirect("wagtailsnippets_trade_businessaccount:list")
    return render(
        request,
        "trade/admin/account_approve.html",
        {
            "account": account,
            "form": form,
            "members": account.members.select_related("user"),
        },
    )


def quote_send_view(request, pk):
    require_manager(request)
    quote = get_object_or_404(Quote.objects.select_related("account"), pk=pk)
    if request.method == "POST":
        try:
            quote_send(quote_id=quote.pk, user=request.user)
        except TradeError as error:
            for problem in error.problems:
                messages.error(request, problem)
        else:
            messages.success(
                request,
                _("Pro-forma %(number)s sent: the client can accept it online.")
                % {"number": quote.number},
            )
            return redirect("wagtailsnippets_trade_quote:list")
    lines = quote_lines(quote)
    return render(
        request,
        "trade/admin/quote_send.html",
        {
            "quote": quote,
            "rows": list(zip(lines, quote_priced(quote, lines).lines, strict=True)),
            "priced": quote_priced(quote, lines),
            "can_send": quote.status == QuoteStatus.REQUESTED,
        },
    )


def quote_pdf_view(request, pk):
    require_manager(request)
    quote = get_object_or_404(Quote.objects.select_related("account"), pk=pk)
    response = HttpResponse(proforma_pdf(quote), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{quote.number}.pdf"'
    return response


@require_POST
def quote_cancel_view(request, pk):
    require_manager(request)
    try:
        quote_cancel(quote_id=pk, user=request.user)
    except TradeError as error:
        for problem in error.problems:
            messages.error(request, problem)
    return redirect("wagtailsnippets_trade_quote:list")
