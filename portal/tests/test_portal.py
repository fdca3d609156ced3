"""The portal shows a member their own cooperative and nothing else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperatives.models import CooperativeMembership, today
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cooperatives(django_user_model):
    mine, theirs = VariantFactory(stock=500), VariantFactory(stock=500)
    members = {}
    for name, variant in (("mine", mine), ("theirs", theirs)):
        user = django_user_model.objects.create_user(
            name, f"{name}@coop.ma", "pw-12345678"
        )
        CooperativeMembership.objects.create(
            user=user, cooperative=variant.product.cooperative
        )
        members[name] = user
    paid_order((mine, 2))
    paid_order((theirs, 1))
    statements = {
        name: statement_issue(
            cooperative_id=variant.product.cooperative_id, period_end=today()
        )
        for name, variant in (("mine", mine), ("theirs", theirs))
    }
    return {
        "variants": {"mine": mine, "theirs": theirs},
        "members": members,
        "statements": statements,
    }


def object_urls(statement) -> list[str]:
    return [
        reverse("portal:statement", args=(statement.pk,)),
        reverse("portal:statement_csv", args=(statement.pk,)),
        reverse("portal:statement_xlsx", args=(statement.pk,)),
    ]


def test_every_url_naming_another_cooperatives_object_is_404(client, two_cooperatives):
    client.force_login(two_cooperatives["members"]["mine"])
    theirs = two_cooperatives["statements"]["theirs"]
    other_slug = two_cooperatives["variants"]["theirs"].product.cooperative.slug

    for url in object_urls(theirs):
        assert client.get(url).status_code == 404, url
    for name in ("dashboard", "sales", "stock", "statements"):
        assert (
            client.get(reverse(f"portal:{name}"), {"c": other_slug}).status_code == 404
        )
    for url in object_urls(two_cooperatives["statements"]["mine"]):
        assert client.get(url).status_code == 200, url


def test_pages_and_exports_hold_only_the_members_data(client, two_cooperatives):
    client.force_login(two_cooperatives["members"]["mine"])
    mine = two_cooperatives["variants"]["mine"]
    theirs = two_cooperatives["variants"]["theirs"]

    sales = client.get(reverse("portal:sales")).content.decode()
    stock = client.get(reverse("portal:stock")).content.decode()
    csv = client.get(object_urls(two_cooperatives["statements"]["mine"])[1])

    assert mine.sku in sales and theirs.sku not in sales
    assert mine.sku in stock and theirs.sku not in stock
    assert "b@example.ma" not in sales and "+212612345678" not in sales  # no buyer data
    body = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode()
    assert mine.sku in body and theirs.sku not in body


def test_staff_can_open_any_cooperatives_portal(
    client, two_cooperatives, django_user_model
):
    from django.contrib.auth.models import Group

    # Foundation staff, through the group's "view every cooperative's portal"
    # permission: not is_staff, not a superuser.
    staff = django_user_model.objects.create_user("staff", password="pw-12345678")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    client.force_login(staff)
    theirs = two_cooperatives["variants"]["theirs"]

    response = client.get(
        reverse("portal:sales"), {"c": theirs.product.cooperative.slug}
    )

    assert response.status_code == 200
    assert theirs.sku in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/fr/portal/")

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/portal/login/")


def test_portal_queries_do_not_grow_with_the_data(client, two_cooperatives):
    client.force_login(two_cooperatives["members"]["mine"])
    mine = two_cooperatives["variants"]["mine"]
    urls = [
        reverse(f"portal:{n}") for n in ("dashboard", "sales", "stock", "statements")
    ]

    def counts():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for _ in range(15):
        paid_order((mine, 1))
    assert counts() == before


def test_password_reset_sends_a_link(client, two_cooperatives, mailoutbox):
    response = client.post(reverse("portal:password_reset"), {"email": "mine@coop.ma"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/portal/password-reset/" in mailoutbox[0].body


def test_a_portal_reset_link_starts_with_the_public_address(
    client, two_cooperatives, mailoutbox, settings
):
    settings.PUBLIC_URL = "https://boutique.tadamon.ma"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    client.post(
        reverse("portal:password_reset"),
        {"email": "mine@coop.ma"},
        HTTP_HOST="evil.example",
    )
    assert "https://boutique.tadamon.ma/" in mailoutbox[0].body
    assert "evil.example" not in mailoutbox[0].body


def test_the_stock_page_shows_units_standing_at_fairs_and_stores(
    client, two_cooperatives
):
    from shop.models import Lot
    from shop.tests.test_lots import receive

    mine = two_cooperatives["variants"]["mine"]
    receive(mine, ("L-FAIR", 10, 90))
    # Seven of its units were sent to a fair (pos.services moves them so).
    Lot.objects.filter(code="L-FAIR").update(stock=3, at_pos=7)
    client.force_login(two_cooperatives["members"]["mine"])

    page = client.get(reverse("portal:stock")).content.decode()

    row = page.split(f"<bdi>{mine.sku}</bdi>")[1].split("</tr>")[0]
    assert row.rstrip().endswith(">7</td>")
