"""Export and wholesale are sales channels of their own: each with its
commission and settlement delay in the partnership agreement, and shown
apart wherever a cooperative reads its sales (statement, portal dashboard,
sales list, CSV export, statement PDF)."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from cooperatives.choices import SalesChannel
from cooperatives.models import CooperativeMembership, PartnershipAgreement, today
from cooperatives.tests.factories import AgreementFactory, CooperativeFactory
from portal import documents, selectors
from shop.models import LedgerEntry, Order, SalesSummary
from shop.services.settlements import statement_issue
from shop.services.transfers import transfer_record
from shop.tests.business import business_order
from shop.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def cooperative_with_terms(**terms):
    cooperative = CooperativeFactory()
    AgreementFactory(
        cooperative=cooperative,
        commission_wholesale_bp=1000,
        delay_wholesale_days=20,
        commission_export_bp=700,
        delay_export_days=45,
        **terms,
    )
    return cooperative


def paid(order: Order) -> Order:
    transfer_record(
        order_id=order.pk, reference="VIR-1", day=today(), amount=order.total, user=None
    )
    order.refresh_from_db()
    return order


def test_export_sales_carry_the_export_commission_and_delay():
    cooperative = cooperative_with_terms()
    honey = VariantFactory(price=12000, stock=100, product__cooperative=cooperative)
    export = paid(business_order((honey, 10), channel="export"))
    wholesale = paid(business_order((honey, 5), channel="wholesale", country="MA"))

    (sale,) = LedgerEntry.objects.filter(order_line__order=export, kind="sale")
    assert (sale.channel, sale.commission_bp) == ("export", 700)
    assert sale.payable_on == export.paid_on + 45 * DAY
    # 10 × 120.00 incl. 20 % VAT: 1,000.00 excl. VAT, 7 % of it to the
    # foundation.
    assert (sale.gross, sale.vat, sale.commission, sale.net) == (
        120000,
        20000,
        7000,
        93000,
    )
    (sale,) = LedgerEntry.objects.filter(order_line__order=wholesale, kind="sale")
    assert (sale.channel, sale.commission_bp) == ("wholesale", 1000)
    assert sale.payable_on == wholesale.paid_on + 20 * DAY
    assert set(SalesSummary.objects.values_list("channel", flat=True)) == {
        "export",
        "wholesale",
    }


def test_agreement_terms_per_channel_and_migrated_export_terms():
    agreement = AgreementFactory(
        commission_wholesale_bp=900,
        delay_wholesale_days=25,
        commission_export_bp=650,
        delay_export_days=60,
    )
    assert agreement.commission_bp("export") == 650
    assert agreement.settlement_delay_days("export") == 60
    assert agreement.commission_bp("wholesale") == 900
    with translation.override("en"):
        assert SalesChannel("export").label == "Export"
        assert SalesChannel("wholesale").label == "Wholesale"
    assert Order._meta.get_field("channel").choices == SalesChannel.choices

    # Agreements signed before export had its own terms keep the wholesale
    # ones for it.
    migration = __import__(
        "cooperatives.migrations.0007_export_channel", fromlist=["x"]
    )
    migration.export_terms_from_wholesale(apps, None)
    agreement = PartnershipAgreement.objects.get(pk=agreement.pk)
    assert (agreement.commission_export_bp, agreement.delay_export_days) == (900, 25)


def test_agreement_admin_form_has_the_export_terms(admin_client):
    agreement = AgreementFactory()
    response = admin_client.get(
        reverse(
            "wagtailsnippets_cooperatives_partnershipagreement:edit",
            args=(agreement.pk,),
        )
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="commission_export_bp"' in page
    assert 'name="delay_export_days"' in page


@pytest.fixture
def season(django_user_model):
    """A cooperative that sold the same honey online, wholesale and for
    export, every sale payable today, and a member reading in English."""
    cooperative = cooperative_with_terms(delay_online_days=0)
    PartnershipAgreement.objects.filter(cooperative=cooperative).update(
        delay_wholesale_days=0, delay_export_days=0
    )
    honey = VariantFactory(price=12000, stock=100, product__cooperative=cooperative)
    paid(business_order((honey, 10), channel="export"))
    paid(business_order((honey, 4), channel="wholesale", country="MA"))
    user = django_user_model.objects.create_user("amina", "a@coop.ma", "pw-1234567")
    CooperativeMembership.objects.create(
        user=user, cooperative=cooperative, language="en"
    )
    statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    return {"cooperative": cooperative, "user": user, "statement": statement}


def test_the_statement_counts_export_and_wholesale_apart(season):
    assert season["statement"].by_channel == {"export": 120000, "wholesale": 48000}


def portal_page(client, name, *args):
    with translation.override("en"):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_the_portal_shows_export_and_wholesale_apart(client, season):
    client.force_login(season["user"])
    channels = selectors.sales_by_channel(season["cooperative"])
    assert [(row["channel"], row["gross"]) for row in channels] == [
        ("export", 120000),
        ("wholesale", 48000),
    ]
    dashboard = portal_page(client, "portal:dashboard").content.decode()
    assert ">Export<" in dashboard and ">Wholesale<" in dashboard
    assert "Wholesale and export" not in dashboard
    sales = portal_page(client, "portal:sales").content.decode()
    assert ">Export<" in sales and ">Wholesale<" in sales
    statement = season["statement"]
    page = portal_page(client, "portal:statement", statement.pk).content.decode()
    assert "Sales — Export" in page and "Sales — Wholesale" in page

    response = portal_page(client, "portal:statement_csv", statement.pk)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=","))
    channel = rows[0].index("Channel")
    named = {row[channel] for row in rows[1:] if len(row) > channel}
    assert named - {""} == {
        "Export",
        "Wholesale",
    }


def test_the_statement_pdf_lists_export_apart(season):
    statement = season["statement"]
    with translation.override("en"):
        pdf = documents.statement_pdf(
            statement,
            selectors.statement_entries(statement),
            cooperative=season["cooperative"],
        )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Export" in text and "Wholesale" in text


def test_staff_sales_report_names_export_and_wholesale(client, season):
    staff = django_user_model_staff()
    client.force_login(staff)
    page = client.get(reverse("shop_reports")).content.decode()
    assert "<td>Export</td>" in page and "<td>Wholesale</td>" in page


def django_user_model_staff():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user("nadia", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    return user
