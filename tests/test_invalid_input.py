"""No input makes a 500: invalid characters in paths, query strings and form
fields get a 400 from one place (storefront.middleware), and the Stripe
webhook answers 400 to signed events it cannot use. Runs on PostgreSQL in
CI, where a NUL byte that reached a query used to make a 500."""

import json
import time

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from shop.models import ProviderEvent
from shop.tests.stripe_fakes import event, sign

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"
BAD = ["\x00", "\x01", "\x1b", "\x7f"]


def public_paths():
    """One concrete path per URL pattern of the site, with a bad character
    where a parameter goes (patterns without one get it appended)."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                paths.append(prefix + route)

    walk(get_resolver().url_patterns, "/")
    return sorted(set(paths))


def test_every_url_pattern_answers_400_to_a_nul_in_its_path(client):
    checked = 0
    for route in public_paths():
        concrete = (
            route.replace("^", "")
            .replace("$", "")
            .replace("<int:pk>", "1")
            .replace("<int:page_id>", "1")
        )
        for char in BAD[:2]:
            path = concrete.split("<", 1)[0] + "x" + char + "y/"
            path = path.replace("fr/", "fr/").replace("//", "/")
            response = client.get(path)
            assert response.status_code == 400, (path, response.status_code)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("char", BAD)
@pytest.mark.parametrize(
    "path",
    ["/fr/", "/ar/produits/", "/fr/search/", "/fr/cart/", "/lot/ABC/"],
)
def test_a_bad_character_in_the_query_string_is_400(client, path, char):
    response = client.get(path, {"q": f"miel{char}", "page": "1"})
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]


@pytest.mark.parametrize("char", BAD)
def test_a_bad_character_in_a_form_field_is_400_and_writes_nothing(client, char):
    from shop.models import Cart

    response = client.post("/fr/cart/add/", {"sku": f"A{char}B", "quantity": "1"})
    assert response.status_code == 400
    assert not Cart.objects.exists()


def test_the_400_page_speaks_the_paths_language(client):
    arabic = client.get("/ar/search/", {"q": "\x00"}).content.decode()
    french = client.get("/fr/search/", {"q": "\x00"}).content.decode()
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    assert 'lang="fr"' in french


def test_line_breaks_and_tabs_in_a_form_are_not_refused(client):
    response = client.post("/fr/cart/add/", {"sku": "NOPE", "quantity": "1\r\n\t"})
    assert response.status_code != 400


def deliver(client, payload, *, timestamp=None, raw=None):
    raw = raw if raw is not None else json.dumps(payload).encode()
    return client.post(
        WEBHOOK,
        data=raw,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(raw, settings.STRIPE_WEBHOOK_SECRET, timestamp),
    )


MALFORMED = {
    "data object a string": {"id": "evt_1", "type": "x", "data": {"object": "s"}},
    "no id": {"type": "payment_intent.succeeded", "data": {"object": {"id": "pi"}}},
    "empty id": {"id": "", "type": "x", "data": {"object": {"id": "pi"}}},
    "no data": {"id": "evt_2", "type": "payment_intent.succeeded"},
    "object without id": event("payment_intent.succeeded", {"amount": 5}),
    "nul in a value": event("payment_intent.succeeded", {"id": "pi_\u0000"}),
    "nul in a key": event("refund.updated", {"id": "re_1", "m\u0000": 1}),
    "amount a string": event("payment_intent.succeeded", {"id": "pi", "amount": "9"}),
    "currency a number": event("payment_intent.succeeded", {"id": "pi", "currency": 5}),
    "metadata a list": event("refund.updated", {"id": "re_1", "metadata": []}),
    "refunds not a list": event(
        "charge.refunded", {"id": "ch_1", "refunds": {"data": "x"}}
    ),
    "a list": [1, 2],
    "id too long": event("x", {"id": "pi"}, event_id="e" * 300),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_signed_but_malformed_event_is_400_and_stores_nothing(client, case):
    response = deliver(client, MALFORMED[case])
    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()


def test_a_body_that_is_not_json_is_400(client):
    assert deliver(client, None, raw=b"\xff\xfe not json").status_code == 400


def test_a_signature_from_the_future_is_refused(client):
    ahead = int(time.time()) + settings.STRIPE_WEBHOOK_TOLERANCE + 600
    payload = event("payment_intent.created", {"id": "pi_future"})
    assert deliver(client, payload, timestamp=ahead).status_code == 400
    assert not ProviderEvent.objects.exists()
    # Within the tolerance, a clock a little ahead is fine.
    payload = event("payment_intent.created", {"id": "pi_now"})
    assert deliver(client, payload, timestamp=int(time.time()) + 5).status_code == 200
