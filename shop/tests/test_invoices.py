"""Invoices and credit notes (CGI art. 145): one invoice per paid order, of
every channel, numbered without gaps; a credit note per booked refund,
referencing the invoice; immutable documents; the buyer's PDF in the order's
language; the accountant's export equal to the reconciliation."""

import csv
import datetime
import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cooperatives.models import today
from shop.models import (
    Cart,
    CartLine,
    Invoice,
    InvoiceCounter,
    Order,
    Payment,
    PaymentStatus,
    Refund,
    SalesSession,
    VatRate,
)
from shop.money import format_mad
from shop.orders.states import OrderStatus, order_transition
from shop.reports import reconciliation
from shop.services.checkout import CheckoutDetails, order_place
from shop.services.invoices import credit_note_issue, invoice_issue
from shop.services.payments import PaymentError, cash_collected, order_mark_paid
from shop.services.refunds import _apply_status, refund_create
from shop.services.sessions import session_close
from shop.tests.factories import DeliveryMethodFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db
# Arabic stored as presentation forms would mean letters drawn unshaped.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
YEAR = timezone.localdate().year


def number(kind: str, sequence: int, year: int = YEAR) -> str:
    return f"{kind}-{year}-{sequence:06d}"


def placed(*items, language="fr", full_name="Amina Alaoui") -> Order:
    """A cash-on-delivery order of [(variant, quantity)], placed through the
    checkout service, in `language`."""
    cart = Cart.objects.create()
    for variant, quantity in items:
        CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    return order_place(
        cart=cart,
        details=CheckoutDetails(
            email="amina@example.ma",
            phone="+212612345678",
            full_name=full_name,
            address_line="12 rue Oued Sebou",
            city="Rabat",
            postal_code="10090",
            country="MA",
            delivery_method_id=DeliveryMethodFactory().pk,
            payment_method="cod",
            discount_code="",
        ),
        language=language,
    )


def pay(order: Order, day: datetime.date | None = None) -> Order:
    """Deliver the order and collect its cash (the courier's path)."""
    for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_transition(order=order, to=step)
    cash_collected(
        order_id=order.pk, courier="Amana", amount=order.total, user=None, day=day
    )
    order.refresh_from_db()
    return order


@pytest.fixture
def honey():
    return VariantFactory(price=12000, stock=100)  # 20 % VAT


@pytest.fixture
def herbs():
    """A product at the reduced 10 % rate: an order with two VAT rates."""
    product = ProductFactory(vat_rate=VatRate.objects.get(code="reduced_10"))
    return VariantFactory(product=product, price=4550, stock=100)


@pytest.fixture
def order(honey, herbs):
    return pay(placed((honey, 2), (herbs, 3)))


# Issuing ------------------------------------------------------------------------
def test_a_paid_order_gets_one_invoice_equal_to_it_to_the_centime(order):
    invoice = Invoice.objects.get()

    assert invoice.number == number("FA", 1)
    assert (invoice.kind, invoice.order, invoice.issued_on) == (
        "invoice",
        order,
        order.paid_on,
    )
    assert invoice.total == order.total
    assert invoice.total_vat == order.vat
    assert invoice.total_excl_vat == order.total - order.vat
    expected = [
        {"rate_bp": row["rate_bp"], "base": row["base"] - row["vat"], "vat": row["vat"]}
        for row in order.vat_breakdown()
    ]
    assert invoice.vat_breakdown == expected
    assert [row["rate_bp"] for row in expected] == [2000, 1000]
    assert [(line["sku"], line["quantity"]) for line in invoice.lines] == [
        (line.sku, line.quantity) for line in order.lines.all()
    ]
    assert (invoice.delivery, invoice.delivery_vat) == (
        order.delivery,
        order.delivery_vat,
    )
    assert invoice.seller_ice == "002718281000031"
    assert invoice.seller_if and invoice.seller_rc and invoice.seller_patente
    assert invoice.buyer_name == "Amina Alaoui"
    assert "12 rue Oued Sebou" in invoice.buyer_address
    assert (invoice.buyer_country, invoice.buyer_ice) == ("MA", None)


def test_paying_twice_or_issuing_again_never_issues_twice(order):
    payment = order.payments.get()

    with pytest.raises(PaymentError):
        order_mark_paid(order_id=order.pk, payment=payment)
    again = invoice_issue(order)

    assert Invoice.objects.count() == 1
    assert again.number == number("FA", 1)
    assert InvoiceCounter.objects.get(kind="invoice").last == 1


def test_numbers_follow_each_other_and_a_rolled_back_payment_gives_its_back(honey):
    first = pay(placed((honey, 1)))
    doomed = placed((honey, 1))
    for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_transition(order=doomed, to=step)

    with pytest.raises(RuntimeError), transaction.atomic():
        cash_collected(
            order_id=doomed.pk, courier="Amana", amount=doomed.total, user=None
        )
        raise RuntimeError("the payment's transaction fails after invoicing")
    assert not Invoice.objects.filter(order=doomed).exists()
    cash_collected(order_id=doomed.pk, courier="Amana", amount=doomed.total, user=None)
    third = pay(placed((honey, 1)))

    numbers = list(Invoice.objects.order_by("pk").values_list("order", "number"))
    assert numbers == [
        (first.pk, number("FA", 1)),
        (doomed.pk, number("FA", 2)),
        (third.pk, number("FA", 3)),
    ]


def test_each_year_starts_its_own_series(honey):
    pay(placed((honey, 1)), day=datetime.date(YEAR - 1, 12, 31))
    pay(placed((honey, 1)))

    assert list(Invoice.objects.values_list("number", flat=True)) == [
        number("FA", 1, YEAR - 1),
        number("FA", 1),
    ]


def test_store_sessions_are_invoiced_like_web_orders(honey):
    session = SalesSession.objects.create(channel="store", place="Casa", date=today())
    session.lines.create(variant=honey, quantity=2, unit_price=12000)
    session.save()  # its lines are a cluster: saved with it
    order = session_close(session_id=session.pk)

    invoice = Invoice.objects.get(order=order)
    assert (invoice.total, invoice.issued_on) == (order.total, session.date)


def test_an_invoice_cannot_be_modified_nor_deleted(order):
    invoice = Invoice.objects.get()

    invoice.total = 1
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    invoice.refresh_from_db()
    assert invoice.total == order.total


# Credit notes -------------------------------------------------------------------
def test_a_refund_produces_a_credit_note_referencing_the_invoice(order):
    invoice = Invoice.objects.get()
    honey_line, herbs_line = order.lines.order_by("pk")

    refund = refund_create(
        order_id=order.pk, quantities={honey_line.pk: 1}, include_delivery=True
    )
    note = Invoice.objects.get(kind="credit_note")
    assert (note.number, note.refund, note.corrects) == (
        number("AV", 1),
        refund,
        invoice,
    )
    assert note.issued_on == timezone.localdate()
    assert note.total == refund.amount == 12000 + order.delivery
    assert [(line["sku"], line["quantity"]) for line in note.lines] == [
        (honey_line.sku, 1)
    ]
    assert note.delivery == order.delivery

    # Booking again (the provider's news repeated) issues nothing more.
    credit_note_issue(refund, timezone.localdate())
    refund.refresh_from_db()
    with transaction.atomic():
        _apply_status(refund, PaymentStatus.SUCCEEDED, at=timezone.now())
    assert Invoice.objects.filter(kind="credit_note").count() == 1

    # The rest refunded: the credit notes add up to the invoice, VAT included.
    refund_create(order_id=order.pk, quantities={honey_line.pk: 1, herbs_line.pk: 3})
    notes = Invoice.objects.filter(kind="credit_note")
    assert [n.number for n in notes] == [number("AV", 1), number("AV", 2)]
    assert sum(n.total for n in notes) == invoice.total
    assert sum(n.total_vat for n in notes) == invoice.total_vat
    for rate in (2000, 1000):
        parts = [
            row for n in notes for row in n.vat_breakdown if row["rate_bp"] == rate
        ]
        sale = next(r for r in invoice.vat_breakdown if r["rate_bp"] == rate)
        assert sum(row["vat"] for row in parts) == sale["vat"]
        assert sum(row["base"] for row in parts) == sale["base"]


def test_a_refund_that_fails_after_booking_is_reinvoiced(order):
    line = order.lines.order_by("pk").first()
    refund = refund_create(order_id=order.pk, quantities={line.pk: 2})
    note = Invoice.objects.get(kind="credit_note")
    later = timezone.now() + datetime.timedelta(minutes=5)

    for _attempt in range(2):  # the failure reported twice
        refund = Refund.objects.get(pk=refund.pk)
        with transaction.atomic():
            _apply_status(refund, PaymentStatus.FAILED, at=later)

    restoring = Invoice.objects.filter(kind="invoice").exclude(booking=None).get()
    assert restoring.number == number("FA", 2)
    assert (restoring.corrects, restoring.refund) == (note, refund)
    assert restoring.total == note.total == refund.amount
    assert restoring.lines == note.lines
    assert Invoice.objects.get(pk=note.pk).total == refund.amount  # unchanged


# The buyer's PDF ----------------------------------------------------------------
def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def invoice_url(order: Order, invoice: Invoice, token: str | None = None) -> str:
    url = f"/fr/orders/{order.number}/invoices/{invoice.number}/"
    return url if token is None else f"{url}?token={token}"


def amount(cents: int, language: str) -> str:
    """An amount as the PDF's text gives it back: the number, without the
    currency (Arabic's sign comes out in visual order)."""
    text = format_mad(cents, language).strip("\u200f").replace("\u202f", " ")
    return text.replace("\xa0MAD", "").split("\xa0")[0]


def test_the_buyer_downloads_a_pdf_with_the_sellers_ice_vat_and_totals(client, order):
    invoice = Invoice.objects.get()
    page = client.get(f"/fr/orders/{order.number}/?token={order.access_token}")
    assert invoice_url(order, invoice, order.access_token) in page.content.decode()

    response = client.get(invoice_url(order, invoice, order.access_token))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{invoice.number}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content).replace("\xa0", " ").replace("\u202f", " ")
    assert invoice.number in text
    assert "002718281000031" in text  # the seller's ICE
    assert "Amina Alaoui" in text
    for row in invoice.vat_breakdown:
        assert amount(row["vat"], "fr") in text
        assert amount(row["base"], "fr") in text
    assert "20 %" in text and "10 %" in text
    assert amount(order.total, "fr") in text
    assert amount(order.total - order.vat, "fr") in text
    assert amount(order.vat, "fr") in text


def test_a_credit_note_pdf_names_the_invoice_it_corrects(client, order):
    line = order.lines.order_by("pk").first()
    refund_create(order_id=order.pk, quantities={line.pk: 1})
    invoice, note = (
        Invoice.objects.get(kind="invoice"),
        Invoice.objects.get(kind="credit_note"),
    )

    response = client.get(invoice_url(order, note, order.access_token))

    text = pdf_text(response.content)
    assert note.number in text and invoice.number in text
    assert amount(note.total, "fr") in text.replace("\xa0", " ").replace("\u202f", " ")


def test_an_arabic_invoice_reads_as_arabic_words_in_logical_order(client, honey):
    order = pay(placed((honey, 1), language="ar", full_name="أمينة العلوي"))
    invoice = Invoice.objects.get()
    assert invoice.language == "ar"

    response = client.get(invoice_url(order, invoice, order.access_token))

    text = pdf_text(response.content)
    assert "أمينة العلوي" in text  # the buyer's name, letters in logical order
    assert "عسل" in text  # the product's Arabic name, as the order kept it
    # Words of the Arabic catalogue (quantity, reference, delivery, product,
    # total): every letter form is its own shape in the documents' Arabic
    # font, so each extracts as the letter printed (Noto Sans Arabic shared
    # one skeleton between letters: "المنتج" came back "المنةج").
    assert "الكمية" in text and "المرجع" in text and "التوصيل" in text
    assert "المنتج" in text and "المجموع" in text
    assert not PRESENTATION_FORMS.search(text)  # shaped, not drawn letter by letter
    assert invoice.number in text and "002718281000031" in text


def test_a_guest_without_the_token_gets_404(client, order, django_user_model):
    invoice = Invoice.objects.get()

    assert client.get(invoice_url(order, invoice)).status_code == 404
    assert client.get(invoice_url(order, invoice, "wrong")).status_code == 404
    stranger = django_user_model.objects.create_user("stranger", password="x")
    client.force_login(stranger)
    assert client.get(invoice_url(order, invoice)).status_code == 404
    other = pay(placed((order.lines.first().variant, 1)))
    # Another order's token does not open this order's invoice.
    assert client.get(invoice_url(order, invoice, other.access_token)).status_code == (
        404
    )
    mixed = f"/fr/orders/{other.number}/invoices/{invoice.number}/"
    assert client.get(f"{mixed}?token={other.access_token}").status_code == 404


# The accountant's export --------------------------------------------------------
@pytest.fixture
def accountant(django_user_model):
    user = django_user_model.objects.create_user(
        "accountant", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Foundation staff"))
    client = Client()
    client.force_login(user)
    return client


def export(client, start, end, kind):
    return client.get(
        reverse("shop_invoices"),
        {"from": start.isoformat(), "to": end.isoformat(), "format": kind},
        HTTP_ACCEPT_LANGUAGE="fr",
    )


def test_the_export_lists_invoices_and_credit_notes_and_equals_the_reconciliation(
    accountant, order, honey, herbs
):
    line = order.lines.order_by("pk").first()
    refund_create(order_id=order.pk, quantities={line.pk: 1}, include_delivery=True)
    pay(placed((herbs, 1), (honey, 4)))
    start = end = timezone.localdate()

    response = export(accountant, start, end, "csv")

    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    header, body, total = rows[0], rows[1:-1], rows[-1]
    numbers = [row[0] for row in body]
    # By date, then kind (credit notes first), then number.
    assert numbers == [number("AV", 1), number("FA", 1), number("FA", 2)]
    note = next(row for row in body if row[0] == number("AV", 1))
    assert note[-1] == number("FA", 1)  # the invoice it corrects
    assert note[3] == order.number
    column = len(header) - 2  # total incl. VAT, before the reference

    def cents(text):
        return int(text.replace(",", ""))

    assert cents(note[column]) == -Refund.objects.get().amount
    report = reconciliation(start=start, end=end)
    assert sum(cents(row[column]) for row in body) == cents(total[column])
    assert cents(total[column]) == report["collected"] - report["refunded"]
    assert report["refunded"] > 0 and report["balanced"]
    # Every amount column adds up, a base and a VAT column per rate.
    for index in range(6, len(header) - 1):
        assert sum(cents(row[index]) for row in body) == cents(total[index])
    assert len(header) == 6 + 2 * 2 + 3 + 1  # rates 20 % and 10 %

    zipped = export(accountant, start, end, "zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
    assert sorted(archive.namelist()) == sorted(f"{n}.pdf" for n in numbers)
    assert archive.read(f"{number('AV', 1)}.pdf").startswith(b"%PDF-")

    page = accountant.get(
        reverse("shop_invoices"), {"from": start.isoformat(), "to": end.isoformat()}
    )
    assert 'data-matches="yes"' in page.content.decode()


def test_a_long_periods_pdfs_are_made_by_the_worker_then_zipped_from_storage(
    accountant, order, honey, herbs, settings, monkeypatch
):
    """A period's documents take about a second each to lay out: more than
    a request may last. With a real task queue the export queues them once
    and says so; once made, the ZIP only gathers the stored files."""
    from django_tasks import default_task_backend

    from shop import invoice_documents
    from shop.models import InvoicePdf

    pay(placed((herbs, 1), (honey, 4)))
    start = end = timezone.localdate()
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()

    first = export(accountant, start, end, "zip")
    again = export(accountant, start, end, "zip")

    assert first["Content-Type"].startswith("text/html")
    assert 'data-preparing="2"' in first.content.decode()
    assert 'data-preparing="2"' in again.content.decode()
    assert not InvoicePdf.objects.exists()
    (queued,) = default_task_backend.results  # refreshing queued nothing more
    assert invoice_documents.invoice_pdfs_make.call(*queued.args) == 2

    def no_layout(html):
        raise AssertionError("a stored PDF was laid out again")

    monkeypatch.setattr(invoice_documents, "html_to_pdf", no_layout)
    zipped = export(accountant, start, end, "zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
    assert len(archive.namelist()) == 2
    for invoice in Invoice.objects.all():
        assert archive.read(f"{invoice.number}.pdf") == bytes(
            invoice.stored_pdf.content
        )


def test_the_export_refuses_staff_without_the_permission_and_bad_periods(
    accountant, django_user_model
):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client = Client()
    client.force_login(clerk)
    assert client.get(reverse("shop_invoices")).status_code in (302, 403)

    response = accountant.get(reverse("shop_invoices"), {"from": "x", "to": "y"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    response = accountant.get(
        reverse("shop_invoices"),
        {"from": "2026-02-01", "to": "2026-01-01", "format": "csv"},
    )
    assert response["Content-Type"].startswith("text/html")


def test_a_card_payment_is_invoiced_too(honey):
    order = placed((honey, 1))
    order.payment_method = "stripe"
    order.save(update_fields=["payment_method"])
    payment = Payment.objects.create(
        order=order,
        provider="stripe",
        reference="pi_1",
        amount=order.total,
        status="succeeded",
    )
    order_mark_paid(order_id=order.pk, payment=payment)

    assert Invoice.objects.get(order=order).total == order.total


# Orders paid before invoicing existed ---------------------------------------------
def test_documents_never_issued_are_issued_once_in_the_order_money_moved(honey, herbs):
    from django.core.management import call_command

    from shop.models import InvoiceCounter
    from shop.models.invoices import InvoicePdf

    first = pay(placed((honey, 2), (herbs, 1)))
    second = pay(placed((herbs, 4)))
    refund = refund_create(
        order_id=first.pk, quantities={first.lines.order_by("pk").first().pk: 1}
    )
    # A database from before invoicing: no document, no series.
    for model in (InvoicePdf, Invoice, InvoiceCounter):
        model.objects.all()._raw_delete(model.objects.db)

    out = io.StringIO()
    call_command("issue_missing_invoices", stdout=out)
    assert out.getvalue().strip() == "Issued 2 invoice(s) and 1 credit note(s)."
    invoices = {i.order_id: i for i in Invoice.objects.filter(kind="invoice")}
    assert invoices[first.pk].number == number("FA", 1, today().year)
    assert invoices[second.pk].number == number("FA", 2, today().year)
    assert [invoices[o.pk].total for o in (first, second)] == [
        first.total,
        second.total,
    ]
    note = Invoice.objects.get(kind="credit_note")
    assert (note.refund, note.corrects, note.total) == (
        refund,
        invoices[first.pk],
        refund.amount,
    )
    assert {i.issued_on for i in Invoice.objects.all()} == {today()}

    out = io.StringIO()
    call_command("issue_missing_invoices", stdout=out)  # run again: nothing
    assert out.getvalue().strip() == "Issued 0 invoice(s) and 0 credit note(s)."
    assert Invoice.objects.count() == 3
