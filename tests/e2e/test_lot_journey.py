"""A buyer scans the QR code on a jar: the lot page opens in their language."""

import pytest
from django.core.management import call_command

from shop.models import Lot
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_lot(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--without-season")
    return Lot.objects.select_related("variant__product", "cooperative").get(
        code="TIF-THYM-250-L1"
    )


@pytest.mark.parametrize(
    ("locale", "language", "direction", "heading"),
    [
        ("fr-FR", "fr", "ltr", "Contrôle qualité"),
        ("ar-MA", "ar", "rtl", "مراقبة الجودة"),
    ],
)
def test_scanning_a_label_opens_the_lot_page_in_the_phone_language(
    live_server, browser, demo_lot, locale, language, direction, heading
):
    context = browser.new_context(
        locale=locale, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    phone = context.new_page()

    phone.goto(f"{live_server.url}/lot/{demo_lot.public_code}/")

    phone.wait_for_url(f"**/{language}/lot/{demo_lot.public_code}/")
    html = phone.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    product_name = getattr(demo_lot.variant.product, f"name_{language}")
    assert phone.get_by_role("heading", level=1).inner_text() == product_name
    assert demo_lot.code in phone.inner_text("main")
    assert heading in phone.inner_text("main")
    # Held to the phone's width: a phone's innerWidth grows with what overflows.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(phone) == []
    context.close()
