"""Card payment pages and the Stripe webhook."""

import logging
import secrets

import stripe
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.models import Order, PaymentStatus
from shop.orders.states import OrderStatus
from shop.payments import stripe_gateway
from shop.services.payments import (
    PaymentError,
    card_payment_prepare,
    payment_intent_apply,
    stripe_event_process,
)

logger = logging.getLogger(__name__)


def _order_for(request, number) -> Order:
    order = Order.objects.filter(number=number).first()
    token = request.GET.get("token", "")
    if order is None or not (
        (request.user.is_authenticated and order.user_id == request.user.pk)
        or (token and secrets.compare_digest(token, order.access_token))
    ):
        raise Http404
    return order


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
