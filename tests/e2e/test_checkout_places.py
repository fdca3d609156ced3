"""A buyer anywhere in Morocco, on a 360 × 800 phone: in Arabic, an order
delivered to Demnate (found by typing its Arabic name, which fills in its
province); in French, one to a mountain village found by the autocomplete
and chosen with the keyboard. Home delivery is priced by the zone of the
province, and no checkout page scrolls sideways."""

import json
import re

import pytest
from playwright.sync_api import expect

from shop.models import Order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
# A mobile browser widens its layout viewport to what overflows, so the
# page is also held to the phone's width.
FITS = (
    "document.documentElement.scrollWidth <= window.innerWidth"
    f" && window.innerWidth === {WIDTH}"
)


@pytest.fixture
def shop():
    zones = {
        "casablanca": DeliveryMethodFactory(zone="MA-CAS", price=2000, sort_order=0),
        "morocco": DeliveryMethodFactory(zone="morocco", price=3500, sort_order=1),
        "region": DeliveryMethodFactory(
            zone="MA-05",
            price=2500,
            sort_order=2,
            name_fr="Livraison Béni Mellal-Khénifra",
            name_ar="التوصيل داخل جهة بني ملال خنيفرة",
        ),
        "pickup": DeliveryMethodFactory(zone="pickup", price=0, sort_order=3),
        "abroad": DeliveryMethodFactory(zone="abroad", price=15000, sort_order=4),
    }
    return VariantFactory(sku="AMLOU-250", price=9000, stock=5), zones


@pytest.fixture
def phone_in(browser):
    contexts = []

    def open_phone(locale):
        context = browser.new_context(
            locale=locale,
            viewport={"width": WIDTH, "height": HEIGHT},
            is_mobile=True,
            has_touch=True,
        )
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def _fill_cart(page, base, language, sku):
    status = page.request.get(f"{base}/{language}/cart/status/")
    token = json.loads(status.text())["csrf_token"]
    page.request.post(
        f"{base}/{language}/cart/add/",
        form={"sku": sku, "quantity": "1", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/{language}/cart/"},
    )


def _visible_deliveries(page):
    return page.locator(".choice[data-zone] input").evaluate_all(
        "inputs => inputs.filter(input => input.checkVisibility())"
        ".map(input => [input.closest('.choice').dataset.zone, input.checked])"
    )


def _place(page, language):
    page.locator("input[name=payment_method][value=cod]").check()
    page.locator("input[name=privacy_consent]").check()
    page.locator("form.checkout-form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/checkout/review/")
    assert page.evaluate(FITS)
    page.locator("input[name=accept_terms]").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"**/{language}/orders/**")


def test_arabic_order_delivered_to_demnate(live_server, phone_in, shop):
    variant, zones = shop
    page = phone_in("ar-MA")
    _fill_cart(page, live_server.url, "ar", variant.sku)
    page.goto(live_server.url + "/ar/checkout/")
    assert page.evaluate(FITS)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_label("البريد الإلكتروني").fill("ithri@example.ma")
    page.get_by_label("الهاتف").fill("0661234567")
    page.get_by_label("الاسم الكامل").fill("إيثري أيت علي")

    town = page.get_by_role("combobox", name="المدينة أو القرية")
    town.press_sequentially("دمن", delay=40)
    demnate = page.get_by_role("option", name=re.compile("دمنات"))
    expect(demnate).to_contain_text("أزيلال، بني ملال خنيفرة")
    expect(town).to_have_attribute("aria-expanded", "true")
    assert page.evaluate(FITS)
    assert serious_violations(page) == []
    demnate.click()

    expect(town).to_have_value("دمنات")
    expect(page.locator("select[name=province]")).to_have_value("MA-AZI")
    # Azilal is in Béni Mellal-Khénifra: that region's price, and pick-up.
    assert _visible_deliveries(page) == [["MA-05", True], ["pickup", False]]
    page.get_by_label("العنوان").fill("درب القصبة 4")
    _place(page, "ar")

    order = Order.objects.get()
    assert (order.city, order.province, order.region) == ("دمنات", "MA-AZI", "MA-05")
    assert (order.delivery_method_id, order.delivery) == (zones["region"].pk, 2500)
    assert "دمنات، أزيلال، المغرب" in page.locator("main").inner_text()
    assert page.evaluate(FITS)


def test_french_order_to_a_village_found_by_autocomplete(live_server, phone_in, shop):
    variant, zones = shop
    page = phone_in("fr-MA")
    _fill_cart(page, live_server.url, "fr", variant.sku)
    page.goto(live_server.url + "/fr/checkout/")
    assert page.evaluate(FITS)
    page.get_by_label("E-mail").fill("youssef@example.ma")
    page.get_by_label("Téléphone").fill("0661234568")
    page.get_by_label("Nom complet").fill("Youssef Ait Lahcen")
    page.get_by_label("Province ou préfecture (Maroc)").select_option(label="Azilal")
    assert _visible_deliveries(page) == [["MA-05", True], ["pickup", False]]

    town = page.get_by_role("combobox", name="Ville ou village")
    town.press_sequentially("taban", delay=40)
    expect(page.get_by_role("option", name=re.compile("Tabant"))).to_contain_text(
        "Béni Mellal-Khénifra"
    )
    assert page.evaluate(FITS)
    town.press("ArrowDown")
    expect(town).to_have_attribute("aria-activedescendant", re.compile("_0$"))
    town.press("Enter")

    expect(town).to_have_value("Tabant")
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.get_by_label("Adresse").fill("Douar Aït Bouguemez")
    _place(page, "fr")

    order = Order.objects.get()
    assert (order.city, order.province, order.region) == ("Tabant", "MA-AZI", "MA-05")
    assert (order.delivery_method_id, order.delivery) == (zones["region"].pk, 2500)
    assert "Tabant, Azilal, Maroc" in page.locator("main").inner_text()
