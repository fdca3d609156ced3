"""A buyer's invoice and credit note, on a 360 × 800 phone in Arabic: the
order page lists both without scrolling sideways, the links are tall enough
to tap, and tapping one downloads its PDF."""

import pytest

from shop.services.refunds import refund_create
from shop.tests.factories import VariantFactory
from shop.tests.test_invoices import pay, placed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
FITS = (
    "document.documentElement.scrollWidth <= window.innerWidth"
    f" && window.innerWidth === {WIDTH}"
)


def test_the_buyer_downloads_an_invoice_and_a_credit_note_on_a_phone(
    browser, live_server
):
    variant = VariantFactory(price=9000, stock=5)
    order = pay(placed((variant, 2), language="ar", full_name="أمينة العلوي"))
    refund_create(order_id=order.pk, quantities={order.lines.get().pk: 1})
    invoice, note = (
        order.invoices.get(kind="invoice"),
        order.invoices.get(kind="credit_note"),
    )
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    page = context.new_page()
    try:
        page.goto(
            f"{live_server.url}/ar/orders/{order.number}/?token={order.access_token}"
        )
        assert page.evaluate("document.documentElement.dir") == "rtl"
        links = page.locator(".order-invoices a")
        assert links.count() == 2
        texts = links.all_inner_texts()
        assert any(invoice.number in text for text in texts)
        assert any(note.number in text for text in texts)
        assert page.evaluate(FITS)
        for index in range(2):
            assert links.nth(index).bounding_box()["height"] >= 44

        with page.expect_download() as download:
            links.filter(has_text=note.number).click()
        path = download.value.path()
        assert download.value.suggested_filename == f"{note.number}.pdf"
        with open(path, "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    finally:
        context.close()
