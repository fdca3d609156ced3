import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from shop.admin_views import OrderDetailView, OrderIndexView
from shop.models import DeliveryMethod, DiscountCode, Product, VatRate

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
    list_display = ["name", "zone", "city", "price", "free_above", "is_active"]


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


class ShopGroup(SnippetViewSetGroup):
    menu_label = _("Shop")
    menu_icon = "pick"
    menu_order = 210
    items = (ProductViewSet, DeliveryMethodViewSet, DiscountCodeViewSet, VatRateViewSet)


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
    ]


class OrdersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("shop.change_order")


@hooks.register("register_admin_menu_item")
def orders_menu_item():
    return OrdersMenuItem(
        _("Orders"), reverse("shop_orders"), icon_name="form", order=205
    )
