"""The business client's pages: apply, quick order by SKU, quotes and their
pro-formas, and the wholesale prices block of the product page."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from shop.services.cart import cart_get
from trade.documents import proforma_pdf
from trade.forms import QUICK_ORDER_ROWS, ApplyForm, QuickOrderFormSet, QuoteNoteForm
from trade.models import AccountStatus, BusinessAccount, QuoteStatus
from trade.selectors import (
    member_account,
    price_items,
    quote_for,
    quote_lines,
    quote_priced,
)
from trade.services import (
    TradeError,
    account_apply,
    order_rows_check,
    quote_accept,
    quote_request,
)

MAX_PRICE_SKUS = 20


@never_cache
def apply(request):
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_apply(
            user=request.user,
            language=get_language(),
            **form.cleaned_data,
        )
        # The same answer whether the ICE had applied before: an application
        # is never made twice, and nobody learns another company's status.
        return redirect("trade:apply_sent")
    return render(request, "trade/apply.html", {"form": form})


def apply_sent(request):
    return render(request, "trade/apply_sent.html")


@login_required
@never_cache
def home(request):
    account = member_account(request.user)
    pending = None
    if account is None:
        pending = BusinessAccount.objects.filter(
            applicant=request.user, status=AccountStatus.PENDING
        ).first()
    quotes = account.quotes.all()[:50] if account else []
    return render(
        request,
        "trade/home.html",
        {"account": account, "pending": pending, "quotes": quotes},
    )


def _member_or_redirect(request):
    account = member_account(request.user)
    if account is None:
        messages.info(
            request,
            _("Wholesale ordering is for approved business clients: apply first."),
        )
    return account


def _cart_rows(request) -> list[dict]:
    cart = cart_get(request)
    if cart is None:
        return []
    return [
        {"sku": line.variant.sku, "quantity": line.quantity}
        for line in cart.lines.select_related("variant").order_by("pk")
        if line.variant_id
    ]


@login_required
@never_cache
def quick_order(request):
    account = _member_or_redirect(request)
    if account is None:
        return redirect("trade:home")
    if request.method == "POST":
        formset = QuickOrderFormSet(request.POST, prefix="rows")
        note_form = QuoteNoteForm(request.POST)
        quote = _quote_from_rows(request, account, formset, note_form)
        if quote is not None:
            messages.success(
                request,
                _(
                    "Your quote request was sent: we will reply with a "
                    "pro-forma invoice."
                ),
            )
            return redirect("trade:quote", number=quote.number)
    else:
        initial = _cart_rows(request) if request.GET.get("from") == "cart" else []
        initial = initial[:50]
        formset = QuickOrderFormSet(
            prefix="rows",
            initial=initial + [{}] * max(QUICK_ORDER_ROWS - len(initial), 0),
        )
        note_form = QuoteNoteForm(initial={"token": secrets.token_urlsafe(24)})
    return render(
        request,
        "trade/quick_order.html",
        {"account": account, "formset": formset, "note_form": note_form},
    )


def _quote_from_rows(request, account, formset, note_form):
    """The quote the rows ask for, or None with each row's problem next to
    its field. Rows valid on their own are checked against the price list
    even when another row is wrong, so every problem shows at once."""
    rows_valid = formset.is_valid()
    if not note_form.is_valid():
        return None
    filled = [
        (form, form.cleaned_data["sku"], form.cleaned_data["quantity"])
        for form in formset.forms
        if not form.errors and form.cleaned_data.get("sku")
    ]
    if rows_valid and not filled:
        formset.forms[0].add_error("sku", _("Enter at least one SKU."))
        return None
    checked = order_rows_check(account.group_id, [(s, q) for _f, s, q in filled])
    for (form, _sku, _quantity), row in zip(filled, checked, strict=True):
        if row.error:
            form.add_error(row.field, row.error)
    if not rows_valid or any(row.error for row in checked):
        return None
    try:
        return quote_request(
            account=account,
            user=request.user,
            rows=[(sku, quantity) for _f, sku, quantity in filled],
            token=note_form.cleaned_data["token"],
            note=note_form.cleaned_data["note"],
            language=get_language(),
        )
    except TradeError as error:
        for problem in error.problems:
            messages.error(request, problem)
        return None


def _account_or_404(request):
    account = member_account(request.user)
    if account is None:
        raise Http404
    return account


@login_required
@never_cache
def quote_detail(request, number):
    account = _account_or_404(request)
    quote = quote_for(account, number)
    lines = quote_lines(quote)
    priced = quote_priced(quote, lines)
    return render(
        request,
        "trade/quote_detail.html",
        {
            "account": account,
            "quote": quote,
            "rows": list(zip(lines, priced.lines, strict=True)),
            "priced": priced,
            "can_accept": quote.status == QuoteStatus.SENT,
            "has_proforma": quote.status in (QuoteStatus.SENT, QuoteStatus.ACCEPTED),
        },
    )


@login_required
@never_cache
def quote_pdf(request, number):
    account = _account_or_404(request)
    quote = quote_for(account, number)
    if quote.status not in (QuoteStatus.SENT, QuoteStatus.ACCEPTED):
        raise Http404
    response = HttpResponse(proforma_pdf(quote), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{quote.number}.pdf"'
    return response


@login_required
@require_POST
def quote_accept_view(request, number):
    account = _account_or_404(request)
    quote = quote_for(account, number)
    try:
        order = quote_accept(quote_id=quote.pk, account=account, user=request.user)
    except TradeError as error:
        for problem in error.problems:
            messages.error(request, problem)
        return redirect("trade:quote", number=quote.number)
    messages.success(
        request,
        _("Thank you: your order is placed. Pay it by bank transfer by its due date."),
    )
    return redirect("shop:order_detail", number=order.number)


@require_GET
@never_cache
def prices(request):
    """The signed-in business buyer's prices for the SKUs a product page
    shows (``?sku=A&sku=B``), as an HTML block the page's script puts in
    place: the shared, cached page carries nobody's prices. Nothing (204)
    for anyone else."""
    account = member_account(request.user)
    skus = {
        sku.strip().upper()
        for sku in request.GET.getlist("sku")[:MAX_PRICE_SKUS]
        if 0 < len(sku.strip()) <= 40
    }
    if account is None or not skus:
        return HttpResponse(status=204)
    items = price_items(account.group_id, skus=skus)
    if not items:
        return HttpResponse(status=204)
    return render(
        request,
        "trade/prices_block.html",
        {
            "account": account,
            "items": items,
            "order_url": reverse("trade:quick_order"),
        },
    )
