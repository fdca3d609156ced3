"""The cooperative whose honey was bought sees the sale in its portal and
downloads its statement; another cooperative does not see it."""

import pytest
from django.core.management import call_command

from cooperatives.models import today
from shop.models import Cart, CartLine, DeliveryMethod, Variant
from shop.orders.states import OrderStatus, order_transition
from shop.services.checkout import CheckoutDetails, order_place
from shop.services.payments import cash_collected
from shop.services.settlements import statement_issue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def sold_honey(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--without-season")
    variant = Variant.objects.get(sku="TIF-THYM-250")
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=2)
    order = order_place(
        cart=cart,
        details=CheckoutDetails(
            email="nadia@example.ma",
            phone="+212612345678",
            full_name="Nadia",
            address_line="3 rue",
            city="Tanger",
            postal_code="",
            country="MA",
            delivery_method_id=DeliveryMethod.objects.get(zone="morocco").pk,
            payment_method="cod",
        ),
        language="ar",
    )
    for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_transition(order=order, to=step)
    cash_collected(order_id=order.pk, courier="Amana", amount=order.total, user=None)
    statement_issue(cooperative_id=variant.product.cooperative_id, period_end=today())
    return variant


def sign_in(page, base, username):
    page.goto(f"{base}/fr/portal/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("tadamon-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/fr/portal/")


def test_member_sees_the_sale_and_downloads_the_statement(
    live_server, page, sold_honey
):
    from tests.e2e.conftest import serious_violations

    sign_in(page, live_server.url, "tifawin-demnate")
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/fr/portal/sales/")
    assert "TIF-THYM-250" in page.inner_text("main")
    assert "Tanger" in page.inner_text("main")
    assert "nadia@example.ma" not in page.content()

    page.goto(f"{live_server.url}/fr/portal/statements/")
    page.locator("main table a").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    content = open(download.value.path(), encoding="utf-8").read()
    assert "TIF-THYM-250" in content

    page.context.clear_cookies()
    sign_in(page, live_server.url, "afoulki-taroudant")
    page.goto(f"{live_server.url}/fr/portal/sales/")
    assert "TIF-THYM-250" not in page.inner_text("main")
