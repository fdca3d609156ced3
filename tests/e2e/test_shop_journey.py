import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from cms.models import ProductPage
from shop.models import Order
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--without-season")


def test_arabic_buyer_orders_on_a_phone_and_pays_cash(live_server, phone, demo):
    product_page = ProductPage.objects.get(product__variants__sku="TIF-THYM-250")
    phone.goto(live_server.url + "/ar/muntajat/?cooperative=tifawin-demnate")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert serious_violations(phone) == []

    phone.get_by_role("link", name=product_page.title_ar).first.click()
    phone.wait_for_url(f"**/ar/muntajat/{product_page.slug_ar}/")
    assert serious_violations(phone) == []
    phone.locator("form.add-to-cart").first.get_by_role("button").click()
    # The page is shareable; visitor.js fetches this visitor's count.
    expect(phone.locator("[data-cart-count]")).to_have_text("1")

    phone.goto(live_server.url + "/ar/cart/")
    assert serious_violations(phone) == []
    phone.get_by_role("link", name="إتمام الطلب").click()
    phone.get_by_label("البريد الإلكتروني").fill("fatima@example.ma")
    phone.get_by_label("الهاتف").fill("0612345678")
    phone.get_by_label("الاسم الكامل").fill("فاطمة الزهراء")
    phone.get_by_label("الإقليم أو العمالة (المغرب)").select_option(value="MA-RAB")
    phone.get_by_label("المدينة أو القرية").fill("الرباط")
    phone.get_by_label("العنوان").fill("12 زنقة واد سبو، أكدال")
    phone.locator("input[name=delivery_method]").nth(1).check()
    phone.locator("input[name=payment_method][value=cod]").check()
    phone.locator("input[name=privacy_consent]").check()
    assert serious_violations(phone) == []
    phone.locator("form.checkout-form button[type=submit]").click()

    phone.wait_for_url("**/ar/checkout/review/")
    assert serious_violations(phone) == []
    phone.locator("input[name=accept_terms]").check()
    phone.locator("main form button[type=submit]").last.click()

    phone.wait_for_url("**/ar/orders/**")
    order = Order.objects.get()
    assert order.number in phone.get_by_role("heading", level=1).inner_text()
    assert order.status == "awaiting_payment"
    assert order.language == "ar"
    assert order.lines.get().sku == "TIF-THYM-250"
    # Held to the phone's width: a phone's innerWidth grows with what overflows.
    width = phone.viewport_size["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(phone) == []
    assert len(mail.outbox) == 1
    assert order.number in mail.outbox[0].subject
    assert "الدفع" in mail.outbox[0].body or "د.م." in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["Content-Language"] == "ar"
