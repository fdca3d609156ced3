"""Card payment pages, the Stripe webhook and the CMI's callback."""

import logging
from urllib.parse import urlsplit

import stripe
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from shop.models import Order, PaymentStatus
from shop.orders.states import OrderStatus
from shop.payments import cmi, stripe_gateway
from shop.services.cmi_payments import (
    cmi_callback_process,
    cmi_order_pay_cash_instead,
    cmi_payment_prepare,
    cmi_return_state,
)
from shop.services.payments import (
    PaymentError,
    card_payment_prepare,
    payment_intent_apply,
    stripe_event_process,
)
from shop.views import order_for_reader

logger = logging.getLogger(__name__)


def _order_for(request, number) -> Order:
    """The order a payment page is about: its buyer's only."""
    return order_for_reader(request, number, staff=False)


def order_pay(request, number):
    order = _order_for(request, number)
    context = {"order": order, "token": request.GET.get("token", "")}
    try:
        payment = card_payment_prepare(order_id=order.pk)
    except PaymentError as error:
        context["error"] = str(error)
        return render(request, "shop/order_pay.html", context, status=409)
    except stripe.StripeError:
        logger.exception("Stripe refused to create a payment for %s", order.number)
        context["error"] = "stripe"
        return render(request, "shop/order_pay.html", context, status=502)
    return_url = request.build_absolute_uri(
        reverse("shop:order_payment_return", kwargs={"number": order.number})
        + f"?token={order.access_token}"
    )
    context.update(
        payment=payment,
        stripe_js_url=settings.STRIPE_JS_URL,
        publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
        return_url=return_url,
    )
    return render(request, "shop/order_pay.html", context)


def order_payment_return(request, number):
    """Where Stripe sends the buyer back: shows the real state, read from
    Stripe, through the same code path as the webhook."""
    order = _order_for(request, number)
    payment = order.payments.filter(provider="stripe").first()
    if payment is not None and payment.status not in {
        PaymentStatus.SUCCEEDED,
        PaymentStatus.FLAGGED,
    }:
        try:
            payment = payment_intent_apply(
                stripe_gateway.intent_retrieve(payment.reference).to_dict()
            )
        except stripe.StripeError:
            logger.exception("could not read payment %s", payment.reference)
    order.refresh_from_db()
    if order.status == OrderStatus.PAID or (
        payment is not None and payment.status == PaymentStatus.SUCCEEDED
    ):
        state = "paid"
    elif payment is not None and payment.status == PaymentStatus.PROCESSING:
        state = "processing"
    else:
        state = "failed"
    return render(
        request,
        "shop/order_payment_return.html",
        {"order": order, "state": state, "token": request.GET.get("token", "")},
    )


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise Http404
    try:
        event = stripe_gateway.event_verify(
            request.body, request.META.get("HTTP_STRIPE_SIGNATURE")
        )
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid signature")
    if not stripe_gateway.event_well_formed(event):
        return HttpResponseBadRequest("malformed event")
    result = stripe_event_process(event)
    return HttpResponse(result)


def _with_token(name: str, order, **query) -> str:
    url = reverse(name, kwargs={"number": order.number})
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    return f"{url}?token={order.access_token}{extra}"


@never_cache
def cmi_pay(request, number):
    """The page that sends the buyer to the CMI's secure page: a form of
    signed fields posted to the gateway (the card is typed there, never
    here). Only this page may post a form to the gateway's address."""
    order = _order_for(request, number)
    try:
        cmi_payment_prepare(order_id=order.pk)
    except PaymentError:
        return redirect(_with_token("shop:cmi_return", order))
    absolute = request.build_absolute_uri
    fields = cmi.form_fields(
        order,
        ok_url=absolute(_with_token("shop:cmi_return", order)),
        fail_url=absolute(_with_token("shop:cmi_return", order, outcome="fail")),
        callback_url=absolute(reverse("cmi_callback")),
        shop_url=absolute(_with_token("shop:order_detail", order)),
    )
    response = render(
        request,
        "shop/cmi_pay.html",
        {
            "order": order,
            "token": order.access_token,
            "gateway_url": settings.CMI_GATEWAY_URL,
            "fields": sorted(fields.items()),
        },
    )
    gateway = urlsplit(settings.CMI_GATEWAY_URL)
    response._csp_update = {"form-action": [f"{gateway.scheme}://{gateway.netloc}"]}
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def cmi_return(request, number):
    """okUrl and failUrl: the gateway sends the buyer back here with a form
    (a cross-site POST, hence no CSRF token). What it posts is not read:
    the buyer is redirected to the same address, which shows the state the
    callback recorded."""
    order = _order_for(request, number)
    if request.method == "POST":
        return redirect(request.get_full_path(), permanent=False)
    state, reason = cmi_return_state(order)
    if state == "pending" and request.GET.get("outcome") == "fail":
        # The browser's word is trusted for "not paid" only, which the
        # order already shows; no callback has said more yet.
        state, reason = "failed", ""
    return render(
        request,
        "shop/cmi_return.html",
        {
            "order": order,
            "token": order.access_token,
            "state": state,
            "reason": reason,
        },
    )


@require_POST
def cmi_pay_cash(request, number):
    """The buyer gives up the card and pays cash on delivery instead."""
    order = _order_for(request, number)
    try:
        cmi_order_pay_cash_instead(order_id=order.pk)
    except PaymentError as error:
        messages.error(request, str(error))
        return redirect(_with_token("shop:cmi_return", order))
    messages.success(
        request, _("Noted: you will pay in cash when your order is delivered.")
    )
    return redirect(_with_token("shop:order_detail", order))


@csrf_exempt
@require_POST
def cmi_callback(request):
    """The gateway's word, server to server: answered in its own terms
    (ACTION=POSTAUTH, APPROVED or FAILURE), never with an error page."""
    if not cmi.is_configured():
        raise Http404
    try:
        fields = cmi.callback_verify(request.POST)
    except cmi.CallbackRejected as error:
        logger.warning("CMI callback refused: %s", error)
        answer = cmi.FAILURE
    else:
        try:
            answer = cmi_callback_process(fields)
        except Exception:  # the gateway gets FAILURE, staff get the trace
            logger.exception("CMI callback for %r failed", fields["oid"][:40])
            answer = cmi.FAILURE
    return HttpResponse(answer, content_type="text/plain; charset=utf-8")
