"""Foundation staff on a 360 px phone, in Arabic: give back part of what a
business client sent by transfer (too much is refused by its field), then
correct the order's Incoterm and due date (a due date before the order is
refused by its field). No page scrolls sideways; every control is at least
44 px high."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from cooperatives.models import today
from shop.models import BankTransfer
from shop.services.transfers import transfer_record
from shop.tests.factories import VariantFactory
from trade.models import Quote, QuoteLine
from trade.services import quote_accept, quote_send
from trade.tests.conftest import make_account, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH = 360
PASSWORD = "cle-de-test-123"  # noqa: S105

SMALL_TARGETS = """
() => [...document.querySelectorAll(
    '.transfers-staff button, .transfers-staff select,'
    + ' .transfers-staff input:not([type=hidden])'
  )].filter((el) => el.getBoundingClientRect().height < 44)
   .map((el) => el.outerHTML.slice(0, 80))
"""


def fits(page) -> None:
    assert page.evaluate("document.documentElement.dir") == "rtl"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, width
    assert page.evaluate(SMALL_TARGETS) == []


def export_order():
    from trade.models import ClientGroup

    group = ClientGroup.objects.create(name="Importateurs")
    buyer = make_user("achat@epicerie.fr")
    account = make_account(ice="008888888000022", country="FR", group=group, user=buyer)
    quote = Quote.objects.create(
        account=account,
        number="PF-PHONE-1",
        language="fr",
        request_token="phone-1",
        incoterm="FCA",
    )
    honey = VariantFactory(price=20000, stock=50)
    QuoteLine.objects.create(quote=quote, variant=honey, quantity=10, unit_price=15000)
    quote_send(quote_id=quote.pk)
    return quote_accept(quote_id=quote.pk, account=account, user=buyer)


def test_staff_give_money_back_and_correct_the_terms_on_a_phone(
    live_server, browser, django_user_model
):
    order = export_order()
    transfer_record(
        order_id=order.pk, reference="VIR-IN-1", day=today(), amount=100000, user=None
    )
    staff = django_user_model.objects.create_user(
        "salma", password=PASSWORD, is_staff=True
    )
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    UserProfile.get_for_user(staff)
    UserProfile.objects.filter(user=staff).update(preferred_language="ar")
    context = browser.new_context(
        locale="ar-MA",
        viewport={"width": WIDTH, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "salma")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")

    # 1. Give back more than was received: refused by its field.
    page.goto(f"{base}/admin/orders/{order.pk}/transfers/")
    fits(page)
    page.fill("#id_return-reference", "VIR-OUT-1")
    page.fill("#id_return-day", today().isoformat())
    page.fill("#id_return-amount", "1000.01")
    page.locator("form.transfer-return-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_return-amount-error").count() == 1
    assert not BankTransfer.objects.filter(kind="returned").exists()
    fits(page)  # with the message next to the field

    # 2. Give back 400 MAD: recorded, shown in the list.
    page.fill("#id_return-amount", "400")
    page.locator("form.transfer-return-form button[type=submit]").click()
    page.wait_for_url(f"**/orders/{order.pk}/transfers/")
    page.locator('tr[data-transfer="returned"]').wait_for()
    (back,) = BankTransfer.objects.filter(kind="returned")
    assert (back.amount, back.recorded_by) == (40000, staff)
    fits(page)

    # 3. Correct the terms: a due date before the order is refused.
    page.goto(f"{base}/admin/trade/orders/{order.pk}/terms/")
    fits(page)
    page.select_option("#id_incoterm", "CIF")
    page.fill("#id_due_on", (today() - datetime.timedelta(days=1)).isoformat())
    page.locator("form.terms-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_due_on-error").count() == 1
    order.refresh_from_db()
    assert order.incoterm == "FCA"
    fits(page)
    due = today() + datetime.timedelta(days=45)
    page.fill("#id_due_on", due.isoformat())
    page.locator("form.terms-form button[type=submit]").click()
    page.wait_for_url(f"**/trade/orders/{order.pk}/terms/")
    page.wait_for_load_state()
    order.refresh_from_db()
    assert (order.incoterm, order.payment_due_on) == ("CIF", due)
    fits(page)
