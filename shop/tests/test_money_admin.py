"""Staff screens of the money side, and what buyers are shown of it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site
from wagtail.users.models import UserProfile

from cooperatives.models import today
from cooperatives.tests.factories import AgreementFactory
from shop.models import LedgerEntry, PooledCost, SalesSession, Statement
from shop.selectors import cooperative_share
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)
    return client


@pytest.fixture
def honey():
    variant = VariantFactory(price=12000, stock=50)
    AgreementFactory(cooperative=variant.product.cooperative, commission_online_bp=1500)
    return variant


def test_session_import_report_and_close_from_the_admin(staff_client, honey):
    session = SalesSession.objects.create(channel="fair", place="SIAM", date=today())
    url = reverse("shop_session", args=(session.pk,))
    bad = SimpleUploadedFile("s.csv", b"sku,quantity,unit_price\nNOPE,1,10\n")
    good = SimpleUploadedFile(
        "s.csv", f"sku,quantity,unit_price\n{honey.sku},3,100\n".encode()
    )

    report = staff_client.post(url, {"csv": bad})
    staff_client.post(url, {"csv": good})
    staff_client.post(url, {"close": "1"})

    assert "unknown SKU" in report.content.decode()
    session.refresh_from_db()
    assert session.is_closed
    assert LedgerEntry.objects.get().channel == "fair"
    honey.refresh_from_db()
    assert honey.stock == 47


def test_allocate_a_pooled_cost_from_the_admin(staff_client, honey):
    cost = PooledCost.objects.create(label="Cartons", incurred_on=today(), amount=9000)
    coop = honey.product.cooperative

    staff_client.post(
        reverse("shop_pooled_cost_allocate", args=(cost.pk,)),
        {f"weight-{coop.pk}": "2"},
    )

    assert LedgerEntry.objects.get(kind="deduction").net == -9000


def test_issue_and_mark_paid_from_the_admin(staff_client, honey):
    paid_order((honey, 1))
    coop = honey.product.cooperative
    url = reverse("shop_statements")

    staff_client.post(
        url,
        {"issue": "1", "cooperative": coop.pk, "period_end": today().isoformat()},
    )
    statement = Statement.objects.get()
    staff_client.post(url, {"paid": statement.pk, "reference": "VIR-42"})
    staff_client.post(url, {"paid": statement.pk, "reference": "VIR-42"})

    statement.refresh_from_db()
    assert (statement.status, statement.transfer_reference) == ("paid", "VIR-42")
    assert "VIR-42" in staff_client.get(url).content.decode()


def test_reconciliation_report_balances(staff_client, honey):
    paid_order((honey, 2))

    response = staff_client.get(
        reverse("shop_reports"),
        {
            "from": (today() - datetime.timedelta(days=1)).isoformat(),
            "to": today().isoformat(),
        },
    )

    assert response.context["balanced"] is True
    assert response.context["collected"] == 24000 + 3500


def test_issue_statements_command_uses_the_agreement_period(honey):
    paid_order((honey, 1))
    LedgerEntry.objects.update(
        occurred_on=today() - datetime.timedelta(days=40),
        payable_on=today() - datetime.timedelta(days=40),
    )

    call_command("issue_statements")
    call_command("issue_statements")  # the same period again: nothing new

    statement = Statement.objects.get()
    assert statement.period_end == today().replace(day=1) - datetime.timedelta(days=1)
    assert statement.net_payable == 8500


def test_product_page_and_home_tell_buyers_what_the_cooperatives_get(client, honey):
    from cms.models import ProductIndexPage, ProductPage

    assert cooperative_share(honey, today()) == 8500
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = home.add_child(
        instance=ProductIndexPage(
            title="P",
            slug="p",
            title_en="Products",
            slug_en="products",
            title_fr="Produits",
            slug_fr="produits",
            title_ar="م",
            slug_ar="m",
        )
    )
    page = index.add_child(
        instance=ProductPage(
            title="Honey",
            slug="honey",
            title_en="Honey",
            slug_en="honey",
            title_fr="Miel",
            slug_fr="miel",
            title_ar="عسل",
            slug_ar="asal",
            product=honey.product,
        )
    )
    paid_order((honey, 1))
    statement = Statement.objects.create(
        number="ST-T",
        cooperative=honey.product.cooperative,
        period_start=today(),
        period_end=today(),
        opening_balance=0,
        sales=0,
        refunds=0,
        commission=0,
        vat=0,
        deductions=0,
        net_payable=8500,
        closing_balance=8500,
        status="paid",
    )

    product_html = client.get("/en/products/honey/").content.decode()
    home_html = client.get("/fr/").content.decode()

    assert "of which <bdi>MAD\xa085.00</bdi> goes to the cooperative" in product_html
    assert "data-paid-out>85,00\xa0MAD<" in home_html
    assert page.pk and statement.pk
