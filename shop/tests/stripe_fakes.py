"""A stand-in for Stripe's HTTP API, injected into the stripe library, and the
signing of webhook payloads exactly as Stripe signs them."""

import hashlib
import hmac
import itertools
import json
import time
from urllib.parse import parse_qs, urlparse

import stripe

_ids = itertools.count(1)


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for `payload`: t=...,v1=HMAC-SHA256."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(kind: str, obj: dict, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_{next(_ids)}",
        "object": "event",
        "type": kind,
        "data": {"object": obj},
    }


def intent(reference: str, *, amount: int, status: str, currency="mad") -> dict:
    return {
        "id": reference,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount if status == "succeeded" else 0,
        "currency": currency,
        "status": status,
        "client_secret": f"{reference}_secret_x",
    }


class FakeStripeHTTP(stripe.HTTPClient):
    """Answers payment intent and refund calls; the same idempotency key
    gives back the same object, as Stripe does. `fail_first` simulates that
    many timeouts before answering."""

    name = "fake"

    def __init__(self, fail_first: int = 0):
        super().__init__()
        self.calls: list[dict] = []
        self.by_key: dict[str, dict] = {}
        self.intents: dict[str, dict] = {}
        self.fail_first = fail_first

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        headers = dict(headers or {})
        params = {k: v[0] for k, v in parse_qs(post_data or "").items()}
        self.calls.append(
            {
                "method": method,
                "path": urlparse(url).path,
                "headers": headers,
                "params": params,
            }
        )
        if self.fail_first:
            self.fail_first -= 1
            raise stripe.APIConnectionError("simulated timeout", should_retry=True)
        path = urlparse(url).path
        key = headers.get("Idempotency-Key")
        if method == "post" and key in self.by_key:
            return json.dumps(self.by_key[key]), 200, {}
        if method == "post" and path == "/v1/payment_intents":
            reference = f"pi_{next(_ids)}"
            obj = intent(
                reference,
                amount=int(params["amount"]),
                status="requires_payment_method",
                currency=params["currency"],
            )
            self.intents[reference] = obj
        elif method == "post" and path == "/v1/refunds":
            obj = {
                "id": f"re_{next(_ids)}",
                "object": "refund",
                "amount": int(params["amount"]),
                "payment_intent": params["payment_intent"],
                "status": "succeeded",
            }
        elif method == "get" and path.startswith("/v1/payment_intents/"):
            obj = self.intents[path.rsplit("/", 1)[1]]
            return json.dumps(obj), 200, {}
        else:
            return json.dumps({"error": {"message": "not faked"}}), 400, {}
        if key:
            self.by_key[key] = obj
        return json.dumps(obj), 200, {}

    def mutating_calls(self) -> list[dict]:
        return [call for call in self.calls if call["method"] == "post"]

    def close(self):
        pass
