"""The production stack on one machine (scripts/stack.py), for real:
PostgreSQL, Redis, gunicorn with two workers and the task worker, with the
production settings. A visitor orders over HTTP; the confirmation email is
sent by the worker, not by the request; the page cache answers and is
emptied by the sale."""

import http.cookiejar
import json
import os
import re
import shutil
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from stack import Stack, _pg_bin  # noqa: E402

pytestmark = [
    pytest.mark.stack,
    # One worker runs both tests (make test runs pytest on two processes):
    # the module's stack starts once.
    pytest.mark.xdist_group("stack"),
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="runs once, in the SQLite pass: it starts its own PostgreSQL",
    ),
]


def _services_missing() -> str | None:
    if not shutil.which("redis-server"):
        return "redis-server"
    try:
        _pg_bin()
    except SystemExit:
        return "postgresql"
    return None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self.opener.open(self.base + path, body, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx and 4xx land here
            response = error
        return response.status, dict(response.headers), response.read().decode()

    def token(self) -> str:
        status, _headers, body = self.request("/fr/cart/status/")
        assert status == 200
        return json.loads(body)["csrf_token"]


@pytest.fixture(scope="module")
def stack():
    missing = _services_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} must be installed in CI (.ci/run does it)")
        pytest.skip(f"{missing} is not installed")
    with Stack(workers=2, season=False) as running:
        yield running


def test_health_and_page_cache_on_the_stack(stack):
    visitor = Visitor(stack.url)

    status, _headers, body = visitor.request("/healthz")
    first = visitor.request("/fr/")
    second = Visitor(stack.url).request("/fr/")

    assert status == 200 and json.loads(body) == {"database": "ok", "cache": "ok"}
    assert first[1]["X-Page-Cache"] == "miss"
    assert second[1]["X-Page-Cache"] == "hit"
    assert "Content-Security-Policy" in second[1]


def test_an_order_over_http_is_confirmed_by_the_task_worker(stack):
    visitor = Visitor(stack.url)
    _status, _headers, catalogue = visitor.request("/fr/produits/")
    product_url = re.search(r'href="(/fr/produits/[^"?]+/)"', catalogue).group(1)
    visitor.request(product_url)
    _status, headers, product = visitor.request(product_url)
    assert headers["X-Page-Cache"] == "hit"
    sku = re.search(r'name="sku" value="([^"]+)"', product).group(1)

    added = visitor.request(
        "/fr/cart/add/",
        {"sku": sku, "quantity": 1, "csrfmiddlewaretoken": visitor.token()},
    )
    _status, _headers, checkout = visitor.request("/fr/checkout/")
    # Try the delivery methods in turn: not every one serves Rabat.
    for delivery in re.findall(r'name="delivery_method" value="(\d+)"', checkout):
        details = visitor.request(
            "/fr/checkout/",
            {
                "csrfmiddlewaretoken": visitor.token(),
                "email": "amina@example.ma",
                "phone": "0612345678",
                "full_name": "Amina Alaoui",
                "country": "MA",
                "province": "MA-RAB",
                "city": "Rabat",
                "address_line": "12 rue Oued Sebou, Agdal",
                "postal_code": "10090",
                "delivery_method": delivery,
                "payment_method": "cod",
            },
        )
        if details[0] == 302:
            break
    review = visitor.request("/fr/checkout/review/")[2]
    one_time = re.search(r'name="checkout_token" value="([^"]+)"', review)
    assert one_time, review[:2000]
    placed = visitor.request(
        "/fr/checkout/review/",
        {
            "csrfmiddlewaretoken": visitor.token(),
            "accept_terms": "on",
            "checkout_token": one_time.group(1),
        },
    )

    assert added[0] == 302 and details[0] == 302, details[2][:2000]
    assert placed[0] == 302 and "/fr/orders/" in placed[1]["Location"]
    number = placed[1]["Location"].split("/fr/orders/")[1].split("/")[0]
    # The request only queued the email; the worker process sends it.
    deadline = time.monotonic() + 30
    sent = []
    while not sent and time.monotonic() < deadline:
        sent = [
            path
            for path in stack.mail_dir.glob("*.log")
            if number in path.read_text(errors="replace")
        ]
        time.sleep(0.3)
    assert sent, "no confirmation email written by the task worker"
    # Stock moved: the product page is rendered again, not served stale.
    assert Visitor(stack.url).request(product_url)[1]["X-Page-Cache"] == "miss"
