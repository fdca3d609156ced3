"""Quality on a 360 px phone in Arabic: a member opens their inspections and
one report (criteria in Arabic, right to left), and a buyer scanning a lot's
QR code reads its last inspection; no page scrolls sideways."""

from decimal import Decimal

import pytest

from cooperatives.models import CooperativeMembership
from shop.tests.factories import VariantFactory
from shop.tests.quality_factories import GOOD, honey_book, inspect, receive_lot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = 360


def test_quality_pages_read_right_to_left_on_a_phone(
    browser, live_server, django_user_model
):
    honey_book()
    lot = receive_lot(VariantFactory(stock=0, sku="TIF-THYM-250"), "L-2026-0042")
    member = django_user_model.objects.create_user("amina", password="pw-quality-1")
    CooperativeMembership.objects.create(user=member, cooperative=lot.cooperative)
    inspection = inspect(lot, {**GOOD, "Colour": Decimal("95.5")}, language="ar")
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}/ar/portal/login/")
    page.locator("input[name=username]").fill("amina")
    page.locator("input[name=password]").fill("pw-quality-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/ar/portal/")
    page.goto(f"{base}/ar/portal/quality/")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    page.locator(f'a[href^="/ar/portal/quality/{inspection.pk}/"]').click()
    page.wait_for_url(f"**/quality/{inspection.pk}/**")

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    text = page.locator("main").inner_text()
    assert "الرطوبة" in text and "اللون" in text
    assert "95,5" in text

    page.goto(f"{base}/lot/{lot.public_code}/")
    assert "/ar/lot/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert "آخر تفتيش" in page.locator("main").inner_text()
    context.close()
