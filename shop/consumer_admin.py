"""Withdrawal requests in the Wagtail admin: the list of open requests,
oldest first, and their part of the staff order screen, which leads into
the existing refund flow (the refund form, prefilled with the request's
lines) or closes a request without a refund."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from shop.admin_views import require_permission
from shop.models import WithdrawalRequest, WithdrawalStatus
from shop.services.consumer import (
    WithdrawalError,
    withdrawal_close,
    withdrawal_refunded,
)


def _order_url(withdrawal) -> str:
    return reverse("shop_order_detail", args=(withdrawal.order_id,)) + "#withdrawals"


class WithdrawalIndexView(ReportView):
    page_title = _("Open withdrawal requests")
    header_icon = "undo"
    model = WithdrawalRequest
    any_permission_required = ["change", "view"]
    index_url_name = "shop_withdrawals"
    index_results_url_name = "shop_withdrawals_results"
    columns = [
        TitleColumn(
            "order",
            label=_("Order"),
            accessor="order.number",
            get_url=_order_url,
        ),
        DateColumn("requested_at", label=_("Requested at")),
        DateColumn("refund_due_on", label=_("Refund due by")),
        Column("customer", label=_("Customer"), accessor="order.full_name"),
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
    ]
    list_export = ["order", "requested_at", "refund_due_on", "reason"]

    def get_queryset(self):
        return (
            WithdrawalRequest.objects.filter(status=WithdrawalStatus.OPEN)
            .select_related("order")
            .order_by("requested_at", "pk")
        )


@require_POST
def withdrawal_close_view(request, pk):
    """Close an open request without a refund, with the reason why."""
    require_permission(request, "shop.change_withdrawalrequest")
    withdrawal = get_object_or_404(WithdrawalRequest, pk=pk)
    try:
        withdrawal_close(
            withdrawal_id=withdrawal.pk,
            user=request.user,
            note=request.POST.get("note", ""),
        )
    except WithdrawalError as error:
        for problem in error.problems:
            messages.error(request, problem)
    else:
        messages.success(request, gettext("Withdrawal request closed."))
    return redirect(_order_url(withdrawal))


def staff_withdrawals(order, request) -> dict:
    """The order screen's withdrawal part: each request with its lines and
    refund deadline; with `?withdrawal=<id>` an open request whose lines
    and reason prefill the refund form."""
    today = timezone.localdate()
    requests = list(
        order.withdrawals.prefetch_related("lines__order_line").select_related(
            "refund", "closed_by"
        )
    )
    for withdrawal in requests:
        withdrawal.overdue = (
            withdrawal.status == WithdrawalStatus.OPEN
            and withdrawal.refund_due_on < today
        )
    chosen = None
    raw = request.GET.get("withdrawal", "")
    if raw.isdigit() and len(raw) < 12:
        chosen = next(
            (
                w
                for w in requests
                if w.pk == int(raw) and w.status == WithdrawalStatus.OPEN
            ),
            None,
        )
    prefill = (
        {line.order_line_id: line.quantity for line in chosen.lines.all()}
        if chosen
        else {}
    )
    return {"requests": requests, "chosen": chosen, "prefill": prefill}


def withdrawal_refund_done(request, refund) -> None:
    """The refund form was sent from a withdrawal request (its `withdrawal`
    field): the request is refunded."""
    raw = request.POST.get("withdrawal", "")
    if raw.isdigit() and len(raw) < 12:
        withdrawal_refunded(withdrawal_id=int(raw), refund=refund)


class WithdrawalsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("shop.view_withdrawalrequest")


@hooks.register("register_admin_urls")
def withdrawal_urls():
    return [
        path("withdrawals/", WithdrawalIndexView.as_view(), name="shop_withdrawals"),
        path(
            "withdrawals/results/",
            WithdrawalIndexView.as_view(results_only=True),
            name="shop_withdrawals_results",
        ),
        path(
            "withdrawals/<int:pk>/close/",
            withdrawal_close_view,
            name="shop_withdrawal_close",
        ),
    ]


@hooks.register("register_admin_menu_item")
def withdrawals_menu_item():
    return WithdrawalsMenuItem(
        _("Withdrawals"), reverse("shop_withdrawals"), icon_name="undo", order=207
    )
