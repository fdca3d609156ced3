"""Withdrawal on a 360 × 800 phone in Arabic (17c): the buyer of a
delivered order opens its page from the email's link, reads until when
they may withdraw, chooses what goes back and why, and sends the form;
the page stays inside the screen, right to left, without serious
accessibility violations."""

import pytest
from playwright.sync_api import expect

from shop.models import WithdrawalRequest
from shop.tests.consumer_fixtures import deliver, placed_order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
FITS = (
    "document.documentElement.scrollWidth <= window.innerWidth"
    f" && window.innerWidth === {WIDTH}"
)


@pytest.fixture
def delivered(client):
    from shop.tests.conftest import CHECKOUT_POST

    delivery = DeliveryMethodFactory(zone="morocco", price=3500)
    variant = VariantFactory(sku="ZAATAR-100", price=6500, stock=5)
    post = {**CHECKOUT_POST, "delivery_method": str(delivery.pk)}
    order = placed_order(client, variant, post, language="ar", quantity=2)
    return deliver(order, days_ago=2)


@pytest.fixture
def phone_360(browser):
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


def test_a_buyer_withdraws_from_part_of_a_delivered_order(
    live_server, phone_360, delivered
):
    page = phone_360
    page.goto(
        f"{live_server.url}/ar/orders/{delivered.number}/?token={delivered.access_token}"
    )
    assert page.locator("html").get_attribute("dir") == "rtl"
    section = page.locator("#withdrawal")
    expect(section.locator("form")).to_be_visible()
    assert page.evaluate(FITS)
    assert serious_violations(page) == []

    line = delivered.lines.get()
    page.locator(f"input[name=line-{line.pk}]").fill("1")
    page.locator("select[name=reason]").select_option("damaged")
    section.locator("button[type=submit]").click()

    page.wait_for_url(f"**/ar/orders/{delivered.number}/**")
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".withdrawal__request")).to_have_count(1)
    assert page.evaluate(FITS)
    request = WithdrawalRequest.objects.get()
    assert request.reason == "damaged"
    assert list(request.lines.values_list("quantity", flat=True)) == [1]
