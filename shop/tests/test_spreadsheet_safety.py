"""Text that buyers, editors or staff typed never runs as a formula in the
spreadsheet that opens an export (CSV injection)."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheet import safe_cell
from shop.models import Order
from shop.tests.test_lots import buy, lot, receive

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_start_becomes_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Amina", "", 12, None, "ok=1", "عسل"])
def test_anything_else_is_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.django_db
def test_the_recall_list_writes_buyers_text_as_text(client, django_user_model):
    from shop.tests.factories import VariantFactory

    honey = VariantFactory(stock=0)
    receive(honey, ("L-X", 5, 100))
    order = buy(honey, 1)
    Order.objects.filter(pk=order.pk).update(
        full_name='=HYPERLINK("http://evil","click")', city="@SUM(1)"
    )
    staff = django_user_model.objects.create_user("s", "s@x.ma", "pw-12345678")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    client.force_login(staff)

    url = reverse("shop_lot_detail", args=(lot("L-X").pk,))
    response = client.get(url, {"export": "csv"})

    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    # Headers in the staff member's language (the admin's, Arabic by
    # default) and that language's spreadsheet delimiter.
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][0] == "الطلب" and len(rows[0]) == 7
    assert rows[1][2] == '\'=HYPERLINK("http://evil","click")'
    assert rows[1][5] == "'@SUM(1)"


@pytest.mark.django_db
def test_a_cost_name_cannot_become_a_formula_in_the_statement_xlsx(
    client, django_user_model
):
    from cooperatives.models import CooperativeMembership, today
    from shop.models import PooledCost
    from shop.services.ledger import pooled_cost_allocate
    from shop.services.settlements import statement_issue
    from shop.tests.factories import VariantFactory
    from shop.tests.test_ledger import paid_order

    variant = VariantFactory(stock=5)
    coop = variant.product.cooperative
    paid_order((variant, 1))
    cost = PooledCost.objects.create(
        label_fr="=1+1", label_ar="=1+1", incurred_on=today(), amount=100
    )
    pooled_cost_allocate(cost_id=cost.pk, weights={coop.pk: 1})
    statement = statement_issue(cooperative_id=coop.pk, period_end=today())
    user = django_user_model.objects.create_user("m", "m@x.ma", "pw-12345678")
    CooperativeMembership.objects.create(user=user, cooperative=coop)
    client.force_login(user)

    response = client.get(f"/fr/portal/statements/{statement.pk}/xlsx/")

    sheet = load_workbook(io.BytesIO(response.content)).active
    labels = [row[3] for row in sheet.iter_rows(values_only=True)]
    assert "Achat groupé : =1+1" in labels  # the sentence starts with words
    assert all(not str(label).startswith("=") for label in labels if label)
