"""A hotel buys wholesale: it applies in Arabic on a phone, staff approve it
into a client group, its buyer sees the group's prices on the product page
and asks a quote by SKU, staff send the pro-forma, the buyer accepts it
online, staff record the bank transfer, the order is paid (and invoiced),
and the cooperative sees the sale under its own channel in its portal."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from cooperatives.models import CooperativeMembership
from shop.models import Order
from tests.e2e.conftest import serious_violations
from trade.models import (
    AccountStatus,
    BusinessAccount,
    ClientGroup,
    PriceListItem,
    PriceTier,
    Quote,
    QuoteStatus,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 800}
WIDE_JS = "document.documentElement.scrollWidth <= 360"


def signed_in(browser, base, user, **options):
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


@pytest.fixture
def shop_with_prices(settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    page, honey = add_product(
        ProductIndexPageFactory(parent=home), price=18000, stock=100, image=False
    )
    honey.sku = "THYM-1KG"
    honey.save()
    group = ClientGroup.objects.create(name="Hôtels")
    item = PriceListItem.objects.create(
        group=group, variant=honey, case_size=6, minimum_quantity=12
    )
    PriceTier.objects.create(item=item, from_quantity=1, unit_price=15000)
    PriceTier.objects.create(item=item, from_quantity=60, unit_price=14000)
    staff = django_user_model.objects.create_user(
        username="manager", email="manager@tadamon.ma", password="x", is_staff=True
    )
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    buyer = django_user_model.objects.create_user(
        username="achats@atlas-hotel.ma", email="achats@atlas-hotel.ma", password="x"
    )
    member = django_user_model.objects.create_user(username="coop", password="x")
    CooperativeMembership.objects.create(
        user=member, cooperative=honey.product.cooperative
    )
    return page, honey, group, staff, buyer, member


def test_a_hotel_applies_is_approved_orders_on_a_proforma_and_pays(
    live_server, browser, shop_with_prices
):
    product_page, honey, group, staff, buyer, member = shop_with_prices
    base = live_server.url

    # 1. The hotel's buyer applies, in Arabic, on a phone.
    phone = signed_in(browser, base, buyer, viewport=PHONE, is_mobile=True).new_page()
    phone.goto(f"{base}/ar/trade/apply/")
    assert phone.get_attribute("html", "dir") == "rtl"
    phone.fill("#id_company_name", "فندق أطلس")
    phone.fill("#id_ice", "12345")
    phone.fill("#id_address", "47، شارع أنفا")
    phone.fill("#id_city", "الدار البيضاء")
    phone.fill("#id_contact_name", "نادية برادة")
    phone.fill("#id_email", "achats@atlas-hotel.ma")
    phone.fill("#id_phone", "+212522201010")
    phone.click("main form button[type=submit]")
    # The wrong ICE, by its field (expect waits for the answer page to load).
    expect(phone.locator("#id_ice_error")).to_be_visible()
    assert not BusinessAccount.objects.exists()
    assert phone.evaluate(WIDE_JS)
    assert serious_violations(phone) == []
    phone.fill("#id_ice", "001 525 874 000 072")
    phone.click("main form button[type=submit]")
    phone.wait_for_url(f"{base}/ar/trade/apply/sent/")
    account = BusinessAccount.objects.get()
    assert (account.status, account.applicant) == (AccountStatus.PENDING, buyer)

    # 2. Staff approve it into the hotels' group.
    admin = signed_in(browser, base, staff, locale="fr-FR").new_page()
    admin.goto(f"{base}/admin/snippets/trade/businessaccount/")
    admin.get_by_role("link", name=re.compile("Approve|Approuver")).first.click()
    admin.select_option("#id_group", str(group.pk))
    admin.click("button[name=approve]")
    admin.wait_for_url(re.compile(r"/admin/snippets/trade/businessaccount/$"))
    account.refresh_from_db()
    assert account.status == AccountStatus.APPROVED

    # 3. The buyer sees the group's prices on the (shared, cached) product page.
    phone.goto(f"{base}{product_page.get_url()}".replace("/fr/", "/ar/"))
    prices = phone.locator("[data-trade-prices]")
    prices.wait_for(state="visible")
    assert "150" in prices.inner_text() and "140" in prices.inner_text()
    assert phone.evaluate(WIDE_JS)

    # 4. A quick order by SKU: below the case is refused by its row, then sent.
    phone.goto(f"{base}/ar/trade/order/")
    phone.fill("#id_rows-0-sku", "thym-1kg")
    phone.fill("#id_rows-0-quantity", "61")
    phone.click("main form button[type=submit]")
    expect(phone.locator("#id_rows-0-quantity_error")).to_be_visible()
    assert phone.evaluate(WIDE_JS)
    phone.fill("#id_rows-0-quantity", "60")
    phone.click("main form button[type=submit]")
    phone.wait_for_url(re.compile(r"/ar/trade/quotes/PF-"))
    quote = Quote.objects.get()
    assert quote.lines.get().unit_price == 14000
    assert serious_violations(phone) == []

    # 5. Staff add the delivery and send the pro-forma.
    admin.goto(f"{base}/admin/snippets/trade/quote/edit/{quote.pk}/")
    admin.fill("#id_delivery", "6000")
    admin.get_by_role("button", name=re.compile("^(Save|Enregistrer)")).first.click()
    admin.wait_for_url(re.compile(r"/admin/snippets/trade/quote/"))
    quote.refresh_from_db()
    assert quote.delivery == 6000
    admin.goto(f"{base}/admin/trade/quotes/{quote.pk}/send/")
    admin.locator(".nice-padding form button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/snippets/trade/quote/$"))
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT

    # 6. The buyer downloads the pro-forma and accepts it.
    phone.goto(f"{base}/ar/trade/quotes/{quote.number}/")
    pdf = phone.request.get(f"{base}/ar/trade/quotes/{quote.number}/proforma.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    phone.click("main form button[type=submit]")
    phone.wait_for_url(re.compile(r"/ar/orders/WH-"))
    assert phone.evaluate(WIDE_JS)
    order = Order.objects.get()
    assert (order.channel, order.payment_method) == ("wholesale", "transfer")
    assert order.total == 60 * 14000 + 6000
    honey.refresh_from_db()
    assert honey.stock == 40

    # 7. Staff record the bank transfer: the order is paid.
    admin.goto(f"{base}/admin/orders/{order.pk}/transfers/")
    admin.fill("#id_reference", "VIR-2026-7781")
    # Typed: a date field's initial value, localised, may not show in it.
    admin.fill("#id_day", timezone.localdate().isoformat())
    admin.fill("#id_amount", str(order.total // 100))
    admin.locator("form.transfer-form button[type=submit]").click()
    admin.wait_for_load_state()
    order.refresh_from_db()
    assert order.paid_at is not None, admin.locator(".error-message").all_inner_texts()
    invoices = getattr(order, "invoices", None)
    if invoices is not None:
        assert invoices.count() == 1

    # 8. The cooperative sees the sale under its own channel.
    portal = signed_in(browser, base, member, locale="en-GB").new_page()
    portal.goto(f"{base}/en/portal/sales/")
    assert "Wholesale" in portal.inner_text("main")
