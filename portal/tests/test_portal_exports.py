"""A statement's CSV and XLSX exports open in a member's spreadsheet, in the
member's language, with totals equal to the statement."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cooperatives.models import CooperativeMembership, today
from shop.models import EntryKind, PooledCost
from shop.services.ledger import pooled_cost_allocate
from shop.services.refunds import refund_create
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import days_later, paid_order

pytestmark = pytest.mark.django_db

HEADERS = {
    "fr": [
        "Date",
        "Écriture",
        "Canal de vente",
        "Libellé",
        "Quantité",
        "Brut TTC",
        "Réduction",
        "TVA",
        "Commission",
        "Frais de paiement",
        "Net pour la coopérative",
    ],
    "ar": [
        "التاريخ",
        "القيد",
        "قناة البيع",
        "التسمية",
        "الكمية",
        "المبلغ الإجمالي شاملًا الضريبة على القيمة المضافة",
        "التخفيض",
        "الضريبة على القيمة المضافة",
        "العمولة",
        "رسوم الأداء",
        "الصافي للتعاونية",
    ],
    "en": [
        "Date",
        "Entry",
        "Channel",
        "Label",
        "Quantity",
        "Gross incl. VAT",
        "Discount",
        "VAT",
        "Commission",
        "Payment fees",
        "Net for the cooperative",
    ],
}
BALANCES = {
    "fr": ["Solde d'ouverture", "Net de la période", "Solde de clôture"],
    "ar": ["الرصيد الافتتاحي", "صافي الفترة", "الرصيد الختامي"],
}
GROSS, VAT, COMMISSION, FEE, NET = 5, 7, 8, 9, 10


def member_of(cooperative, django_user_model, name):
    user = django_user_model.objects.create_user(name, password="pw-12345678")
    CooperativeMembership.objects.create(user=user, cooperative=cooperative)
    return user


@pytest.fixture
def season(django_user_model):
    """A statement carrying a first one's balance, with sales, a refund and
    a shared cost; and another cooperative's statement."""
    mine, theirs = VariantFactory(stock=500), VariantFactory(stock=500)
    cooperative = mine.product.cooperative
    paid_order((mine, 1))
    first = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    with days_later(1):
        order = paid_order((mine, 3))
        paid_order((mine, 2))
        refund_create(order_id=order.pk, quantities={order.lines.get().pk: 1})
        cost = PooledCost.objects.create(
            label="Bocaux", incurred_on=today(), amount=1234
        )
        pooled_cost_allocate(cost_id=cost.pk, weights={cooperative.pk: 1})
        statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    paid_order((theirs, 1))
    other = statement_issue(
        cooperative_id=theirs.product.cooperative_id, period_end=today()
    )
    return {
        "member": member_of(cooperative, django_user_model, "mine"),
        "first": first,
        "statement": statement,
        "other": other,
    }


def export_url(name, statement, language):
    with translation.override(language):
        return reverse(f"portal:statement_{name}", args=(statement.pk,))


def csv_rows(response, delimiter):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


def workbook_of(response):
    return load_workbook(io.BytesIO(response.content))


def mad(cents, mark):
    units, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units}{mark}{rest:02d}"


def test_the_statement_has_a_balance_carried_sales_a_refund_and_a_deduction(season):
    statement = season["statement"]

    assert statement.opening_balance == season["first"].closing_balance != 0
    assert statement.sales and statement.refunds < 0 and statement.deductions == -1234


def test_csv_in_french_uses_semicolons_decimal_commas_and_french_words(client, season):
    statement = season["statement"]
    client.force_login(season["member"])

    response = client.get(export_url("csv", statement, "fr"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{statement.number}.csv"' in response["Content-Disposition"]
    rows = csv_rows(response, ";")
    assert rows[0] == HEADERS["fr"]
    sale, _sale, refund, deduction, total = rows[1:6]
    assert sale[:3] == [statement.period_end.isoformat(), "Vente", "Boutique en ligne"]
    assert sale[4:] == ["3", "360,00", "0,00", "60,00", "54,00", "0,00", "246,00"]
    with translation.override("fr"):
        assert refund[1] == str(EntryKind.REFUND.label)
    assert refund[4:6] == ["-1", "-120,00"]
    assert deduction[1:5] == ["Déduction", "", "Achat groupé : Bocaux", ""]
    assert deduction[NET] == "-12,34"
    assert total[0] == "Total"
    assert total[GROSS] == mad(statement.sales + statement.refunds, ",")
    assert total[VAT] == mad(statement.vat, ",")
    assert total[COMMISSION] == mad(statement.commission, ",")
    assert total[FEE] == mad(statement.fees, ",")
    assert total[NET] == mad(statement.net_payable, ",")
    assert [row[0] for row in rows[-3:]] == BALANCES["fr"]
    assert [row[NET] for row in rows[-3:]] == [
        mad(statement.opening_balance, ","),
        mad(statement.net_payable, ","),
        mad(statement.closing_balance, ","),
    ]


def test_csv_in_arabic_has_arabic_headers_and_values(client, season):
    client.force_login(season["member"])

    rows = csv_rows(client.get(export_url("csv", season["statement"], "ar")), ";")

    assert rows[0] == HEADERS["ar"]
    assert [row[1] for row in rows[1:5]] == ["بيع", "بيع", "استرجاع المبلغ", "خصم"]
    assert rows[1][2] == "المتجر الإلكتروني"
    assert rows[1][GROSS] == "360,00"
    assert [row[0] for row in rows[-3:]] == BALANCES["ar"]


def test_csv_in_english_uses_commas_and_decimal_points(client, season):
    statement = season["statement"]
    client.force_login(season["member"])

    rows = csv_rows(client.get(export_url("csv", statement, "en")), ",")

    assert rows[0] == HEADERS["en"]
    assert rows[-1] == ["Closing balance"] + [""] * 9 + [
        mad(statement.closing_balance, ".")
    ]


def test_csv_queries_do_not_grow_with_the_entries(client, season):
    client.force_login(season["member"])

    def queries(statement):
        with CaptureQueriesContext(connection) as captured:
            rows = csv_rows(client.get(export_url("csv", statement, "fr")), ";")
        return len(captured), len(rows)

    small, large = queries(season["first"]), queries(season["statement"])

    assert large[1] > small[1]
    assert large[0] == small[0]


def test_xlsx_has_typed_cells_formats_and_totals_equal_to_the_statement(client, season):
    statement = season["statement"]
    client.force_login(season["member"])

    response = client.get(export_url("xlsx", statement, "fr"))

    assert f'filename="{statement.number}.xlsx"' in response["Content-Disposition"]
    sheet = workbook_of(response).active
    rows = list(sheet.iter_rows())
    assert sheet.title == statement.number
    assert sheet.sheet_view.rightToLeft is not True
    assert [cell.value for cell in rows[0]] == HEADERS["fr"]
    assert all(cell.font.b for cell in rows[0])
    sale = rows[1]
    assert isinstance(sale[0].value, datetime.datetime)
    assert sale[0].value.date() == statement.period_end
    assert sale[0].is_date
    assert isinstance(sale[4].value, int)
    assert isinstance(sale[GROSS].value, int | float)
    assert sale[NET].value == 246
    assert sale[GROSS].number_format == '#,##0.00 "MAD"'
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width

    total = next(row for row in rows if row[0].value == "Total")
    assert total[0].font.b
    assert round(total[GROSS].value * 100) == statement.sales + statement.refunds
    assert round(total[VAT].value * 100) == statement.vat
    assert round(total[COMMISSION].value * 100) == statement.commission
    assert round((total[FEE].value or 0) * 100) == statement.fees
    assert round(total[NET].value * 100) == statement.net_payable
    entries = rows[1 : rows.index(total)]
    assert len(entries) == statement.entries.count()
    assert round(sum(row[NET].value for row in entries) * 100) == (
        statement.net_payable
    )
    balances = rows[-3:]
    assert [row[0].value for row in balances] == BALANCES["fr"]
    assert [round(row[NET].value * 100) for row in balances] == [
        statement.opening_balance,
        statement.net_payable,
        statement.closing_balance,
    ]
    assert all(row[NET].number_format == '#,##0.00 "MAD"' for row in balances)


def test_xlsx_in_arabic_is_right_to_left_with_arabic_headers(client, season):
    client.force_login(season["member"])

    response = client.get(export_url("xlsx", season["statement"], "ar"))

    sheet = workbook_of(response).active
    assert sheet.sheet_view.rightToLeft is True
    assert [cell.value for cell in sheet[1]] == HEADERS["ar"]
    assert sheet.cell(row=sheet.max_row, column=1).value == BALANCES["ar"][-1]


@pytest.mark.parametrize("name", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_another_cooperatives_statement_exports_are_404(client, season, name, language):
    client.force_login(season["member"])

    response = client.get(export_url(name, season["other"], language))

    assert response.status_code == 404
