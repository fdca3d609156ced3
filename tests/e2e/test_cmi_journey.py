"""Paying by card through the CMI's hosted page, on a 360 × 800 phone in
Arabic, against the fake gateway (scripts/fake_cmi.py) on a loopback port:
the approving test card brings the buyer back to an order shown paid (the
gateway's callback reached the shop first); a declined card brings them back
to a clear message, from which they try again or pay cash on delivery."""

import json

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from scripts.fake_cmi import APPROVE, DECLINE, FakeCmi, start
from shop.models import LedgerEntry, Order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
FITS = (
    "document.documentElement.scrollWidth <= window.innerWidth"
    f" && window.innerWidth === {WIDTH}"
)
CLIENT_ID, STORE_KEY = "600000001", "TEST-STORE-KEY-1234"
DECLINED = "رفض البنك بطاقتك"
TO_PAY = "يُدفع عند الاستلام"


@pytest.fixture
def gateway(settings):
    fake = FakeCmi(
        client_id=CLIENT_ID,
        store_key=STORE_KEY,
        api_user="tadamon-api",
        api_password="api-secret",
    )
    server = start(fake)
    url = f"http://127.0.0.1:{server.server_port}"
    settings.CMI_CLIENT_ID = CLIENT_ID
    settings.CMI_STORE_KEY = STORE_KEY
    settings.CMI_GATEWAY_URL = f"{url}/fim/est3Dgate"
    yield fake
    fake.wait()
    server.shutdown()
    server.server_close()


@pytest.fixture
def shop():
    from cms.tests.factories import StandardPageFactory

    DeliveryMethodFactory(zone="morocco", price=3500, sort_order=0)
    StandardPageFactory(
        parent=Site.objects.get(is_default_site=True).root_page.specific,
        title_ar="شروط البيع",
        slug="terms-of-sale",
        slug_ar="shurut-al-bay",
        slug_en="terms-of-sale",
    )
    return VariantFactory(sku="ARGAN-100", price=12000, stock=5)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


def _checkout_by_card(page, base, sku) -> Order:
    status = page.request.get(f"{base}/ar/cart/status/")
    token = json.loads(status.text())["csrf_token"]
    page.request.post(
        f"{base}/ar/cart/add/",
        form={"sku": sku, "quantity": "1", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/ar/cart/"},
    )
    page.goto(f"{base}/ar/checkout/")
    page.get_by_label("البريد الإلكتروني").fill("salma@example.ma")
    page.get_by_label("الهاتف").fill("0661234567")
    page.get_by_label("الاسم الكامل").fill("سلمى بناني")
    page.get_by_label("الإقليم أو العمالة (المغرب)").select_option(value="MA-RAB")
    page.get_by_label("المدينة أو القرية").fill("الرباط")
    page.get_by_label("العنوان").fill("12 زنقة واد سبو، أكدال")
    page.locator("input[name=payment_method][value=cmi]").check()
    page.locator("input[name=privacy_consent]").check()
    page.locator("form.checkout-form button[type=submit]").click()
    page.wait_for_url("**/ar/checkout/review/")
    page.locator("input[name=accept_terms]").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/ar/orders/*/card/?token=*")
    return Order.objects.get()


def _pay_on_the_gateway(page, card: str) -> None:
    page.locator("form.cmi-form button[type=submit]").click()
    page.wait_for_url("**/fim/est3Dgate")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("input[name=pan]").fill(card)
    page.locator("button[type=submit]").click()
    # The gateway posts the result back: the shop redirects to its own page.
    page.wait_for_url("**/card/return/?token=*")


def test_an_approved_card_brings_the_buyer_back_to_a_paid_order(
    live_server, phone, gateway, shop
):
    order = _checkout_by_card(phone, live_server.url, shop.sku)
    assert phone.evaluate(FITS)
    assert serious_violations(phone) == []
    expect(phone.locator("main")).to_contain_text("CMI")

    _pay_on_the_gateway(phone, APPROVE)

    heading = phone.get_by_role("heading", level=1)
    expect(heading).to_contain_text(order.number)
    expect(heading).to_contain_text("تم أداء")
    order.refresh_from_db()
    assert order.status == "paid" and order.paid_at is not None
    assert [c.answer for c in gateway.callbacks] == ["ACTION=POSTAUTH"]
    assert LedgerEntry.objects.filter(order_line__order=order).count() == 1
    assert phone.evaluate(FITS)
    assert serious_violations(phone) == []


def test_a_declined_card_says_so_and_the_buyer_retries_then_pays_cash(
    live_server, phone, gateway, shop
):
    order = _checkout_by_card(phone, live_server.url, shop.sku)

    _pay_on_the_gateway(phone, DECLINE)

    expect(phone.locator("main [role=alert]")).to_contain_text(DECLINED)
    order.refresh_from_db()
    assert order.status == "awaiting_payment" and order.payment_method == "cmi"
    assert phone.evaluate(FITS)
    assert serious_violations(phone) == []

    # Try again: the same order, a new form for the gateway; declined again.
    phone.get_by_role("link", name="إعادة المحاولة").click()
    phone.wait_for_url(f"**/ar/orders/{order.number}/card/?token=*")
    _pay_on_the_gateway(phone, DECLINE)
    expect(phone.locator("main [role=alert]")).to_contain_text(DECLINED)
    assert [c.answer for c in gateway.callbacks] == ["APPROVED", "APPROVED"]

    # Cash on delivery instead: the order waits for the courier's cash.
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url(f"**/ar/orders/{order.number}/?token=*")
    expect(phone.locator(".order-status")).to_contain_text(TO_PAY)
    order.refresh_from_db()
    assert (order.payment_method, order.status) == ("cod", "awaiting_payment")
    assert Order.objects.count() == 1
    assert phone.evaluate(FITS)
    assert serious_violations(phone) == []
