"""Staff screens for orders in the Wagtail admin: a filtered list and a detail
page whose buttons offer only the moves the state table allows."""

import secrets
from decimal import Decimal

import django_filters
import stripe
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from shop.models import Order
from shop.money import format_mad
from shop.orders.states import (
    MONEY_MOVES,
    IllegalTransition,
    OrderStatus,
    order_transition,
    staff_moves,
)
from shop.payments import cmi
from shop.services.orders import OrderError, order_cancel, order_note
from shop.services.payments import PaymentError, cash_collected
from shop.services.refunds import (
    RefundError,
    refund_cmi_made,
    refund_cmi_unanswered,
    refund_create,
    refund_send,
    refunded_quantities,
    sent_mark,
)


def require_permission(request, permission: str) -> None:
    """Staff screens outside Wagtail's viewsets check their permission here."""
    if not request.user.has_perm(permission):
        raise PermissionDenied


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrderStatus.choices)
    payment_method = django_filters.CharFilter(label=_("Payment method"))
    placed_at = django_filters.DateFromToRangeFilter(
        label=_("Placed on"), widget=DateRangePickerWidget
    )
    number = django_filters.CharFilter(label=_("Number"), lookup_expr="icontains")

    class Meta:
        model = Order
        fields = ["status", "payment_method", "placed_at", "number"]


class AmountColumn(Column):
    def get_value(self, instance):
        return format_mad(getattr(instance, self.accessor), "fr")


class OrderIndexView(ReportView):
    page_title = _("Orders")
    header_icon = "form"
    model = Order
    any_permission_required = ["view", "change"]
    index_url_name = "shop_orders"
    index_results_url_name = "shop_orders_results"
    filterset_class = OrderFilterSet
    columns = [
        TitleColumn(
            "number",
            label=_("Order"),
            get_url=lambda order: reverse("shop_order_detail", args=(order.pk,)),
        ),
        DateColumn("placed_at", label=_("Placed on")),
        Column("full_name", label=_("Customer")),
        Column("city", label=_("City")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("payment_method", label=_("Payment")),
        AmountColumn("total", label=_("Total")),
    ]
    list_export = ["number", "placed_at", "full_name", "city", "status", "total"]

    def get_queryset(self):
        return Order.objects.order_by("-placed_at", "-pk")


def _cmi_unanswered() -> str:
    return gettext(
        "The CMI did not answer; the refund is recorded as pending. Check in "
        "the merchant centre whether it was made before sending it again."
    )


class OrderDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shop/admin/order_detail.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("shop.change_order"):
            raise PermissionDenied
        self.order = get_object_or_404(Order, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Order %(number)s") % {"number": self.order.number}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.order
        context.update(
            order=order,
            lines=order.lines.select_related("cooperative"),
            events=order.events.select_related("user"),
            moves=[
                (status, self._move_label(status))
                for status in staff_moves(order.status, paid=order.paid_at is not None)
            ],
            vat_breakdown=order.vat_breakdown(),
            payments=order.payments.all(),
            refunds=[
                (refund, refund_cmi_unanswered(refund), sent_mark(refund))
                for refund in order.refunds.prefetch_related("lines__order_line")
            ],
            can_collect_cash=(
                order.payment_method == "cod" and order.status == OrderStatus.DELIVERED
            ),
            refundable_lines=self._refundable_lines(order),
            refund_form_token=secrets.token_urlsafe(32),
            can_refund=order.status
            in {OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.PARTLY_REFUNDED}
            and order.payments.filter(status="succeeded").exists(),
            # A CMI refund: made through its API, or in the acquirer's
            # merchant centre and recorded here with its reference.
            refund_reference=order.payments.filter(
                status="succeeded", provider="cmi"
            ).exists(),
            cmi_api=cmi.api_available(),
        )
        return context

    def _move_label(self, status):
        if status == OrderStatus.CANCELLED and self.order.status == OrderStatus.SHIPPED:
            return gettext("Delivery failed: cancel and restock")
        return OrderStatus(status).label

    def _refundable_lines(self, order):
        done = refunded_quantities(order)
        return [
            (line, line.quantity - done.get(line.pk, 0))
            for line in order.lines.all()
            if line.quantity - done.get(line.pk, 0) > 0
        ]

    def post(self, request, *args, **kwargs):
        order = self.order
        if "note" in request.POST:
            text = request.POST.get("note", "").strip()
            if text:
                order_note(order_id=order.pk, user=request.user, text=text)
                messages.success(request, gettext("Note added."))
            else:
                messages.error(request, gettext("The note is empty."))
        elif "move" in request.POST:
            self._move(request, request.POST["move"])
        elif "collect_cash" in request.POST:
            self._collect_cash(request)
        elif "refund" in request.POST:
            self._refund(request)
        elif "retry_refund" in request.POST:
            self._retry_refund(request)
        elif "cmi_made" in request.POST or "cmi_not_made" in request.POST:
            self._cmi_checked(request)
        return redirect("shop_order_detail", order.pk)

    def _retry_refund(self, request):
        raw = request.POST.get("retry_refund", "").strip()
        refund = (
            self.order.refunds.filter(
                pk=int(raw), provider__in=["stripe", "cmi"]
            ).first()
            if raw.isdigit() and len(raw) < 10
            else None
        )
        if refund is None or refund.status == "succeeded":
            messages.error(request, gettext("This refund cannot be retried."))
            return
        if refund_cmi_unanswered(refund):
            messages.error(request, _cmi_unanswered())
            return
        try:
            refund = refund_send(refund_id=refund.pk)
        except stripe.StripeError:
            messages.error(
                request,
                gettext("Stripe did not answer; the refund is still pending."),
            )
        except cmi.GatewayError:
            messages.error(request, _cmi_unanswered())
        else:
            messages.success(
                request,
                gettext("Refund sent again: %(status)s.")
                % {"status": refund.get_status_display()},
            )

    def _cmi_checked(self, request):
        """Staff checked an unanswered CMI refund in the merchant centre:
        made (its reference recorded) or not made (sent again, once)."""
        raw = request.POST.get("cmi_refund", "").strip()
        refund = (
            self.order.refunds.filter(pk=int(raw), provider="cmi").first()
            if raw.isdigit() and len(raw) < 10
            else None
        )
        if refund is None:
            messages.error(request, gettext("This refund cannot be retried."))
            return
        try:
            if "cmi_made" in request.POST:
                refund = refund_cmi_made(
                    refund_id=refund.pk,
                    reference=request.POST.get("cmi_reference", ""),
                    user=request.user,
                )
            else:
                refund = refund_send(
                    refund_id=refund.pk,
                    not_made=request.POST.get("sent_mark", "")[:64],
                )
        except RefundError as error:
            messages.error(request, str(error))
        except cmi.GatewayError:
            messages.error(request, _cmi_unanswered())
        else:
            messages.success(
                request,
                gettext("Refund: %(status)s.")
                % {"status": refund.get_status_display()},
            )

    def _collect_cash(self, request):
        try:
            amount = Decimal(request.POST.get("amount", "").replace(",", ".")) * 100
            if amount != amount.to_integral_value():
                raise ValueError("more than two decimals")
            amount = int(amount)
            cash_collected(
                order_id=self.order.pk,
                courier=request.POST.get("courier", ""),
                amount=amount,
                user=request.user,
            )
        except (ValueError, ArithmeticError):
            messages.error(request, gettext("Please enter the amount in dirhams."))
        except PaymentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Cash recorded: the order is paid."))

    def _refund(self, request):
        quantities = {}
        try:
            for key, value in request.POST.items():
                if key.startswith("line-") and value.strip():
                    quantities[int(key.removeprefix("line-"))] = int(value)
            refund = refund_create(
                order_id=self.order.pk,
                quantities=quantities,
                include_delivery="delivery" in request.POST,
                restock="restock" in request.POST,
                reason=request.POST.get("reason", ""),
                user=request.user,
                form_token=request.POST.get("form_token", "")[:64] or None,
                reference=request.POST.get("reference", "")[:100],
            )
        except ValueError:
            messages.error(request, gettext("Quantities must be whole numbers."))
        except RefundError as error:
            messages.error(request, str(error))
        except stripe.StripeError:
            messages.error(
                request,
                gettext("Stripe did not answer; the refund is recorded as pending."),
            )
        except cmi.GatewayError:
            messages.error(request, _cmi_unanswered())
        else:
            from shop.consumer_admin import withdrawal_refund_done

            withdrawal_refund_done(request, refund)
            messages.success(
                request,
                gettext("Refund of %(amount)s recorded (%(status)s).")
                % {
                    "amount": format_mad(refund.amount, "fr"),
                    "status": refund.get_status_display(),
                },
            )

    def _move(self, request, target: str):
        order = self.order
        if target in MONEY_MOVES:
            # Money moves have their own services and forms; the generic
            # status change never makes one, whatever is posted.
            messages.error(
                request,
                gettext(
                    "An order becomes paid or refunded only through its payment "
                    "or refund: record the cash collected or make a refund."
                ),
            )
            return
        if target not in staff_moves(order.status, paid=order.paid_at is not None):
            messages.error(request, gettext("This order cannot make that move now."))
            return
        try:
            if target == OrderStatus.CANCELLED:
                order_cancel(order_id=order.pk, user=request.user, reason="by staff")
            else:
                with transaction.atomic():
                    locked = Order.objects.select_for_update().get(pk=order.pk)
                    order_transition(order=locked, to=target, user=request.user)
        except OrderError as error:
            messages.error(request, " ".join(error.problems))
        except (IllegalTransition, ValueError):
            messages.error(request, gettext("This order cannot make that move now."))
        else:
            messages.success(
                request,
                gettext("Order %(number)s is now “%(status)s”.")
                % {"number": order.number, "status": OrderStatus(target).label},
            )
