"""Selling at a fair with no connection: three sales made offline (one by
its lot code, as a scanned QR code gives it), kept through a reload, sent
when the network is back, accepted once even when a second browser sends
them again; then the session closes and its money reaches the ledger."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from cooperatives.models import today
from pos.models import Sale
from pos.selectors import session_reconcile
from pos.services import pos_session_close, pos_session_open, pos_transfer_out
from pos.tests.conftest import assert_lot_conserved, receive
from shop.models import LedgerEntry, Order
from shop.tests.factories import VariantFactory
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def fair_session(django_user_model):
    honey = VariantFactory(
        stock=0, sku="TIF-THYM-250", price=11500, product__name_fr="Miel de thym"
    )
    oil = VariantFactory(
        stock=0, sku="ARG-OIL-100", price=9000, product__name_fr="Huile d'argan"
    )
    honey_lot = receive(honey, "L-HONEY", 10)
    oil_lot = receive(oil, "L-OIL", 5)
    session = pos_session_open(channel="fair", place="Salon de Meknès", date=today())
    pos_transfer_out(session_id=session.pk, quantities={honey_lot.pk: 3, oil_lot.pk: 2})
    seller = django_user_model.objects.create_user(username="seller", password="x")
    seller.user_permissions.add(Permission.objects.get(codename="sell_at_pos"))
    return session, honey_lot, oil_lot, seller


def signed_in_context(browser, base, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    return context


def open_till(page, url):
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_function(
        "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)"
    )


def tap(page, text):
    page.locator(".pos-product", has_text=text).click()


def record(page):
    page.click("#pos-record")
    page.wait_for_selector("#pos-receipt:not([hidden])")


def test_fair_sales_made_offline_are_synced_once(live_server, browser, fair_session):
    session, honey_lot, oil_lot, seller = fair_session
    base = live_server.url
    context = signed_in_context(browser, base, seller, locale="fr-FR")
    page = context.new_page()
    open_till(page, f"{base}/fr/pos/")
    assert page.locator(".pos-product").count() == 2
    # What Lighthouse asks Chrome: can this page be installed as an app?
    # (Playwright's contexts are incognito windows, which Chrome never
    # installs from: that one reason is not the app's.)
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    assert cdp.send("Page.getAppManifest")["errors"] == []

    context.set_offline(True)
    # 1: a jar of honey, paid cash with a 200 MAD note: the change is shown.
    tap(page, "Miel de thym")
    page.fill("#pos-cash", "200")
    assert "85" in page.inner_text("#pos-change")
    record(page)
    assert "85" in page.inner_text("#pos-receipt")
    # 2: a bottle of oil on the card terminal, receipt in Arabic.
    tap(page, "Huile d'argan")
    page.check("input[name=method][value=card]")
    page.fill("#pos-reference", "TPE-4471")
    page.select_option("#pos-receipt-language", "ar")
    record(page)
    assert page.get_attribute("#pos-receipt", "dir") == "rtl"
    assert "TPE-4471" in page.inner_text("#pos-receipt")
    # 3: the honey's lot code, as the QR code on its label gives it.
    page.check("input[name=method][value=cash]")
    page.fill("#pos-code", f"{base}/lot/{honey_lot.public_code}/")
    page.press("#pos-code", "Enter")
    assert page.locator("#pos-lines li").count() == 1
    record(page)
    assert page.get_attribute("#pos-status", "data-waiting") == "3"
    assert Sale.objects.count() == 0

    page.reload()  # still offline: the service worker serves the till
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator(".pos-sale[data-state='pending']").count() == 3
    assert page.get_attribute("#pos-status", "data-waiting") == "3"

    context.set_offline(False)
    page.click("#pos-sync")
    page.wait_for_selector("#pos-status[data-waiting='0']")
    assert page.locator(".pos-sale[data-state='synced']").count() == 3

    assert Sale.objects.filter(status="accepted").count() == 3
    orders = Order.objects.filter(channel="fair")
    assert orders.count() == 3
    devices = set(Sale.objects.values_list("device_id", flat=True))
    assert len(devices) == 1
    assert sorted(Sale.objects.values_list("receipt_number", flat=True)) == [1, 2, 3]
    assert Sale.objects.get(receipt_number=2).card_reference == "TPE-4471"
    assert Order.objects.get(pos_sale__receipt_number=2).language == "ar"

    # A second browser sends the very same sales again: nothing doubles.
    sales = page.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open("tadamon-pos", 1);
          open.onsuccess = () => {
            const get = open.result.transaction("sales").objectStore("sales").getAll();
            get.onsuccess = () => resolve(get.result);
          };
        })"""
    )
    other = signed_in_context(browser, base, seller, locale="fr-FR")
    second = other.new_page()
    open_till(second, f"{base}/fr/pos/")
    second.evaluate(
        """(sales) => new Promise((resolve) => {
          const open = indexedDB.open("tadamon-pos", 1);
          open.onsuccess = () => {
            const t = open.result.transaction("sales", "readwrite");
            for (const sale of sales) {
              t.objectStore("sales").put({...sale, state: "pending"});
            }
            t.oncomplete = () => resolve(true);
          };
        })""",
        sales,
    )
    second.reload()
    second.wait_for_selector("body[data-ready='1']")
    second.click("#pos-sync")
    second.wait_for_selector("#pos-status[data-waiting='0']")
    assert Sale.objects.count() == 3 and Order.objects.count() == 3

    report = session_reconcile(session)
    pos_session_close(
        session_id=session.pk,
        counted={(str(r.device_id), r.payment_method): r.expected for r in report.rows},
    )
    entries = LedgerEntry.objects.filter(kind="sale", channel="fair")
    assert entries.count() == 3
    assert set(entries.values_list("occurred_on", flat=True)) == {session.date}
    assert_lot_conserved(honey_lot)
    assert_lot_conserved(oil_lot)
    honey_lot.refresh_from_db()
    assert (honey_lot.sold, honey_lot.at_pos, honey_lot.stock) == (2, 0, 8)
    other.close()
    context.close()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_till_fits_a_360_px_phone(live_server, browser, fair_session, language):
    session, _honey, _oil, seller = fair_session
    context = signed_in_context(
        browser,
        live_server.url,
        seller,
        locale=f"{language}-MA",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    open_till(page, f"{live_server.url}/{language}/pos/")
    page.locator(".pos-product").first.click()
    record(page)
    # Online: the sale leaves at once (and no request is left in flight).
    page.wait_for_selector(".pos-sale[data-state='synced']")
    page.wait_for_selector("#pos-status[data-waiting='0']")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"the till scrolls sideways in {language}"
    )
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    assert serious_violations(page) == []
    # The staff's screens of the same session, on the same phone.
    seller.user_permissions.add(Permission.objects.get(codename="manage_pos"))
    for screen in ("stock", "close"):
        page.goto(f"{live_server.url}/{language}/pos/sessions/{session.pk}/{screen}/")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        ), f"the {screen} screen scrolls sideways in {language}"
        assert serious_violations(page) == []
    context.close()
