"""The only module that talks to Stripe. Every call that changes something
carries an idempotency key derived from our own ids, so a retry (the library's
after a timeout, or ours after a crash) never charges or refunds twice."""

import json
import time

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
    """The event's JSON, if `signature` signs `payload` with our secret
    recently enough; raises ValueError (json's errors are ValueErrors too)
    or stripe.SignatureVerificationError if not."""
    if not signature:
        raise ValueError("no Stripe-Signature header")
    stripe.WebhookSignature.verify_header(
        payload,
        signature,
        settings.STRIPE_WEBHOOK_SECRET,
        tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
    )
    # The library refuses signatures too old; one dated too far ahead is
    # refused here (a replay prepared in advance, or a wrong clock).
    if signed_at(signature) > time.time() + settings.STRIPE_WEBHOOK_TOLERANCE:
        raise ValueError("signature timestamp in the future")
    # Parsed here, not by the library's event builder, which fails on a
    # signed body that is JSON but not an object: `event_well_formed` judges.
    return json.loads(payload)


def signed_at(signature: str) -> int:
    """The `t=` timestamp of a Stripe-Signature header (checked by the
    library before this is called)."""
    for item in signature.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            return int(value)
    raise ValueError("no timestamp in the signature")


# The types of the fields we read in the objects Stripe sends (payment
# intents, refunds, charges); a field may be absent or null.
_FIELD_TYPES = {
    "id": str,
    "amount": int,
    "amount_received": int,
    "currency": str,
    "status": str,
    "metadata": dict,
    "payment_intent": str,
    "refunds": dict,
    "created": int,
}


def _typed(obj: dict) -> bool:
    for name, kind in _FIELD_TYPES.items():
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return False
    return True


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def event_well_formed(event) -> bool:
    """A signed event we can store and act on: an id, a type, a data object
    with an id, the fields we read of the types we expect, and no NUL
    character (PostgreSQL cannot store one in JSON text)."""
    if not isinstance(event, dict) or _has_nul(event):
        return False
    event_id, data = event.get("id"), event.get("data")
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 255:
        return False
    if not isinstance(event.get("type"), str) or not _typed(event):
        return False
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        return False
    obj = data["object"]
    if not isinstance(obj.get("id"), str) or not _typed(obj):
        return False
    refunds = (obj.get("refunds") or {}).get("data", [])
    return isinstance(refunds, list) and all(
        isinstance(refund, dict) and _typed(refund) for refund in refunds
    )
