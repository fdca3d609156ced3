"""Staff screens for lots: hold, release, recall (with the buyers to warn),
write-offs, returns, labels, and the report of lots expiring soon."""

import csv
import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from cooperatives.models import today
from core.spreadsheet import BYTE_ORDER_MARK, csv_separators, safe_cell
from shop.admin_views import require_permission
from shop.lot_views import label_sheet
from shop.models import Consignment, Lot, LotStatus
from shop.services.lots import (
    LotError,
    consignment_receive,
    lot_recall,
    lot_remove,
    lot_set_status,
    recall_orders,
)

EXPIRY_WARNING_DAYS = 30


class LotDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shop/admin/lot_detail.html"
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, "shop.change_lot")
        self.lot = get_object_or_404(
            Lot.objects.select_related("variant__product", "cooperative"),
            pk=kwargs["pk"],
        )
        if request.GET.get("export") == "csv":
            return self.recall_csv()
        if request.GET.get("labels"):
            return label_sheet(request, [self.lot])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Lot %(code)s") % {"code": self.lot.code}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            lot=self.lot,
            orders=recall_orders(self.lot),
            inspections=self.lot.inspections.all(),
            expired=self.lot.best_before < today(),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action in {LotStatus.ON_HOLD, LotStatus.RELEASED}:
                lot_set_status(lot_id=self.lot.pk, status=action)
            elif action == "recall":
                orders = lot_recall(lot_id=self.lot.pk, user=request.user)
                messages.warning(
                    request,
                    gettext(
                        "Lot recalled; %(count)s order(s) affected, buyers emailed."
                    )
                    % {"count": len(orders)},
                )
            elif action == "remove":
                lot_remove(
                    lot_id=self.lot.pk,
                    quantity=int(request.POST.get("quantity", "0")),
                    reason=request.POST.get("reason", ""),
                    user=request.user,
                )
        except (LotError, ValueError) as error:
            messages.error(request, str(error) or gettext("Please check the quantity."))
        return redirect("shop_lot_detail", self.lot.pk)

    def recall_csv(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="lot-{self.lot.code}.csv"'
        )
        # For the staff member's spreadsheet: headers in their language, its
        # delimiter, and a byte-order mark for Arabic names.
        response.write(BYTE_ORDER_MARK)
        writer = csv.writer(response, delimiter=csv_separators(get_language())[0])
        writer.writerow(
            [
                gettext("Order"),
                gettext("Date"),
                gettext("Name"),
                gettext("Email"),
                gettext("Phone"),
                gettext("City"),
                gettext("Quantity"),
            ]
        )
        for order in recall_orders(self.lot):
            quantity = sum(
                allocation.quantity
                for line in order.lines.all()
                for allocation in line.allocations.filter(lot=self.lot)
            )
            # What buyers typed is written so no spreadsheet runs it.
            writer.writerow(
                [
                    order.number,
                    timezone.localdate(order.placed_at).isoformat(),
                    safe_cell(order.full_name),
                    safe_cell(order.email),
                    safe_cell(order.phone),
                    safe_cell(order.city),
                    quantity,
                ]
            )
        return response


class ExpiringLotsReport(ReportView):
    page_title = _("Lots expiring within 30 days")
    header_icon = "time"
    model = Lot
    any_permission_required = ["change", "view"]
    index_url_name = "shop_lots_expiring"
    index_results_url_name = "shop_lots_expiring_results"
    columns = [
        TitleColumn(
            "code",
            label=_("Lot"),
            get_url=lambda lot: reverse("shop_lot_detail", args=(lot.pk,)),
        ),
        Column("variant", label=_("Variant")),
        Column("cooperative", label=_("Cooperative")),
        Column("stock", label=_("In stock")),
        DateColumn("best_before", label=_("Best before")),
    ]

    def get_queryset(self):
        limit = today() + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        return (
            Lot.objects.filter(best_before__lte=limit, stock__gt=0)
            .select_related("variant__product", "cooperative")
            .order_by("best_before", "pk")
        )


def consignment_receive_view(request, pk):
    require_permission(request, "shop.change_consignment")
    consignment = get_object_or_404(Consignment, pk=pk)
    if request.method != "POST":
        return render(
            request,
            "shop/admin/consignment_receive.html",
            {"consignment": consignment, "lines": consignment.lines.all()},
        )
    try:
        consignment_receive(consignment_id=consignment.pk, user=request.user)
    except LotError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Consignment received into stock."))
    return redirect("wagtailsnippets_shop_consignment:list")


def consignment_labels_view(request, pk):
    """The label sheet of every lot a consignment brought in."""
    require_permission(request, "shop.view_lot")
    consignment = get_object_or_404(Consignment, pk=pk)
    lots = Lot.objects.filter(
        pk__in=consignment.lines.exclude(lot=None).values("lot")
    ).select_related("variant__product")
    return label_sheet(request, lots)
