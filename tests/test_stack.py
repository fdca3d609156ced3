"""The production stack on one machine (scripts/stack.py), for real:
PostgreSQL, Redis, nginx in front of two gunicorn nodes of two workers each,
and the task worker, with the production settings. A visitor orders over
HTTP; the confirmation email is sent by the worker, not by the request; the
page cache answers and is emptied by the sale. nginx serves images and
static files with their cache lifetimes and compresses pages; a buyer whose
requests alternate between the two nodes keeps session, cart and order."""

import gzip
import http.cookiejar
import json
import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from stack import Stack, _pg_bin, nginx_bin  # noqa: E402

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
    if not nginx_bin():
        return "nginx"
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


class Alternating(Visitor):
    """One buyer, one cookie jar, each request sent to the next node in
    turn: nothing of the visit may live in one node's memory."""

    def __init__(self, bases: list[str]):
        super().__init__(bases[0])
        self.bases = bases
        self.served_by: list[str] = []

    def request(self, path: str, data: dict | None = None):
        self.base = self.bases[len(self.served_by) % len(self.bases)]
        self.served_by.append(self.base)
        return super().request(path, data)


def fetch(url: str, headers: dict | None = None):
    """Status, headers and the body as sent (urllib does not decompress)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        response = urllib.request.urlopen(request, timeout=30)  # noqa: S310
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read()


def place_order(visitor: Visitor):
    """Checkout of the visitor's cart, cash on delivery to Rabat: the
    details step (with the first delivery method that serves Rabat), then
    the review. Returns the details' and the review's answers."""
    _status, _headers, checkout = visitor.request("/fr/checkout/")
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
                "privacy_consent": "on",
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
    return details, placed


@pytest.fixture(scope="module")
def stack():
    missing = _services_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} must be installed in CI (.ci/run does it)")
        pytest.skip(f"{missing} is not installed")
    with Stack(workers=2, nodes=2, season=False) as running:
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
    status = json.loads(visitor.request(f"/fr/cart/status/?sku={sku}")[2])
    units_before = status["stock"][sku]["units"]

    added = visitor.request(
        "/fr/cart/add/",
        {"sku": sku, "quantity": 1, "csrfmiddlewaretoken": visitor.token()},
    )
    details, placed = place_order(visitor)

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
    # Stock moved, the variant is not sold out: the product page stays
    # cached, and the status request brings the new figure.
    assert Visitor(stack.url).request(product_url)[1]["X-Page-Cache"] == "hit"
    status = json.loads(Visitor(stack.url).request(f"/fr/cart/status/?sku={sku}")[2])
    assert status["stock"][sku]["units"] == units_before - 1


def test_nginx_serves_images_static_files_and_compressed_pages(stack):
    node = stack.node_urls[0]
    catalogue = Visitor(stack.url).request("/fr/produits/")[2]
    product_url = re.search(r'href="(/fr/produits/[^"?]+/)"', catalogue).group(1)
    product = Visitor(stack.url).request(product_url)[2]
    image = re.search(r'"(/media/images/[^"\s,]+\.webp)', product).group(1)
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', product).group(1)

    health = fetch(stack.url + "/healthz")
    picture = fetch(stack.url + image)
    css = fetch(stack.url + stylesheet, {"Accept-Encoding": "gzip"})
    page = fetch(stack.url + "/fr/", {"Accept-Encoding": "gzip"})
    plain = fetch(stack.url + "/fr/")

    # Plain HTTP health check, answered by a node through nginx.
    assert health[0] == 200 and json.loads(health[2])["database"] == "ok"
    assert health[1]["Server"] == "nginx"
    # The rendition the page asked for, written by a node into the shared
    # media folder, served from disk by nginx for a month (the nodes
    # themselves serve no media under the production settings).
    assert picture[0] == 200 and picture[1]["Content-Type"] == "image/webp"
    assert picture[2][:4] == b"RIFF" and picture[2][8:12] == b"WEBP"
    assert picture[1]["Cache-Control"] == "max-age=2592000"
    expires = picture[1].get_all("Expires")
    assert (
        expires
        and time.mktime(time.strptime(expires[0], "%a, %d %b %Y %H:%M:%S GMT"))
        - time.mktime(time.gmtime())
        > 29 * 86400
    )
    assert (stack.media_root / image.removeprefix("/media/")).is_file()
    assert fetch(node + image)[0] == 404
    # Hashed static files: a year, never revalidated, sent compressed.
    assert css[0] == 200 and re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)
    assert css[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert css[1]["Content-Encoding"] == "gzip"
    assert b"{" in gzip.decompress(css[2])
    # Pages compressed for whoever accepts it, and only for them.
    assert page[0] == 200 and page[1]["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page[1]["Vary"]
    assert b"<html" in gzip.decompress(page[2])
    assert plain[0] == 200 and plain[1]["Content-Encoding"] is None
    assert b"<html" in plain[2]
    # Documents go through Wagtail's view, which checks collection privacy.
    assert fetch(stack.url + "/media/documents/any.pdf")[0] == 404


def test_a_buyer_alternating_between_nodes_keeps_session_cart_and_order(stack):
    node_a, node_b = stack.node_urls
    reader = Visitor(node_b)
    catalogue = reader.request("/fr/produits/")[2]
    links = re.findall(r'href="(/fr/produits/[^"?]+/)"', catalogue)
    # From the end of the catalogue (the other test buys its first product):
    # the first product still on sale, to be sold out.
    for product_url in reversed(list(dict.fromkeys(links))):
        on_sale = re.search(
            r'name="sku" value="([^"]+)"', reader.request(product_url)[2]
        )
        if on_sale:
            break
    sku = on_sale.group(1)
    _status, cached, _body = reader.request(product_url)
    assert cached["X-Page-Cache"] == "hit"

    buyer = Alternating([node_a, node_b])
    # More than is left: the cart takes all that can be sold.
    added = buyer.request(
        "/fr/cart/add/",
        {"sku": sku, "quantity": 99, "csrfmiddlewaretoken": buyer.token()},
    )
    in_cart = json.loads(buyer.request("/fr/cart/status/")[2])["count"]
    details, placed = place_order(buyer)
    # The order page, with the guest's token the redirect carries.
    location = urllib.parse.urlsplit(placed[1]["Location"])
    order_path = f"{location.path}?{location.query}"
    number = location.path.split("/fr/orders/")[1].split("/")[0]
    order_page = buyer.request(order_path)
    after = json.loads(buyer.request("/fr/cart/status/")[2])
    _status, fresh, product_now = reader.request(product_url)

    assert {node_a, node_b} == set(buyer.served_by) and len(buyer.served_by) > 8
    assert added[0] == 302 and in_cart >= 1
    assert details[0] == 302 and placed[0] == 302, details[2][:2000]
    assert order_page[0] == 200 and number in order_page[2]
    assert after["count"] == 0
    # Sold out by an order placed across both nodes: node B does not serve
    # the page it had cached, and offers the variant no more.
    assert fresh["X-Page-Cache"] == "miss"
    assert f'name="sku" value="{sku}"' not in product_now
