"""Staff screens for pooled purchasing rounds in the Wagtail admin.

Rounds and their items (with unit price tiers) are snippets, editable while
the round is open. One screen per round runs it: every cooperative's
orders, closing (the bulk order) and the delivery (the deductions), each
through shop.services.purchasing and behind the "run" permission.
Registered by shop/wagtail_hooks.py importing this module."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from shop import purchasing_selectors as selectors
from shop.admin_views import require_permission
from shop.models import PurchaseItem, PurchasingRound, RoundStatus
from shop.services.purchasing import (
    MAX_QUANTITY,
    PurchasingError,
    round_close,
    round_deliver,
)

RUN = "shop.run_purchasinground"


class PurchasingRoundViewSet(SnippetViewSet):
    model = PurchasingRound
    icon = "group"
    menu_label = _("Purchasing rounds")
    list_display = [
        "name",
        "closes_at",
        Column("status", label=_("status"), accessor="get_status_display"),
    ]
    list_filter = ["status"]


class PurchaseItemViewSet(SnippetViewSet):
    model = PurchaseItem
    icon = "tag"
    menu_label = _("Purchase items")
    list_display = ["name", "purchasing_round", "unit", "solo_price", "unit_price"]
    list_filter = ["purchasing_round"]


class PurchasingGroup(SnippetViewSetGroup):
    menu_label = _("Pooled purchasing")
    menu_icon = "group"
    menu_order = 215
    items = (PurchasingRoundViewSet, PurchaseItemViewSet)


register_snippet(PurchasingGroup)


class CloseForm(forms.Form):
    supplier = forms.CharField(label=_("Supplier"), max_length=150)
    reference = forms.CharField(label=_("Supplier's order reference"), max_length=60)


class DeliveryForm(forms.Form):
    """One received quantity per cooperative and item of the round, filled
    in with what was ordered."""

    def __init__(self, *args, summary, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {}
        for row in summary.rows:
            for line in summary.lines:
                ordered, _received = row.cells.get(line.item.pk, (0, None))
                if not ordered:
                    continue
                name = f"received-{line.item.pk}-{row.cooperative.pk}"
                self.keys[name] = (line.item.pk, row.cooperative.pk)
                self.fields[name] = forms.IntegerField(
                    label=f"{row.cooperative.name} — {line.item.name}",
                    min_value=0,
                    max_value=MAX_QUANTITY,
                    initial=ordered,
                )

    def received(self) -> dict[tuple[int, int], int]:
        return {key: self.cleaned_data[name] for name, key in self.keys.items()}


def _refused(form, error: PurchasingError) -> None:
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


def round_run_view(request, pk):
    require_permission(request, "shop.view_purchasinground")
    purchasing_round = get_object_or_404(PurchasingRound, pk=pk)
    summary = selectors.round_summary(purchasing_round)
    close_form = CloseForm()
    delivery_form = DeliveryForm(summary=summary)
    if request.method == "POST":
        require_permission(request, RUN)
        if "close" in request.POST:
            close_form = CloseForm(request.POST)
            if close_form.is_valid():
                try:
                    round_close(
                        round_id=purchasing_round.pk,
                        user=request.user,
                        **close_form.cleaned_data,
                    )
                except PurchasingError as error:
                    _refused(close_form, error)
                else:
                    messages.success(
                        request, gettext("Round closed: the bulk order is recorded.")
                    )
                    return redirect("shop_purchasing_round", pk=purchasing_round.pk)
        elif "deliver" in request.POST:
            delivery_form = DeliveryForm(request.POST, summary=summary)
            if delivery_form.is_valid():
                try:
                    round_deliver(
                        round_id=purchasing_round.pk,
                        received=delivery_form.received(),
                        day=timezone.localdate(),
                        user=request.user,
                    )
                except PurchasingError as error:
                    _refused(delivery_form, error)
                else:
                    messages.success(
                        request,
                        gettext(
                            "Delivery recorded: each cooperative's deduction is "
                            "in the ledger."
                        ),
                    )
                    return redirect("shop_purchasing_round", pk=purchasing_round.pk)
    purchasing_round.refresh_from_db()
    return render(
        request,
        "shop/admin/purchasing_round.html",
        {
            "purchasing_round": purchasing_round,
            "summary": selectors.round_summary(purchasing_round),
            "close_form": close_form,
            "delivery_form": delivery_form,
            "can_run": request.user.has_perm(RUN),
            "statuses": RoundStatus,
        },
    )


@hooks.register("register_admin_urls")
def purchasing_urls():
    return [
        path(
            "purchasing/rounds/<int:pk>/",
            round_run_view,
            name="shop_purchasing_round",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def purchasing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, PurchasingRound) and user.has_perm(
        "shop.view_purchasinground"
    ):
        return [
            ListingButton(
                _("Orders, closing and delivery"),
                url=reverse("shop_purchasing_round", args=(snippet.pk,)),
            )
        ]
    return []
