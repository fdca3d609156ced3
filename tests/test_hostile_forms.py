"""Hostile input in every field of every form of ours, and in the query
strings of every page that lists or filters, for each role: no answer is a
5xx, and a submission carrying a value no field accepts writes nothing.

The demo (without its season) is loaded once for the module inside a
transaction rolled back at the end; each page's test runs in a savepoint
of it. The forms are read from the pages themselves (tests/hostile.py), so
a form added to one of these pages is tried without changing this file.
Runs on SQLite and on PostgreSQL, where an integer beyond the column's
range used to make a 500."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from tests import hostile
from tests.hostile import INVALID, LONG, MISSING, OVERFLOW, QUERY, UNKNOWN

# One worker runs the whole module: the demo is loaded once, not per worker.
pytestmark = pytest.mark.xdist_group("hostile")


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, a consumer with an order and a cart, a quote, a point-of-sale
    session: the ids the pages below need."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PAGE_CACHE_SECONDS=0,
        ),
        transaction.atomic(),
    ):
        call_command("load_demo", "--without-season", stdout=_Null())
        ids = _build()
        yield ids
        transaction.set_rollback(True)


def _build() -> dict:
    from django.contrib.auth.models import Group

    from cms.models import ProductIndexPage, ProductPage
    from cooperatives.coverage import Member
    from cooperatives.models import Cooperative
    from pos.services import pos_session_open
    from shop.models import (
        Consignment,
        DeliveryMethod,
        Lot,
        Order,
        PooledCost,
        PurchasingRound,
        RoundStatus,
        SalesSession,
        Variant,
    )
    from shop.tests.business import business_order
    from shop.tests.consumer_fixtures import deliver
    from trade.models import BusinessAccount, PriceListItem
    from trade.services import quote_request, quote_send

    User = get_user_model()
    ids: dict = {}
    consumer = User.objects.create_user(
        username="hostile@example.ma", email="hostile@example.ma", password="x" * 20
    )
    client = Client()
    client.force_login(consumer)
    variant = Variant.objects.filter(stock__gt=5).order_by("pk").first()
    client.post("/fr/cart/add/", {"sku": variant.sku, "quantity": 1})
    details = {
        "email": consumer.email,
        "phone": "06 12 34 56 78",
        "full_name": "Amina Alaoui",
        "country": "MA",
        "province": "MA-RAB",
        "city": "Rabat",
        "address_line": "12 rue Oued Sebou, Agdal",
        "postal_code": "10090",
        "payment_method": "cod",
        "discount_code": "",
        "privacy_consent": "on",
    }
    for method in DeliveryMethod.objects.filter(is_active=True).order_by("pk"):
        details["delivery_method"] = str(method.pk)
        if client.post("/fr/checkout/", details).status_code == 302:
            break
    client.get("/fr/checkout/review/")
    token = client.session.get("checkout_token", "")
    client.post("/fr/checkout/review/", {"accept_terms": "on", "checkout_token": token})
    order = Order.objects.filter(email=consumer.email).get()
    deliver(order)
    ids["order"] = order.number
    client.post("/fr/cart/add/", {"sku": variant.sku, "quantity": 1})
    ids["consumer"] = consumer.pk
    ids["product"] = ProductPage.objects.live().order_by("path").first().url
    ids["catalogue"] = ProductIndexPage.objects.live().order_by("path").first().url

    account = BusinessAccount.objects.order_by("pk").first()
    ids["business"] = account.applicant_id
    item = PriceListItem.objects.filter(group=account.group).order_by("pk").first()
    quote = quote_request(
        account=account,
        user=account.applicant,
        rows=[(item.variant.sku, item.minimum_quantity)],
        token="hostile-quote",
        language="fr",
    )
    quote_send(quote_id=quote.pk)
    ids["quote"] = quote.number
    ids["quote_pk"] = quote.pk
    ids["account_pk"] = account.pk

    cooperative = Cooperative.objects.order_by("slug").first()
    ids["member"] = User.objects.get(username=cooperative.slug).pk
    ids["roster_member"] = (
        Member.objects.filter(cooperative=cooperative).order_by("pk").first().pk
    )
    staff = User.objects.get(username="staff")
    ids["staff"] = staff.pk
    assert staff.groups.filter(name="Foundation staff").exists()
    assert Group.objects.get(name="Foundation staff")
    ids["admin"] = User.objects.get(username="admin").pk
    session = pos_session_open(
        channel="fair", place="Foire", date=timezone.localdate(), user=staff
    )
    ids["pos_session"] = session.pk
    ids["lot"] = Lot.objects.order_by("pk").first().pk
    ids["order_pk"] = order.pk
    ids["business_order"] = business_order((variant, 2)).pk
    first = {
        "round": PurchasingRound.objects.filter(status=RoundStatus.OPEN)
        .order_by("pk")
        .first(),
        "consignment": Consignment.objects.order_by("pk").first(),
        "pooled": PooledCost.objects.order_by("pk").first(),
        "sales_session": SalesSession.objects.order_by("pk").first(),
    }
    for key, obj in first.items():
        ids[key] = obj.pk if obj else None
    from shop.models import Inspection

    inspection = Inspection.objects.filter(cooperative=cooperative)
    inspection = inspection.order_by("pk").first()
    ids["inspection"] = inspection.pk if inspection else None
    return ids


# (role, path): the pages that hold forms or list things, per role. Paths
# name the world's objects in braces.
PAGES = [
    ("anonymous", "/fr/"),
    ("anonymous", "{product}"),
    ("anonymous", "{catalogue}"),
    ("anonymous", "/fr/search/"),
    ("anonymous", "/ar/search/"),
    ("anonymous", "/fr/cart/"),
    ("anonymous", "/fr/account/login/"),
    ("anonymous", "/fr/account/signup/"),
    ("anonymous", "/fr/account/password-reset/"),
    ("anonymous", "/fr/orders/find/"),
    ("anonymous", "/fr/trade/apply/"),
    ("anonymous", "/fr/portal/login/"),
    ("anonymous", "/fr/portal/password-reset/"),
    ("consumer", "/fr/cart/"),
    ("consumer", "{product}"),
    ("consumer", "/fr/checkout/"),
    ("consumer", "/fr/account/"),
    ("consumer", "/fr/orders/{order}/"),
    ("business", "/fr/trade/"),
    ("business", "/fr/trade/order/"),
    ("business", "/fr/trade/quotes/{quote}/"),
    ("member", "/fr/portal/"),
    ("member", "/fr/portal/sales/"),
    ("member", "/fr/portal/stock/"),
    ("member", "/fr/portal/statements/"),
    ("member", "/fr/portal/purchasing/"),
    ("member", "/fr/portal/purchasing/{round}/"),
    ("member", "/fr/portal/members/"),
    ("member", "/fr/portal/members/{roster_member}/"),
    ("member", "/fr/portal/members/coverage/"),
    ("member", "/fr/portal/quality/"),
    ("member", "/fr/portal/quality/{inspection}/"),
    ("admin", "/fr/pos/sessions/"),
    ("admin", "/fr/pos/sessions/{pos_session}/stock/"),
    ("admin", "/fr/pos/sessions/{pos_session}/close/"),
    ("staff", "/admin/coverage/"),
    ("staff", "/admin/invoices/"),
    ("staff", "/admin/quality/plans/"),
    ("staff", "/admin/quality/due/"),
    ("staff", "/admin/quality/lots/{lot}/inspect/"),
    ("staff", "/admin/purchasing/rounds/{round}/"),
    ("staff", "/admin/orders/"),
    ("staff", "/admin/orders/{order_pk}/"),
    ("staff", "/admin/orders/{business_order}/transfers/"),
    ("staff", "/admin/lots/{lot}/"),
    ("staff", "/admin/statements/"),
    ("staff", "/admin/reports/sales/"),
    ("staff", "/admin/reports/transfers-due/"),
    ("staff", "/admin/reports/lots-expiring/"),
    ("staff", "/admin/reports/certifications-expiring/"),
    ("staff", "/admin/withdrawals/"),
    ("staff", "/admin/pooled-costs/{pooled}/allocate/"),
    ("staff", "/admin/consignments/{consignment}/receive/"),
    ("staff", "/admin/sessions/{sales_session}/"),
    ("admin", "/admin/trade/accounts/{account_pk}/approve/"),
    ("admin", "/admin/trade/quotes/{quote_pk}/send/"),
]


def _client(role: str, world: dict) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(pk=world[role]))
    return client


class Failures(list):
    def add(self, where, response, value="", *, wrote=False):
        status = response.status_code
        if status >= 500 or wrote:
            self.append(
                f"{where} {hostile.label(value)} -> {status}"
                + (" wrote rows" if wrote else "")
            )


def _query_strings(client, path, failures):
    for name, values in QUERY.items():
        for value in values:
            response = client.get(path, {name: value})
            failures.add(f"GET {path}?{name}=", response, value)


def _form_fields(form):
    for field in form.fields:
        yield field.name, field.kind, False
    for name in form.checked:
        yield name, "choice", True


def _fuzz_form(client, form, failures):
    """Each field once per hostile class, the others as the page filled
    them; then every key repeated, then a body that is not UTF-8."""
    tried = 0
    for name, kind, checked in _form_fields(form):
        for value in hostile.hostile_values(name, kind, checked):
            data = form.data()
            if value is MISSING:
                data.pop(name, None)
            else:
                data[name] = value
            invalid = form.method == "post" and (
                (kind in {"number", "date"} and value in INVALID)
                or (kind == "choice" and value in {UNKNOWN, OVERFLOW})
            )
            before = hostile.row_counts() if invalid else None
            response = hostile.submit(client, form, data)
            wrote = invalid and hostile.row_counts() != before
            failures.add(
                f"{form.method.upper()} {form.action} [{name}]",
                response,
                value,
                wrote=wrote,
            )
            tried += 1
    repeated = {
        key: [value, OVERFLOW] if key != "csrfmiddlewaretoken" else value
        for key, value in form.data().items()
    }
    failures.add(
        f"{form.method.upper()} {form.action} [every key twice]",
        hostile.submit(client, form, repeated),
    )
    if form.method == "post":
        body = f"csrfmiddlewaretoken={form.token}&q=\xff\xfe".encode("latin-1")
        body += b"&name=%ff%fe%c0%af"
        response = client.generic(
            "POST",
            form.action,
            body,
            content_type="application/x-www-form-urlencoded",
        )
        failures.add(f"POST {form.action} [invalid UTF-8 body]", response)
    return tried + 2


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "path"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_no_hostile_value_makes_a_500(world, role, path):
    try:
        url = path.format(**world)
    except KeyError:  # pragma: no cover - every key is built above
        raise
    if "None" in url:
        pytest.skip(f"the demo has no object for {path}")
    client = _client(role, world)
    failures = Failures()
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    forms = hostile.forms_of(page.content.decode(), url)
    tried = 0
    for form in forms:
        tried += _fuzz_form(client, form, failures)
    _query_strings(client, url, failures)
    print(f"{role} {url}: {len(forms)} forms, {tried} submissions")
    assert not failures, "\n".join(failures)


def test_the_long_value_is_beyond_every_max_length():
    assert len(LONG) == 100_000


# The JSON endpoints: the point of sale's sync (the one that writes), the
# places search and the cart's status (which read).
DEVICE = "6f1c1b5e-8d7a-4f3e-9a51-0c2b3d4e5f60"
SALE = {
    "id": "0b7e3f5a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
    "receipt_number": 1,
    "made_at": "2026-05-01T10:00:00+00:00",
    "payment_method": "cash",
    "cash_received": 0,
    "lines": [{"lot": 1, "quantity": 1}],
}


def _nested(depth: int):
    body = "[" * depth + "]" * depth
    return body.encode()


SYNC_REFUSED = {
    "not JSON": b"{nope",
    "invalid UTF-8": b'{"device": "\xff\xfe"}',
    "a list": b"[1, 2]",
    "a number": b"99999999999999999999",
    "no device": json.dumps({"sales": []}).encode(),
    "device a number": json.dumps({"device": 1, "sales": []}).encode(),
    "sales an object": json.dumps({"device": DEVICE, "sales": {}}).encode(),
    "sales missing": json.dumps({"device": DEVICE}).encode(),
    "deeply nested": _nested(100_000),
    "2 MB": json.dumps(
        {"device": DEVICE, "sales": [], "pad": "x" * 2_000_000}
    ).encode(),
    "NaN": b'{"device": NaN}',
}
SALE_REFUSED = {
    "receipt beyond integer": {"receipt_number": 2**31},
    "receipt huge": {"receipt_number": 10**400},
    "receipt a float": {"receipt_number": 1e308},
    "receipt a string": {"receipt_number": "1"},
    "cash negative": {"cash_received": -1},
    "cash huge": {"cash_received": 99999999999999999999},
    "quantity zero": {"lines": [{"lot": 1, "quantity": 0}]},
    "quantity negative": {"lines": [{"lot": 1, "quantity": -1}]},
    "quantity true": {"lines": [{"lot": 1, "quantity": True}]},
    "lot huge": {"lines": [{"lot": 99999999999999999999, "quantity": 1}]},
    "lines empty": {"lines": []},
    "lines a string": {"lines": "x"},
    "line a list": {"lines": [[1, 1]]},
    "made_at invalid": {"made_at": "2026-02-30T10:00:00"},
    "made_at far": {"made_at": "99999-01-01T00:00:00"},
    "method unknown": {"payment_method": "zzz"},
    "id not a uuid": {"id": "x" * 100_000},
    "reference too long": {"payment_method": "card", "card_reference": "x" * 61},
    "reference bidi": {"payment_method": "card", "card_reference": "\u202e" + "x"},
}


def _sync(client, world, body: bytes):
    return client.post(
        f"/fr/pos/api/sessions/{world['pos_session']}/sync/",
        data=body,
        content_type="application/json",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(SYNC_REFUSED))
def test_a_sync_body_of_the_wrong_shape_is_400_json_and_writes_nothing(world, case):
    client = _client("admin", world)
    before = hostile.row_counts()
    response = _sync(client, world, SYNC_REFUSED[case])
    assert response.status_code == 400, response.status_code
    assert "error" in response.json()
    assert hostile.row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(SALE_REFUSED))
def test_a_sale_with_a_hostile_value_is_rejected_and_writes_nothing(world, case):
    from shop.models import Lot

    client = _client("admin", world)
    sale = {**SALE, "lines": [{"lot": Lot.objects.order_by("pk").first().pk}]}
    sale["lines"][0]["quantity"] = 1
    sale.update(SALE_REFUSED[case])
    body = json.dumps({"device": DEVICE, "sales": [sale]}).encode()
    before = hostile.row_counts()
    response = _sync(client, world, body)
    assert response.status_code == 200, response.status_code
    (result,) = response.json()["results"]
    assert result["status"] == "rejected"
    assert hostile.row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"q": LONG},
        {"q": "\u202emiel"},
        {"q": OVERFLOW},
        {"province": UNKNOWN},
        {"province": OVERFLOW, "q": "rab"},
    ],
    ids=["long", "bidi", "overflow", "province", "province-overflow"],
)
def test_the_places_search_answers_json_to_hostile_queries(world, query):
    response = Client(raise_request_exception=False).get("/fr/checkout/places/", query)
    assert response.status_code in {200, 400}
    assert "results" in response.json()


@pytest.mark.django_db
def test_the_cart_status_answers_json_to_hostile_queries(world):
    client = Client(raise_request_exception=False)
    for query in (
        {"sku": [LONG, OVERFLOW, "\u202e", *[f"S{i}" for i in range(500)]]},
        {"sku": ""},
        {"page": OVERFLOW},
    ):
        response = client.get("/fr/cart/status/", query)
        assert response.status_code == 200
        assert response.json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (OVERFLOW, "/fr/cart/"),  # a bare word was reversed as a URL name: a 500
        ("abc", "/fr/cart/"),
        ("https://evil.example/", "/fr/cart/"),
        ("//evil.example/", "/fr/cart/"),
        ("/fr/produits/", "/fr/produits/"),
    ],
)
def test_the_cart_sends_back_only_to_a_path_of_this_site(world, target, expected):
    from shop.models import Variant

    sku = Variant.objects.filter(stock__gt=5).order_by("pk").first().sku
    client = Client(raise_request_exception=False)
    for url in ("/fr/cart/add/", "/fr/cart/update/"):
        response = client.post(url, {"sku": sku, "quantity": "1", "next": target})
        assert response.status_code == 302, (url, response.status_code)
        # The update sends back to the cart whatever it is given.
        allowed = {expected} if url.endswith("add/") else {expected, "/fr/cart/"}
        assert response["Location"] in allowed
