"""The only module that talks to Stripe. Every call that changes something
carries an idempotency key derived from our own ids, so a retry (the library's
after a timeout, or ours after a crash) never charges or refunds twice."""

import stripe
from django.conf import settings

# Tests inject a stripe.HTTPClient here; None means the library's default.
http_client = None


def client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        http_client=http_client,
        max_network_retries=2,
    )


def intent_key(order) -> str:
    return f"tadamon-order-{order.pk}-intent"


def intent_create(order) -> stripe.PaymentIntent:
    return client().v1.payment_intents.create(
        {
            "amount": order.total,
            "currency": "mad",
            "payment_method_types": ["card"],
            "metadata": {"order_number": order.number, "order_id": str(order.pk)},
        },
        {"idempotency_key": intent_key(order)},
    )


def intent_retrieve(reference: str) -> stripe.PaymentIntent:
    # With its charge's balance transaction: the fee Stripe actually kept.
    return client().v1.payment_intents.retrieve(
        reference, {"expand": ["latest_charge.balance_transaction"]}
    )


def refund_create(
    *,
    intent_reference: str,
    amount: int,
    key: str,
    refund_id: int | None = None,
    attempt: int = 0,
) -> stripe.Refund:
    params = {"payment_intent": intent_reference, "amount": amount}
    if refund_id is not None:
        # Events about this refund can arrive before our call returns: they
        # find our refund by this, not by the reference we have yet to store.
        params["metadata"] = {
            "tadamon_refund": str(refund_id),
            "tadamon_attempt": str(attempt),
        }
    return client().v1.refunds.create(params, {"idempotency_key": key})


def event_verify(payload: bytes, signature: str | None) -> dict:
    """The event, if `signature` signs `payload` with our secret recently
    enough; raises ValueError or stripe.SignatureVerificationError if not."""
    if not signature:
        raise ValueError("no Stripe-Signature header")
    event = stripe.Webhook.construct_event(
        payload,
        signature,
        settings.STRIPE_WEBHOOK_SECRET,
        tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
    )
    return event.to_dict()
