"""Staff correct the terms of an order placed from an accepted pro-forma:
its Incoterm and payment due date. Needs the "manage business clients"
permission; bad input is shown by its field and changes nothing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cooperatives.choices import SalesChannel
from trade.admin_views import require_manager
from trade.services import TradeError
from trade.terms import NOT_SHIPPED, TermsForm, order_terms_change, terms_order


def order_terms_view(request, pk: int):
    require_manager(request)
    order = terms_order(pk)
    if order is None:
        raise Http404
    export = order.channel == SalesChannel.EXPORT
    if request.method == "POST":
        form = TermsForm(request.POST, export=export)
        if form.is_valid():
            try:
                order_terms_change(
                    order_id=order.pk,
                    incoterm=form.cleaned_data.get("incoterm", ""),
                    due_on=form.cleaned_data["due_on"],
                    user=request.user,
                )
            except TradeError as error:
                for problem in error.problems:
                    form.add_error(error.field, problem)
            else:
                messages.success(request, _("The order's terms are saved."))
                return redirect("trade_order_terms", order.pk)
        status = 400
    else:
        form = TermsForm(
            export=export,
            initial={"incoterm": order.incoterm, "due_on": order.payment_due_on},
        )
        status = 200
    return render(
        request,
        "trade/admin/order_terms.html",
        {
            "order": order,
            "form": form,
            "editable": order.status in NOT_SHIPPED,
        },
        status=status,
    )
