from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets.button import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from trade.admin_views import (
    ManageClientsPolicy,
    QuoteAdminForm,
    account_approve_view,
    quote_cancel_view,
    quote_pdf_view,
    quote_send_view,
)
from trade.models import (
    AccountStatus,
    BusinessAccount,
    ClientGroup,
    PriceListItem,
    Quote,
    QuoteStatus,
)
from trade.terms_views import order_terms_view


@hooks.register("register_permissions")
def trade_permissions():
    return Permission.objects.filter(
        content_type__app_label="trade", codename="manage_business_clients"
    )


# One permission, "manage business clients", for every screen. Companies
# apply on the site and clients ask for quotes: staff never add either, and
# neither is deleted (a quote is cancelled).
register_permission_policy(
    BusinessAccount, ManageClientsPolicy(BusinessAccount, refused=("add", "delete"))
)
register_permission_policy(Quote, ManageClientsPolicy(Quote, refused=("add", "delete")))
register_permission_policy(ClientGroup, ManageClientsPolicy(ClientGroup))
register_permission_policy(PriceListItem, ManageClientsPolicy(PriceListItem))


class BusinessAccountViewSet(SnippetViewSet):
    model = BusinessAccount
    icon = "group"
    menu_label = _("Business clients")
    list_display = ["company_name", "ice", "country", "status", "group"]
    list_filter = ["status", "group", "country"]
    search_fields = ["company_name", "ice", "email"]


class ClientGroupViewSet(SnippetViewSet):
    model = ClientGroup
    icon = "folder-open-inverse"
    menu_label = _("Client groups")


class PriceListItemViewSet(SnippetViewSet):
    model = PriceListItem
    icon = "tag"
    menu_label = _("Wholesale prices")
    list_display = ["variant", "group", "case_size", "minimum_quantity"]
    list_filter = ["group"]


class QuoteViewSet(SnippetViewSet):
    model = Quote
    icon = "doc-full"
    menu_label = _("Quotes and pro-formas")
    list_display = ["number", "account", "status", "requested_at", "valid_until"]
    list_filter = ["status"]
    search_fields = ["number"]
    edit_handler = ObjectList(Quote.panels, base_form_class=QuoteAdminForm)


class TradeGroup(SnippetViewSetGroup):
    menu_label = _("Business clients")
    menu_icon = "group"
    menu_order = 208
    items = (
        BusinessAccountViewSet,
        QuoteViewSet,
        PriceListItemViewSet,
        ClientGroupViewSet,
    )


register_snippet(TradeGroup)


@hooks.register("register_admin_urls")
def trade_admin_urls():
    return [
        path(
            "trade/accounts/<int:pk>/approve/",
            account_approve_view,
            name="trade_account_approve",
        ),
        path("trade/quotes/<int:pk>/send/", quote_send_view, name="trade_quote_send"),
        path("trade/quotes/<int:pk>/pdf/", quote_pdf_view, name="trade_quote_pdf"),
        path(
            "trade/quotes/<int:pk>/cancel/",
            quote_cancel_view,
            name="trade_quote_cancel",
        ),
        path(
            "trade/orders/<int:pk>/terms/",
            order_terms_view,
            name="trade_order_terms",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def trade_buttons(snippet, user, next_url=None):
    if isinstance(snippet, BusinessAccount):
        label = (
            _("Approve") if snippet.status != AccountStatus.APPROVED else _("Members")
        )
        return [
            ListingButton(
                label, url=reverse("trade_account_approve", args=(snippet.pk,))
            )
        ]
    if isinstance(snippet, Quote):
        buttons = [
            ListingButton(
                _("Pro-forma PDF"), url=reverse("trade_quote_pdf", args=(snippet.pk,))
            )
        ]
        if snippet.status == QuoteStatus.ACCEPTED and snippet.order_id:
            buttons.append(
                ListingButton(
                    _("Order terms"),
                    url=reverse("trade_order_terms", args=(snippet.order_id,)),
                )
            )
        if snippet.status == QuoteStatus.REQUESTED:
            buttons.insert(
                0,
                ListingButton(
                    _("Send pro-forma"),
                    url=reverse("trade_quote_send", args=(snippet.pk,)),
                ),
            )
        return buttons
    return []
