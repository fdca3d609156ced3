import json
import uuid

import pytest
from django.test import Client

from pos.models import CashCount, PosSession, Sale
from shop.models import LedgerEntry, Lot, Order

pytestmark = pytest.mark.django_db


def sync_url(session, language="fr"):
    return f"/{language}/pos/api/sessions/{session.pk}/sync/"


def a_sale(lot, *, receipt=1, quantity=1, **extra):
    return {
        "id": str(uuid.uuid4()),
        "receipt_number": receipt,
        "made_at": "2026-05-02T10:15:00+01:00",
        "language": "ar",
        "payment_method": "cash",
        "cash_received": 20000,
        "lines": [{"lot": lot.pk, "quantity": quantity}],
        **extra,
    }


def post(client, session, body, **headers):
    return client.post(
        sync_url(session),
        data=body if isinstance(body, str | bytes) else json.dumps(body),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def seller_client(seller):
    client = Client()
    client.force_login(seller)
    return client


def test_the_app_is_for_sellers_only(client, fair, seller, django_user_model):
    assert client.get("/fr/pos/").status_code == 302  # to the login page
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    client.force_login(nobody)
    assert client.get("/fr/pos/").status_code == 403
    session, honey_lot, _oil = fair
    response = post(client, session, {"device": str(uuid.uuid4()), "sales": []})
    assert response.status_code == 403
    assert client.get(f"/fr/pos/api/sessions/{session.pk}/").status_code == 403
    client.force_login(seller)
    page = client.get("/ar/pos/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'dir="rtl"' in html and "/ar/pos/manifest.webmanifest" in html


def test_anonymous_sync_is_refused_and_writes_nothing(client, fair):
    session, honey_lot, _oil = fair
    response = post(
        client, session, {"device": str(uuid.uuid4()), "sales": [a_sale(honey_lot)]}
    )
    assert response.status_code == 403 and response.json() == {"error": "login"}
    assert Sale.objects.count() == 0


def test_manifest_and_worker_are_scoped_to_the_point_of_sale(client):
    manifest = client.get("/ar/pos/manifest.webmanifest").json()
    assert manifest["scope"] == manifest["start_url"] == "/ar/pos/"
    assert manifest["display"] == "standalone" and manifest["dir"] == "rtl"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    worker = client.get("/fr/pos/sw.js")
    assert worker["Content-Type"].startswith("application/javascript")
    assert b'const SHELL = "/fr/pos/"' in worker.content


def test_catalogue_lists_the_lots_at_the_place(seller_client, fair):
    session, honey_lot, oil_lot = fair
    data = seller_client.get(f"/fr/pos/api/sessions/{session.pk}/").json()
    items = {item["lot"]: item for item in data["items"]}
    assert items[honey_lot.pk]["at_place"] == 3
    assert items[honey_lot.pk]["price"] == 11500
    assert items[honey_lot.pk]["public_code"] == honey_lot.public_code
    assert set(items[oil_lot.pk]["names"]) == {"ar", "fr", "en"}
    sessions = seller_client.get("/fr/pos/api/sessions/").json()["sessions"]
    assert [s["id"] for s in sessions] == [session.pk]


def test_sync_needs_the_csrf_token(seller, fair):
    session, honey_lot, _oil = fair
    client = Client(enforce_csrf_checks=True)
    client.force_login(seller)
    body = {"device": str(uuid.uuid4()), "sales": [a_sale(honey_lot)]}

    assert post(client, session, body).status_code == 403
    assert Sale.objects.count() == 0

    token = client.get("/fr/pos/api/csrf/").json()["token"]
    response = post(client, session, body, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "accepted"


def test_the_same_batch_twice_makes_no_duplicate(seller_client, fair):
    session, honey_lot, oil_lot = fair
    body = {
        "device": str(uuid.uuid4()),
        "sales": [
            a_sale(honey_lot, receipt=1),
            a_sale(oil_lot, receipt=2, payment_method="card", card_reference="T-88"),
        ],
    }

    first = post(seller_client, session, body).json()["results"]
    again = post(seller_client, session, body).json()["results"]

    assert [r["status"] for r in first] == ["accepted", "accepted"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert [r["order"] for r in again] == [r["order"] for r in first]
    assert Order.objects.count() == 2 and Sale.objects.count() == 2
    assert Lot.objects.get(pk=honey_lot.pk).sold == 1
    assert Sale.objects.get(receipt_number=2).card_reference == "T-88"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"\xff\xfe",
        b"[]",
        b"null",
        b'"sales"',
        b"[" * 5000 + b"]" * 5000,
        b'{"device": "x", "sales": []}',
        b'{"device": 7, "sales": []}',
        json.dumps(
            {"device": "7d3c5a9e-1f0b-4c2a-9e8d-2b6f4a1c0d35", "sales": {"a": 1}}
        ).encode(),
        json.dumps(
            {"device": "7d3c5a9e-1f0b-4c2a-9e8d-2b6f4a1c0d36", "sales": [{}] * 201}
        ).encode(),
        b'{"device": "' + b"a" * 600_000 + b'"}',
    ],
)
def test_malformed_bodies_get_a_400_and_write_nothing(seller_client, fair, body):
    session, _honey, _oil = fair
    response = post(seller_client, session, body)
    assert response.status_code == 400
    assert Sale.objects.count() == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "not-a-uuid"},
        {"receipt_number": 0},
        {"receipt_number": True},
        {"receipt_number": "1"},
        {"receipt_number": 2**40},
        {"made_at": "yesterday"},
        {"made_at": 12},
        {"payment_method": "bitcoin"},
        {"cash_received": -5},
        {"cash_received": 1.5},
        {"card_reference": ["x"]},
        {"card_reference": "x" * 61},
        {"card_reference": "T-\u0000-1"},
        {"card_reference": "T-\ud800"},
        {"lines": []},
        {"lines": "abc"},
        {"lines": [{"lot": "1", "quantity": 1}]},
        {"lines": [{"lot": 1, "quantity": 0}]},
        {"lines": [{"lot": 1, "quantity": 10**12}]},
        {"lines": [{"lot": 1, "quantity": None}]},
        {"lines": [[1, 1]]},
        {"lines": [{"lot": 1, "quantity": 1}] * 51},
    ],
)
def test_a_malformed_sale_is_refused_alone(seller_client, fair, bad):
    session, honey_lot, _oil = fair
    good = a_sale(honey_lot, receipt=1)
    wrong = {**a_sale(honey_lot, receipt=2), **bad}
    response = post(
        seller_client, session, {"device": str(uuid.uuid4()), "sales": [wrong, good]}
    )
    assert response.status_code == 200
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["rejected", "accepted"]
    assert Sale.objects.count() == 1


def test_a_sale_for_an_unknown_session_is_a_404(seller_client, fair):
    _session, honey_lot, _oil = fair
    response = seller_client.post(
        "/fr/pos/api/sessions/999999/sync/",
        data=json.dumps({"device": str(uuid.uuid4()), "sales": [a_sale(honey_lot)]}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Sale.objects.count() == 0


def test_sync_refuses_get(seller_client, fair):
    session, _honey, _oil = fair
    assert seller_client.get(sync_url(session)).status_code == 405


def test_close_screen_closes_with_the_counts(client, fair, seller, manager):
    session, honey_lot, _oil = fair
    device = str(uuid.uuid4())
    client.force_login(seller)
    post(client, session, {"device": device, "sales": [a_sale(honey_lot)]})
    url = f"/fr/pos/sessions/{session.pk}/close/"
    assert client.post(url, {f"count-{device}-cash": "115"}).status_code == 403
    assert PosSession.objects.get(pk=session.pk).closed_at is None

    client.force_login(manager)
    page = client.get(url)
    assert page.status_code == 200 and f"count-{device}-cash" in page.content.decode()
    refused = client.post(url, {f"count-{device}-cash": "NaN"})
    assert refused.status_code == 200
    assert PosSession.objects.get(pk=session.pk).closed_at is None

    client.post(url, {f"count-{device}-cash": "110,50"})

    assert PosSession.objects.get(pk=session.pk).is_closed
    count = CashCount.objects.get(session=session)
    assert (count.expected, count.counted, count.difference) == (11500, 11050, -450)
    assert LedgerEntry.objects.filter(kind="sale", channel="fair").count() == 1
    assert 'id="pos-closed"' in client.get(url).content.decode()


def test_staff_resolve_a_shortfall_from_the_close_screen(client, fair, manager):
    session, honey_lot, _oil = fair
    client.force_login(manager)
    post(
        client,
        session,
        {"device": str(uuid.uuid4()), "sales": [a_sale(honey_lot, quantity=9)]},
    )
    sale = Sale.objects.get()
    assert sale.status == "shortfall"
    client.post(f"/fr/pos/shortfalls/{sale.pk}/resolve/")
    sale.refresh_from_db()
    assert sale.resolved_by == manager


def test_staff_open_a_session_and_send_lots(client, honey, manager, seller):
    from cooperatives.models import today
    from pos.tests.conftest import receive

    lot = receive(honey, "L-SEND", 6)
    client.force_login(seller)
    form = {"channel": "store", "place": "Rabat", "date": today().isoformat()}
    assert client.post("/fr/pos/sessions/", form).status_code == 403
    assert not PosSession.objects.exists()

    client.force_login(manager)
    response = client.post("/fr/pos/sessions/", form)
    session = PosSession.objects.get()
    assert response["Location"] == f"/fr/pos/sessions/{session.pk}/stock/"
    page = client.get(response["Location"])
    assert f'name="lot-{lot.pk}"' in page.content.decode()

    refused = client.post(response["Location"], {f"lot-{lot.pk}": "7"})
    assert refused.status_code == 200
    assert Lot.objects.get(pk=lot.pk).at_pos == 0
    assert client.post(response["Location"], {f"lot-{lot.pk}": "-1"}).status_code == 200
    assert Lot.objects.get(pk=lot.pk).at_pos == 0

    client.post(response["Location"], {f"lot-{lot.pk}": "4"})
    lot.refresh_from_db()
    assert (lot.stock, lot.at_pos) == (2, 4)
    assert "TR-" in client.get(response["Location"]).content.decode()


def test_admin_offers_the_point_of_sale_and_its_permissions(client, manager):
    from django.contrib.auth.models import Group, Permission

    manager.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(manager)
    assert "/pos/sessions/" in client.get("/admin/").content.decode()
    admin = type(manager).objects.create_superuser("root", "root@example.ma", "x")
    client.force_login(admin)
    group = Group.objects.create(name="Sellers")
    response = client.get(f"/admin/groups/edit/{group.pk}/")
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    # Offered whatever the admin's language: the permissions' own boxes.
    for codename in ("sell_at_pos", "manage_pos"):
        permission = Permission.objects.get(codename=codename)
        assert f'value="{permission.pk}"' in page
