"""What consumer law and personal-data law add to the buyer's pages: the
consent given at the checkout's details step, kept in the session until
the order records it; the legal pages' addresses; the withdrawal form of
the order page."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from shop.consumer_forms import WithdrawalForm
from shop.models import Order
from shop.models.consumer import REFUND_DAYS, WITHDRAWAL_DAYS
from shop.services.consumer import (
    WithdrawalError,
    latest_delivery_date,
    legal_pages,
    privacy_version,
    withdrawable_quantities,
    withdrawal_request_create,
    withdrawal_window,
)

CHECKOUT_CONSENT_KEY = "checkout_privacy_consent"


def _site(request):
    return Site.find_for_request(request)


def legal_urls(request) -> dict:
    """The addresses of the terms of sale and the privacy notice, in the
    page's language; empty when the site has none."""
    return {
        name: (page.get_url(request) or "") if page else ""
        for name, page in legal_pages(_site(request)).items()
    }


def checkout_consent_keep(request) -> None:
    """The details form was sent with the consent box ticked: remember
    when, and which privacy notice it was given to."""
    request.session[CHECKOUT_CONSENT_KEY] = {
        "at": timezone.now().isoformat(),
        "version": privacy_version(_site(request)),
    }


def signup_privacy_version(request) -> str:
    return privacy_version(_site(request))


def checkout_consent(request) -> tuple | None:
    """(when, version) of the consent given in this session, or None."""
    kept = request.session.get(CHECKOUT_CONSENT_KEY)
    try:
        return datetime.datetime.fromisoformat(kept["at"]), str(kept["version"])
    except (TypeError, KeyError, ValueError):
        return None


def checkout_consent_forget(request) -> None:
    request.session.pop(CHECKOUT_CONSENT_KEY, None)


def review_context(request, delivery_method) -> dict:
    """What the review step tells before the order is concluded: the latest
    delivery day and the withdrawal period."""
    return {
        "latest_delivery": latest_delivery_date(
            delivery_method, day=timezone.localdate()
        ),
        "withdrawal_days": WITHDRAWAL_DAYS,
        "refund_days": REFUND_DAYS,
        "legal_urls": legal_urls(request),
    }


def withdrawal_context(order: Order, form=None) -> dict:
    """The order page's withdrawal section: the requests made, and the
    form while the period is open and units are left."""
    window = withdrawal_window(order)
    if not window.applies:
        return {"applies": False}
    left = withdrawable_quantities(order) if window.open else {}
    lines = [(line, left[line.pk]) for line in order.lines.all() if line.pk in left]
    if form is None and lines:
        form = WithdrawalForm(lines=lines)
    return {
        "applies": True,
        "window": window,
        "form": form if window.open and lines else None,
        "requests": list(order.withdrawals.prefetch_related("lines__order_line")),
        "withdrawal_days": WITHDRAWAL_DAYS,
        "refund_days": REFUND_DAYS,
    }


@require_POST
def order_withdrawal(request, number):
    """The buyer sends the withdrawal form of their order's page. Refused,
    with the reason next to the field it concerns, outside the period;
    the same form sent twice makes one request."""
    from shop.views import order_detail, order_for_reader

    order = order_for_reader(request, number)
    left = withdrawable_quantities(order)
    lines = [(line, left[line.pk]) for line in order.lines.all() if line.pk in left]
    # A form sent twice: its lines were taken by its first sending.
    asked = {
        line.pk: line for line in order.lines.all() if f"line-{line.pk}" in request.POST
    }
    for line_id, line in asked.items():
        if line_id not in left:
            lines.append((line, line.quantity))
    form = WithdrawalForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            withdrawal = withdrawal_request_create(
                order_id=order.pk,
                quantities=form.quantities(),
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
                form_token=form.cleaned_data["form_token"],
            )
        except WithdrawalError as error:
            for problem in error.problems:
                form.add_error(
                    error.field if error.field in form.fields else None, problem
                )
        else:
            messages.success(
                request,
                _(
                    "Your withdrawal request is recorded. Send the products back "
                    "as the terms of sale explain: you will be refunded by %(date)s "
                    "at the latest."
                )
                % {"date": date_format(withdrawal.refund_due_on, "DATE_FORMAT")},
            )
            url = reverse("shop:order_detail", kwargs={"number": order.number})
            token = request.GET.get("token", "")
            return redirect(f"{url}?token={token}#withdrawal" if token else url)
    return order_detail(request, number, extra_context={"withdrawal_form": form})
