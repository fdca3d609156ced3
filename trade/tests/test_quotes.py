import datetime
import io

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from pypdf import PdfReader

from shop.models import Order
from shop.money import format_mad
from trade.models import Quote, QuoteLine, QuoteStatus
from trade.services import TradeError, quote_accept, quote_send

from .conftest import make_account, make_user


def _quote(account, honey, *, quantity=60, unit_price=14000, delivery=5000):
    quote = Quote.objects.create(
        account=account,
        number=f"PF-TEST-{Quote.objects.count() + 1}",
        language=account.language,
        request_token=f"token-{Quote.objects.count() + 1}",
        delivery=delivery,
        payment_terms_days=account.payment_terms_days,
    )
    QuoteLine.objects.create(
        quote=quote, variant=honey, quantity=quantity, unit_price=unit_price
    )
    return quote


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_the_proforma_pdf_shows_validity_bank_details_and_totals(
    buyer_client, account, honey
):
    quote = _quote(account, honey, quantity=66, unit_price=13500, delivery=12000)
    # Not sent yet: the client has no pro-forma to download.
    assert (
        buyer_client.get(f"/fr/trade/quotes/{quote.number}/proforma.pdf").status_code
        == 404
    )
    quote_send(quote_id=quote.pk, today=datetime.date(2026, 12, 1))
    quote.refresh_from_db()
    assert quote.valid_until == datetime.date(2026, 12, 16)
    response = buyer_client.get(f"/fr/trade/quotes/{quote.number}/proforma.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    total = 66 * 13500 + 12000
    for expected in (
        quote.number,
        "16 décembre 2026",
        settings.FOUNDATION_ICE,
        settings.FOUNDATION_BANK_NAME,
        settings.FOUNDATION_RIB,
        settings.FOUNDATION_IBAN,
        settings.FOUNDATION_SWIFT,
        account.ice,
        format_mad(13500, "fr"),
        format_mad(total, "fr"),
        "HONEY-1KG",
    ):
        assert expected.replace("\u202f", " ") in text.replace("\u202f", " "), expected


@pytest.mark.django_db
def test_accepting_twice_places_one_order_at_the_agreed_prices(
    buyer_client, account, honey, buyer
):
    quote = _quote(account, honey, quantity=60, unit_price=14000, delivery=5000)
    quote_send(quote_id=quote.pk)
    url = f"/fr/trade/quotes/{quote.number}/accept/"
    first = buyer_client.post(url)
    again = buyer_client.post(url)
    order = Order.objects.get()
    assert first.url == again.url == f"/fr/orders/{order.number}/"
    assert order.user == buyer
    assert order.channel == "wholesale"
    assert order.payment_method == "transfer"
    assert order.status == "awaiting_payment"
    assert order.language == "fr"
    assert order.delivery == 5000
    assert order.total == 60 * 14000 + 5000
    assert order.payment_due_on == timezone.localdate() + datetime.timedelta(days=30)
    (line,) = order.lines.all()
    assert (line.sku, line.quantity, line.unit_price) == ("HONEY-1KG", 60, 14000)
    honey.refresh_from_db()
    assert honey.stock == 200 - 60
    quote.refresh_from_db()
    assert (quote.status, quote.order) == (QuoteStatus.ACCEPTED, order)


@pytest.mark.django_db
def test_the_paid_business_order_is_invoiced_to_the_companys_ice(account, honey, buyer):
    from shop.services.transfers import transfer_record

    quote = _quote(account, honey, quantity=12, unit_price=15000, delivery=0)
    quote_send(quote_id=quote.pk)
    order = quote_accept(quote_id=quote.pk, account=account, user=buyer)
    assert order.buyer_ice == account.ice

    transfer_record(
        order_id=order.pk,
        reference="VIR-0001",
        day=timezone.localdate(),
        amount=order.total,
        user=None,
    )

    (invoice,) = order.invoices.all()
    assert invoice.buyer_ice == account.ice


@pytest.mark.django_db
def test_a_client_abroad_orders_on_the_export_channel(group, honey_price, honey):
    importer = make_user("achat@epicerie.fr")
    account = make_account(
        ice="008888888000022", country="FR", group=group, user=importer
    )
    quote = _quote(account, honey, quantity=12, unit_price=15000, delivery=0)
    quote.incoterm = "FCA"
    quote.save()
    quote_send(quote_id=quote.pk)
    order = quote_accept(quote_id=quote.pk, account=account, user=importer)
    assert (order.channel, order.country, order.incoterm) == ("export", "FR", "FCA")
    assert order.number.startswith("EX-")


@pytest.mark.django_db
def test_an_expired_proforma_is_refused_and_nothing_moves(buyer_client, account, honey):
    quote = _quote(account, honey)
    quote_send(quote_id=quote.pk)
    Quote.objects.filter(pk=quote.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = buyer_client.post(
        f"/fr/trade/quotes/{quote.number}/accept/", follow=True
    )
    assert (
        "expired" in response.content.decode() or "expiré" in response.content.decode()
    )
    assert not Order.objects.exists()
    honey.refresh_from_db()
    assert honey.stock == 200
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT


@pytest.mark.django_db
def test_a_quote_not_sent_cannot_be_accepted(account, honey, buyer):
    quote = _quote(account, honey)
    with pytest.raises(TradeError):
        quote_accept(quote_id=quote.pk, account=account, user=buyer)
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_not_enough_stock_refuses_acceptance_with_the_reason(account, honey, buyer):
    quote = _quote(account, honey, quantity=600)
    quote_send(quote_id=quote.pk)
    with pytest.raises(TradeError) as refused:
        quote_accept(quote_id=quote.pk, account=account, user=buyer)
    assert "200" in refused.value.problems[0]
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT and not Order.objects.exists()


@pytest.mark.django_db
def test_a_client_cannot_see_or_accept_another_clients_quote(
    client, account, honey, group
):
    quote = _quote(account, honey)
    quote_send(quote_id=quote.pk)
    rival = make_user("rival@hotel2.ma")
    make_account(ice="005555555000033", group=group, user=rival)
    client.force_login(rival)
    base = f"/fr/trade/quotes/{quote.number}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "proforma.pdf").status_code == 404
    assert client.post(base + "accept/").status_code == 404
    assert not Order.objects.exists()
    # A customer with no company at all: 404 too.
    client.force_login(make_user("guest@example.ma"))
    assert client.get(base).status_code == 404


@pytest.mark.django_db
def test_a_sent_proforma_cannot_be_changed_in_the_admin(client, account, honey):
    from django.contrib.auth.models import Group

    quote = _quote(account, honey)
    quote_send(quote_id=quote.pk)
    staff = make_user("manager@tadamon.ma")
    staff.is_staff = True
    staff.save()
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    line = quote.lines.get()
    response = client.post(
        f"/admin/snippets/trade/quote/edit/{quote.pk}/",
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-MIN_NUM_FORMS": "1",
            "lines-MAX_NUM_FORMS": "1000",
            "lines-0-id": line.pk,
            "lines-0-variant": honey.pk,
            "lines-0-quantity": "60",
            "lines-0-unit_price": "100",
            "lines-0-ORDER": "1",
            "lines-0-DELETE": "",
            "delivery": "0",
            "valid_until": "",
            "payment_terms_days": "30",
            "incoterm": "",
            "language": "fr",
        },
    )
    assert response.status_code == 200
    with translation.override("ar"):
        refused = gettext(
            "This quote's pro-forma was sent: it can no longer be changed."
        )
    assert escape(refused) in response.content.decode()
    line.refresh_from_db()
    assert line.unit_price == 14000


@pytest.mark.django_db
def test_sending_the_proforma_emails_it_once_in_the_clients_language(
    account, honey, mailoutbox, django_capture_on_commit_callbacks
):
    quote = _quote(account, honey)
    with django_capture_on_commit_callbacks(execute=True):
        quote_send(quote_id=quote.pk)
    with django_capture_on_commit_callbacks(execute=True):
        quote_send(quote_id=quote.pk)  # sent again: nothing more
    (message,) = mailoutbox
    assert message.to == [account.email]
    assert quote.number in message.subject
    assert message.extra_headers["Content-Language"] == "fr"
    assert f"/fr/trade/quotes/{quote.number}/" in message.body
    ((name, pdf, kind),) = message.attachments
    assert (name, kind) == (f"{quote.number}.pdf", "application/pdf")
    assert settings.FOUNDATION_IBAN in _text(pdf)
