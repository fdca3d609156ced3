"""Staff recording a business client's bank transfers and the money given
back to it by transfer, and the report of what business clients still owe,
by due date, in the Wagtail admin."""

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import ExpressionWrapper, F, IntegerField
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cooperatives.choices import SalesChannel
from core.widgets import NativeDateInput
from shop.admin_views import AmountColumn, require_permission
from shop.models import Order
from shop.models.transfers import transfers_held_sum
from shop.money import format_mad
from shop.orders.states import OrderStatus
from shop.services.transfers import (
    METHOD,
    TransferError,
    transfer_record,
    transfer_return,
    transfers_received,
)


class TransferForm(forms.Form):
    reference = forms.CharField(
        label=_("Bank reference"),
        max_length=60,
        help_text=_("As printed on the bank statement."),
    )
    day = forms.DateField(label=_("Received on"), widget=NativeDateInput())
    amount = forms.CharField(
        label=_("Amount (MAD)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_amount(self) -> int:
        raw = self.cleaned_data["amount"].replace(" ", "").replace(",", ".")
        try:
            cents = Decimal(raw) * 100
        except InvalidOperation:
            raise forms.ValidationError(
                _("Please enter the amount in dirhams, e.g. 1250.50.")
            ) from None
        if not cents.is_finite() or cents != cents.to_integral_value():
            raise forms.ValidationError(
                _("Please enter the amount in dirhams, e.g. 1250.50.")
            )
        if cents <= 0:
            raise forms.ValidationError(_("The amount must be more than zero."))
        if cents > 10**11:
            raise forms.ValidationError(_("This amount is too large."))
        return int(cents)


class ReturnForm(TransferForm):
    """Money given back to the client: the same fields, its own prefix so
    both forms live on one page with their own ids."""

    prefix = "return"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].help_text = _(
            "The reference of the transfer sent back, as printed on the bank statement."
        )
        self.fields["day"].label = _("Sent on")
        self.fields["amount"].label = _("Amount given back (MAD)")


def _screen(request, order, *, form=None, return_form=None, status=200):
    received = transfers_received(order)
    unpaid = order.paid_at is None
    return render(
        request,
        "shop/admin/transfer_record.html",
        {
            "order": order,
            "form": TransferForm(initial={"day": timezone.localdate()})
            if form is None
            else form,
            "return_form": ReturnForm(initial={"day": timezone.localdate()})
            if return_form is None
            else return_form,
            "transfers": order.bank_transfers.select_related("recorded_by"),
            "received": received,
            "owed": order.total - received,
            "open": unpaid and received < order.total,
            "can_return": unpaid and received > 0,
        },
        status=status,
    )


def transfer_return_view(request, pk: int):
    """Record money given back to the client by transfer; errors are shown
    next to their field and change nothing."""
    require_permission(request, "shop.change_order")
    order = get_object_or_404(Order, pk=pk, payment_method=METHOD)
    if request.method != "POST":
        return redirect("shop_order_transfer", order.pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            transfer_return(
                order_id=order.pk,
                reference=form.cleaned_data["reference"],
                day=form.cleaned_data["day"],
                amount=form.cleaned_data["amount"],
                user=request.user,
            )
        except TransferError as error:
            form.add_error(error.field, str(error))
        else:
            order.refresh_from_db()
            if transfers_received(order) == 0:
                messages.success(
                    request,
                    gettext(
                        "Money given back recorded: nothing is held for this "
                        "order any more, it can be cancelled."
                    ),
                )
            else:
                messages.success(request, gettext("Money given back recorded."))
            return redirect("shop_order_transfer", order.pk)
    return _screen(request, order, return_form=form, status=400)


def transfer_record_view(request, pk: int):
    """Record one transfer of an order paid by bank transfer; errors are
    shown next to their field and change nothing."""
    require_permission(request, "shop.change_order")
    order = get_object_or_404(Order, pk=pk, payment_method=METHOD)
    if request.method == "POST":
        form = TransferForm(request.POST)
        if form.is_valid():
            try:
                transfer_record(
                    order_id=order.pk,
                    reference=form.cleaned_data["reference"],
                    day=form.cleaned_data["day"],
                    amount=form.cleaned_data["amount"],
                    user=request.user,
                )
            except TransferError as error:
                form.add_error(error.field, str(error))
            else:
                order.refresh_from_db()
                if order.paid_at is not None:
                    messages.success(
                        request,
                        gettext("Transfer recorded: the order is paid in full."),
                    )
                else:
                    messages.success(request, gettext("Transfer recorded."))
                return redirect("shop_order_transfer", order.pk)
        return _screen(request, order, form=form, status=400)
    return _screen(request, order)


def orders_owing():
    """Business orders not fully paid: what each holds by transfer (received
    less given back), what it still owes, its due date; overdue first (the
    earliest due date first), orders without a due date last."""
    return (
        Order.objects.filter(payment_method=METHOD, paid_at__isnull=True)
        .exclude(status__in=[OrderStatus.CANCELLED])
        .annotate(
            received=transfers_held_sum(),
            owed=ExpressionWrapper(
                F("total") - transfers_held_sum(), output_field=IntegerField()
            ),
        )
        .order_by(F("payment_due_on").asc(nulls_last=True), "placed_at", "pk")
    )


class OwingFilterSet(WagtailFilterSet):
    channel = django_filters.ChoiceFilter(
        label=_("Channel"),
        choices=[
            (SalesChannel.WHOLESALE.value, SalesChannel.WHOLESALE.label),
            (SalesChannel.EXPORT.value, SalesChannel.EXPORT.label),
        ],
    )

    class Meta:
        model = Order
        fields = ["channel"]


class OverdueColumn(Column):
    def get_value(self, instance):
        due = instance.payment_due_on
        if due is None:
            return ""
        late = (timezone.localdate() - due).days
        if late > 0:
            return ngettext("%(days)s day overdue", "%(days)s days overdue", late) % {
                "days": late
            }
        return ngettext("due in %(days)s day", "due in %(days)s days", -late) % {
            "days": -late
        }


class MoneyColumn(Column):
    def get_value(self, instance):
        return format_mad(getattr(instance, self.accessor), "fr")


class OwingReportView(ReportView):
    """What business clients owe, overdue first."""

    page_title = _("Bank transfers due")
    header_icon = "date"
    model = Order
    any_permission_required = ["change"]
    index_url_name = "shop_transfers_due"
    index_results_url_name = "shop_transfers_due_results"
    filterset_class = OwingFilterSet
    columns = [
        TitleColumn(
            "number",
            label=_("Order"),
            get_url=lambda order: reverse("shop_order_transfer", args=(order.pk,)),
        ),
        Column("full_name", label=_("Client")),
        Column("channel", label=_("Channel"), accessor="get_channel_display"),
        DateColumn("payment_due_on", label=_("Due on")),
        OverdueColumn("overdue", label=_("Overdue")),
        AmountColumn("total", label=_("Total")),
        MoneyColumn("received", label=_("Received")),
        MoneyColumn("owed", label=_("Owed")),
    ]
    list_export = ["number", "full_name", "payment_due_on", "total", "received", "owed"]

    def get_queryset(self):
        return orders_owing()
