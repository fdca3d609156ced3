"""Pooled purchasing, end to end: a cooperative member orders jars in Arabic
on a 360 px phone; the closing date passes; staff close the round and
record the delivery in the Wagtail admin; the deduction appears on the
member's next statement with its reason in Arabic."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from cooperatives.models import CooperativeMembership, today
from portal.entries import _SENTENCES
from shop.models import EntryKind, LedgerEntry, PurchaseOrder
from shop.money import format_mad
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.purchasing_fixtures import JARS_500, make_round, past_closing
from shop.tests.test_ledger import paid_order
from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
PASSWORD = "pw-purchasing-2026"


@pytest.fixture
def scene(django_user_model):
    variant = VariantFactory(stock=20, price=15000)
    cooperative = variant.product.cooperative
    paid_order((variant, 2))  # a sale, so the statement has money to deduct from
    member = django_user_model.objects.create_user("nadia", password=PASSWORD)
    CooperativeMembership.objects.create(user=member, cooperative=cooperative)
    staff = django_user_model.objects.create_user("staff", password=PASSWORD)
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    return {"cooperative": cooperative, "round": make_round()}


def phone(browser):
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
    )
    return context.new_page()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_member_orders_jars_staff_deliver_and_the_statement_deducts_them(
    live_server, browser, scene
):
    base = live_server.url
    purchasing_round = scene["round"]
    jars, _lids = purchasing_round.items.order_by("pk")

    # The member orders 600 jars, in Arabic, on a phone.
    member = phone(browser)
    member.goto(f"{base}/ar/portal/login/")
    member.locator("input[name=username]").fill("nadia")
    member.locator("input[name=password]").fill(PASSWORD)
    member.locator("main form button[type=submit]").click()
    member.wait_for_url(f"{base}/ar/portal/")
    member.locator(".portal-nav a[href*='/portal/purchasing/']").click()
    member.wait_for_url("**/ar/portal/purchasing/**")
    assert member.locator("html").get_attribute("dir") == "rtl"
    assert fits(member)
    member.locator(".purchasing-rounds .card__title a").first.click()
    quantity = member.locator(f"input[name=item-{jars.pk}]")
    quantity.fill("-3")
    member.locator(".purchasing-form button[type=submit]").click()
    # Refused beside the field, and announced with it.
    error = member.locator(f"#id_item-{jars.pk}_error")
    expect(error).to_be_visible()  # waits for the answer page
    assert quantity.get_attribute("aria-describedby") == f"id_item-{jars.pk}_error"
    assert not PurchaseOrder.objects.exists()
    quantity.fill("600")
    member.locator(".purchasing-form button[type=submit]").click()
    member.wait_for_selector(".message--success")
    assert member.locator(f"input[name=item-{jars.pk}]").input_value() == "600"
    assert fits(member)
    assert serious_violations(member) == []
    assert PurchaseOrder.objects.get().quantity == 600

    # The closing date passes; staff close the round and record the delivery.
    past_closing(purchasing_round)
    desk = browser.new_context(locale="ar-MA").new_page()
    desk.goto(f"{base}/admin/login/")
    desk.locator("input[name=username]").fill("staff")
    desk.locator("input[name=password]").fill(PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    desk.wait_for_url(f"{base}/admin/")
    desk.goto(f"{base}/admin/purchasing/rounds/{purchasing_round.pk}/")
    desk.locator("input[name=supplier]").fill("Verrerie du Souss")
    desk.locator("input[name=reference]").fill("VS-2026-7")
    desk.locator("button[name=close]").click()
    received = desk.locator(f"input[name=received-{jars.pk}-{scene['cooperative'].pk}]")
    assert received.input_value() == "600"
    received.fill("590")  # ten jars broke on the way
    desk.locator("button[name=deliver]").click()
    desk.wait_for_selector(".bulk-delivered-cost")
    desk.context.close()
    entry = LedgerEntry.objects.get(kind=EntryKind.DEDUCTION)
    assert entry.net == -590 * JARS_500

    # The next statement carries the deduction, explained in Arabic.
    statement = statement_issue(
        cooperative_id=scene["cooperative"].pk, period_end=today()
    )
    member.goto(f"{base}/ar/portal/statements/{statement.pk}/")
    with translation.override("ar"):
        reason = gettext(_SENTENCES["purchase"]) % {
            "round": "مشتريات التعبئة للربيع",
            "quantity": 590,
            "item": "برطمان 250 مل",
            "price": format_mad(JARS_500, "ar"),
        }
    entries = member.locator(".statement table.stack-table tbody").inner_text()
    assert reason in entries
    assert fits(member)
    member.context.close()
