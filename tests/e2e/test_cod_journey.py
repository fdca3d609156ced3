"""Cash on delivery said plainly, on a 360 × 800 phone in Arabic: a buyer
without an email pays cash and collects the order at the store (the address
fields go away), reads "to pay on delivery", then, as a guest in another
browser, finds the order again with its number and the phone written
another way."""

import json

import pytest
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import Site

from shop.models import LegalPages, Order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
FITS = (
    "document.documentElement.scrollWidth <= window.innerWidth"
    f" && window.innerWidth === {WIDTH}"
)
TO_PAY = "يُدفع عند الاستلام"


@pytest.fixture
def shop():
    from cms.tests.factories import StandardPageFactory

    DeliveryMethodFactory(zone="morocco", price=3500, sort_order=0)
    pickup = DeliveryMethodFactory(
        zone="pickup",
        price=0,
        sort_order=1,
        name_ar="الاستلام من المتجر التضامني",
        name_fr="Retrait à la boutique solidaire",
    )
    site = Site.objects.get(is_default_site=True)
    terms = StandardPageFactory(
        parent=site.root_page.specific,
        title_ar="شروط البيع",
        slug="terms-of-sale",
        slug_ar="shurut-al-bay",
        slug_en="terms-of-sale",
    )
    LegalPages.objects.update_or_create(site=site, defaults={"terms_page": terms})
    return VariantFactory(sku="AMLOU-250", price=9000, stock=5), pickup


@pytest.fixture
def phone_in(browser):
    contexts = []

    def open_phone():
        context = browser.new_context(
            locale="ar-MA",
            viewport={"width": WIDTH, "height": HEIGHT},
            is_mobile=True,
            has_touch=True,
        )
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def _fill_cart(page, base, sku):
    status = page.request.get(f"{base}/ar/cart/status/")
    token = json.loads(status.text())["csrf_token"]
    page.request.post(
        f"{base}/ar/cart/add/",
        form={"sku": sku, "quantity": "1", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/ar/cart/"},
    )


def test_cash_and_pickup_without_email_then_found_as_a_guest(
    live_server, phone_in, shop
):
    variant, pickup = shop
    page = phone_in()
    _fill_cart(page, live_server.url, variant.sku)
    page.goto(live_server.url + "/ar/checkout/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate(FITS)

    page.get_by_label("الهاتف").fill("0661234567")
    page.get_by_label("الاسم الكامل").fill("إيثري أيت علي")
    address = page.locator("fieldset[data-address]")
    expect(address).to_be_visible()
    page.locator('.choice[data-zone="pickup"] input').check()
    expect(address).to_be_hidden()
    expect(page.locator("select[name=country]")).to_be_disabled()
    page.locator("input[name=payment_method][value=cod]").check()
    page.locator("input[name=privacy_consent]").check()
    assert page.evaluate(FITS)
    page.locator("form.checkout-form button[type=submit]").click()

    page.wait_for_url("**/ar/checkout/review/")
    main = page.locator("main")
    expect(main).to_contain_text("الاستلام من المتجر التضامني")
    expect(main).to_contain_text("الدفع عند الاستلام")  # the payment method
    terms = page.locator("label[for=id_accept_terms] a")
    assert page.request.get(live_server.url + terms.get_attribute("href")).ok
    assert page.evaluate(FITS)
    assert serious_violations(page) == []
    page.locator("input[name=accept_terms]").check()
    page.locator("main form button[type=submit]").last.click()

    page.wait_for_url("**/ar/orders/**")
    order = Order.objects.get()
    assert (order.email, order.phone, order.city) == ("", "+212661234567", "")
    assert order.delivery_method_id == pickup.pk
    expect(page.locator(".order-status")).to_contain_text(TO_PAY)
    assert mail.outbox == []
    assert page.evaluate(FITS)
    assert serious_violations(page) == []

    guest = phone_in()  # another browser: no session, no link
    guest.goto(live_server.url + "/ar/orders/find/")
    assert guest.evaluate(FITS)
    number = guest.get_by_label("رقم الطلب")
    contact = guest.get_by_label("الهاتف أو البريد الإلكتروني")
    number.fill(order.number)
    contact.fill("0699999999")
    guest.locator("main form button[type=submit]").click()
    expect(guest.locator("main [role=alert]")).to_contain_text(
        "لا يوجد طلب يطابق هذا الرقم"
    )
    assert serious_violations(guest) == []

    guest.get_by_label("رقم الطلب").fill(order.number.lower().replace("-", " "))
    guest.get_by_label("الهاتف أو البريد الإلكتروني").fill("+212 6 61 23 45 67")
    guest.locator("main form button[type=submit]").click()

    guest.wait_for_url(f"**/ar/orders/{order.number}/?token=*")
    expect(guest.locator(".order-status")).to_contain_text(TO_PAY)
    expect(guest.get_by_role("heading", level=1)).to_contain_text(order.number)
    assert guest.evaluate(FITS)
