import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

# Pooled purchasing registers its snippets, admin URL and buttons.
from shop import purchasing_admin  # noqa: F401
from shop.admin_views import OrderDetailView, OrderIndexView
from shop.coverage_admin import coverage_urls  # noqa: F401 - registers its hooks
from shop.document_hooks import refuse_private_documents  # noqa: F401
from shop.ledger_admin import (
    pooled_cost_allocate_view,
    reports_view,
    session_action,
    statements_view,
)
from shop.lot_admin import (
    ExpiringLotsReport,
    LotDetailView,
    consignment_labels_view,
    consignment_receive_view,
)
from shop.models import (
    Consignment,
    DeliveryMethod,
    DiscountCode,
    Inspection,
    Lot,
    PooledCost,
    Product,
    SalesSession,
    VatRate,
)
from shop.quality_hooks import quality_urls  # noqa: F401 - registers its hooks
from shop.services.lots import inspection_record

LOW_STOCK = 5


class ProductFilterSet(WagtailFilterSet):
    low_stock = django_filters.BooleanFilter(
        label=_("Low stock (5 or fewer of a variant)"), method="filter_low_stock"
    )

    class Meta:
        model = Product
        fields = ["cooperative", "category", "is_active", "low_stock"]

    def filter_low_stock(self, queryset, name, value):
        if value is None:
            return queryset
        low = queryset.filter(variants__is_active=True, variants__stock__lte=LOW_STOCK)
        return low.distinct() if value else queryset.exclude(pk__in=low)


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Products")
    list_display = ["name", "cooperative", "category", "is_active"]
    filterset_class = ProductFilterSet
    search_fields = ["name_ar", "name_fr", "name_en", "variants__sku"]
    search_backend_name = None


class DeliveryMethodViewSet(SnippetViewSet):
    model = DeliveryMethod
    icon = "site"
    menu_label = _("Delivery methods")
    list_display = [
        "name",
        Column("zone", label=_("zone"), accessor="get_zone_display"),
        "price",
        "free_above",
        "is_active",
    ]


class DiscountCodeViewSet(SnippetViewSet):
    model = DiscountCode
    icon = "tag"
    menu_label = _("Discount codes")
    list_display = ["code", "kind", "value", "used_count", "usage_limit", "valid_until"]
    list_filter = ["kind", "borne_by", "is_active"]
    search_fields = ["code"]
    search_backend_name = None


class VatRateViewSet(SnippetViewSet):
    model = VatRate
    icon = "table"
    menu_label = _("VAT rates")
    list_display = ["name", "code", "rate_bp"]


class LotViewSet(SnippetViewSet):
    model = Lot
    icon = "tag"
    menu_label = _("Lots")
    list_display = ["code", "variant", "cooperative", "status", "stock", "best_before"]
    list_filter = ["status", "cooperative"]
    search_fields = ["code", "public_code", "variant__sku"]
    search_backend_name = None


class ConsignmentViewSet(SnippetViewSet):
    model = Consignment
    icon = "download"
    menu_label = _("Consignments")
    list_display = ["cooperative", "received_on", "carrier", "is_received"]
    list_filter = ["cooperative", "is_received"]


class InspectionViewSet(SnippetViewSet):
    model = Inspection
    icon = "search"
    menu_label = _("Inspections")
    list_display = ["date", "kind", "body", "cooperative", "lot", "result"]
    list_filter = ["result", "body", "kind"]


class SalesSessionViewSet(SnippetViewSet):
    model = SalesSession
    icon = "table"
    menu_label = _("Store and fair sales")
    list_display = ["date", "channel", "place", "payment_method", "is_closed"]
    list_filter = ["channel"]


class PooledCostViewSet(SnippetViewSet):
    model = PooledCost
    icon = "doc-full"
    menu_label = _("Pooled costs")
    list_display = ["label", "incurred_on", "amount", "allocated"]


class ShopGroup(SnippetViewSetGroup):
    menu_label = _("Shop")
    menu_icon = "pick"
    menu_order = 210
    items = (
        SalesSessionViewSet,
        PooledCostViewSet,
        ProductViewSet,
        LotViewSet,
        ConsignmentViewSet,
        InspectionViewSet,
        DeliveryMethodViewSet,
        DiscountCodeViewSet,
        VatRateViewSet,
    )


register_snippet(ShopGroup)


@hooks.register("register_admin_urls")
def order_urls():
    return [
        path("orders/", OrderIndexView.as_view(), name="shop_orders"),
        path(
            "orders/results/",
            OrderIndexView.as_view(results_only=True),
            name="shop_orders_results",
        ),
        path("orders/<int:pk>/", OrderDetailView.as_view(), name="shop_order_detail"),
        path("lots/<int:pk>/", LotDetailView.as_view(), name="shop_lot_detail"),
        path("sessions/<int:pk>/", session_action, name="shop_session"),
        path(
            "pooled-costs/<int:pk>/allocate/",
            pooled_cost_allocate_view,
            name="shop_pooled_cost_allocate",
        ),
        path("statements/", statements_view, name="shop_statements"),
        path("reports/sales/", reports_view, name="shop_reports"),
        path(
            "consignments/<int:pk>/labels/",
            consignment_labels_view,
            name="shop_consignment_labels",
        ),
        path(
            "consignments/<int:pk>/receive/",
            consignment_receive_view,
            name="shop_consignment_receive",
        ),
        path(
            "reports/lots-expiring/",
            ExpiringLotsReport.as_view(),
            name="shop_lots_expiring",
        ),
        path(
            "reports/lots-expiring/results/",
            ExpiringLotsReport.as_view(results_only=True),
            name="shop_lots_expiring_results",
        ),
    ]


@hooks.register("register_admin_urls")
def business_order_urls():
    from shop.export_views import export_paper_view
    from shop.transfer_views import (
        OwingReportView,
        transfer_record_view,
        transfer_return_view,
    )

    return [
        path(
            "orders/<int:pk>/transfers/",
            transfer_record_view,
            name="shop_order_transfer",
        ),
        path(
            "orders/<int:pk>/transfers/return/",
            transfer_return_view,
            name="shop_order_transfer_return",
        ),
        path(
            "orders/<int:pk>/papers/<slug:kind>.pdf",
            export_paper_view,
            name="shop_order_export_paper",
        ),
        path(
            "reports/transfers-due/",
            OwingReportView.as_view(),
            name="shop_transfers_due",
        ),
        path(
            "reports/transfers-due/results/",
            OwingReportView.as_view(results_only=True),
            name="shop_transfers_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def transfers_due_menu_item():
    return OrdersMenuItem(
        _("Bank transfers due"),
        reverse("shop_transfers_due"),
        icon_name="date",
        order=835,
    )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def inspection_puts_failed_lots_on_hold(request, instance):
    # The admin saved the inspection; the service applies its consequence.
    if isinstance(instance, Inspection):
        inspection_record(inspection=instance)


@hooks.register("register_reports_menu_item")
def lots_expiring_menu_item():
    return OrdersMenuItem(
        _("Lots expiring"), reverse("shop_lots_expiring"), icon_name="time", order=820
    )


class OrdersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("shop.change_order")


@hooks.register("register_admin_menu_item")
def orders_menu_item():
    return OrdersMenuItem(
        _("Orders"), reverse("shop_orders"), icon_name="form", order=205
    )


class StatementsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("shop.change_statement")


@hooks.register("register_admin_menu_item")
def statements_menu_item():
    return StatementsMenuItem(
        _("Statements"), reverse("shop_statements"), icon_name="doc-full", order=206
    )


@hooks.register("register_reports_menu_item")
def sales_report_menu_item():
    return OrdersMenuItem(
        _("Sales and reconciliation"),
        reverse("shop_reports"),
        icon_name="table",
        order=830,
    )


@hooks.register("register_snippet_listing_buttons")
def money_buttons(snippet, user, next_url=None):
    if isinstance(snippet, SalesSession):
        return [
            ListingButton(_("Open"), url=reverse("shop_session", args=(snippet.pk,)))
        ]
    if isinstance(snippet, PooledCost) and not snippet.allocated:
        return [
            ListingButton(
                _("Allocate"),
                url=reverse("shop_pooled_cost_allocate", args=(snippet.pk,)),
            )
        ]
    return []


@hooks.register("register_snippet_listing_buttons")
def traceability_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Lot) and user.has_perm("shop.change_lot"):
        return [
            ListingButton(
                _("Traceability"), url=reverse("shop_lot_detail", args=(snippet.pk,))
            )
        ]
    if isinstance(snippet, Consignment) and snippet.is_received:
        return [
            ListingButton(
                _("Print the labels"),
                url=reverse("shop_consignment_labels", args=(snippet.pk,)),
            )
        ]
    if (
        isinstance(snippet, Consignment)
        and not snippet.is_received
        and user.has_perm("shop.change_consignment")
    ):
        return [
            ListingButton(
                _("Receive into stock"),
                url=reverse("shop_consignment_receive", args=(snippet.pk,)),
            )
        ]
    return []


class InvoicesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("shop.view_invoice")


@hooks.register("register_admin_urls")
def invoice_urls():
    from shop.invoice_admin import invoices_export_view

    return [path("invoices/", invoices_export_view, name="shop_invoices")]


@hooks.register("register_reports_menu_item")
def invoices_menu_item():
    return InvoicesMenuItem(
        _("Invoices and credit notes"),
        reverse("shop_invoices"),
        icon_name="doc-full",
        order=835,
    )


# Withdrawal requests (consumer law) register their admin URLs and menu item.
from shop import consumer_admin  # noqa: E402, F401
