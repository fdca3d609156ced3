"""Statement exports made for the spreadsheet a member opens (Excel or
LibreOffice), in the member's language: translated headers and values,
amounts in dirhams, then a totals row and the statement's balances.

The columns are defined once, in COLUMNS; `StatementTable` turns a
statement's entries into rows of typed values (dates, numbers, amounts in
centimes) and each format writes them its own way: `csv_chunks` as text with
the locale's separators, `xlsx_workbook` as typed, formatted cells.

Every translated string is looked up when the table is made, in the view:
a streamed CSV is written after the view returns, and per row it only reads
dictionaries (no query, no translation lookup)."""

import csv
import functools
import io
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connections, transaction
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cooperatives.choices import SalesChannel
from core.spreadsheet import (
    BYTE_ORDER_MARK,
    cents_text,
    csv_separators,
    safe_cell,
)
from portal.entries import as_text

DATE, TEXT, COUNT, MONEY = "date", "text", "count", "money"


@dataclass(frozen=True)
class Column:
    header: str  # lazily translated
    field: str  # the ledger entry's field
    kind: str  # DATE, TEXT, COUNT or MONEY (stored in centimes)
    width: int  # in characters, for the XLSX sheet


COLUMNS = (
    Column(_("Date"), "occurred_on", DATE, 12),
    Column(_("Entry"), "kind", TEXT, 22),
    Column(_("Channel"), "channel", TEXT, 22),
    Column(_("Label"), "description", TEXT, 60),
    Column(_("Quantity"), "quantity", COUNT, 10),
    Column(_("Gross incl. VAT"), "gross", MONEY, 17),
    Column(_("Discount"), "discount", MONEY, 15),
    Column(_("VAT"), "vat", MONEY, 15),
    Column(_("Commission"), "commission", MONEY, 15),
    Column(_("Payment fees"), "fee", MONEY, 15),
    Column(_("Net for the cooperative"), "net", MONEY, 19),
)
FIELDS = [column.field for column in COLUMNS]
MONEY_INDEXES = [i for i, column in enumerate(COLUMNS) if column.kind == MONEY]
KIND, CHANNEL, DESCRIPTION, QUANTITY, NET = (
    FIELDS.index(name) for name in ("kind", "channel", "description", "quantity", "net")
)


def read_through(queryset, chunk_size: int = 5000) -> Iterator:
    """Every row of `queryset`, fetched `chunk_size` at a time, planned to be
    read to the end.

    On PostgreSQL, Django reads with a server-side cursor, which the planner
    optimises for its first tenth (``cursor_tuple_fraction``): index lookups
    per row, which for a year of entries joined to their order lines and
    orders cost twice the hash joins of a plan for the whole result. Inside
    a transaction the fraction is set to 1 for this read only (``SET
    LOCAL``), and the cursor streams instead of being copied at commit."""
    if connections[queryset.db].vendor != "postgresql":
        yield from queryset.iterator(chunk_size=chunk_size)
        return
    with transaction.atomic(using=queryset.db):
        with connections[queryset.db].cursor() as cursor:
            cursor.execute("SET LOCAL cursor_tuple_fraction = 1")
        yield from queryset.iterator(chunk_size=chunk_size)


class StatementTable:
    """A statement's entries as rows, then its totals and balances.

    `entries` is the statement's entries, described (the portal's
    selectors, portal.entries). The totals row sums the amount columns as
    the rows go by, so it equals the statement's figures: gross = sales +
    refunds, VAT, the commission, the fees and the net of the period."""

    def __init__(self, statement, entries, *, describe=None):
        """`describe(entry)`: the description cell of an entry, when not the
        plain text of the exports (the PDF marks names with their
        language: portal.entries.as_html)."""
        self.statement = statement
        self._entries = entries
        self._describe = describe
        self.headers = [str(column.header) for column in COLUMNS]
        kind_field = entries.model._meta.get_field("kind")
        self._labels = {
            "kind": {value: str(label) for value, label in kind_field.flatchoices},
            "channel": {choice.value: str(choice.label) for choice in SalesChannel},
        }
        self._total_label = str(_("Total"))
        self._balance_labels = [
            (str(_("Opening balance")), statement.opening_balance),
            (str(_("Net of the period")), statement.net_payable),
            (str(_("Closing balance")), statement.closing_balance),
        ]
        self.totals = {}

    def rows(self) -> Iterator[list]:
        """The entries, oldest first: dates, translated kind and channel,
        amounts in centimes; a deduction has no quantity."""
        kinds, channels = self._labels["kind"], self._labels["channel"]
        totals = self.totals = dict.fromkeys(MONEY_INDEXES, 0)
        isolate = get_language_bidi()
        language = get_language()
        # Every column but the description, which is made here.
        fields = operator.itemgetter(*(f for f in FIELDS if f != "description"))
        for entry in read_through(self._entries):
            row = list(fields(entry))
            if self._describe is not None:
                description = self._describe(entry)
            else:
                # Names come from editors and staff: never run as a formula.
                description = safe_cell(
                    as_text(entry, isolate=isolate, language=language)
                )
            row.insert(DESCRIPTION, description)
            row[KIND] = kinds.get(row[KIND], row[KIND])
            row[CHANNEL] = channels.get(row[CHANNEL], row[CHANNEL])
            row[QUANTITY] = row[QUANTITY] or None
            for index in MONEY_INDEXES:
                totals[index] += row[index]
            yield row

    def total_row(self) -> list:
        """The sums of the amount columns (call after `rows`)."""
        row = [None] * len(COLUMNS)
        row[0] = self._total_label
        for index, total in self.totals.items():
            row[index] = total
        return row

    def balance_rows(self) -> list[list]:
        """Opening balance, net of the period and closing balance, each
        in the net column."""
        rows = []
        for label, amount in self._balance_labels:
            row = [None] * len(COLUMNS)
            row[0], row[NET] = label, amount
            rows.append(row)
        return rows


CSV_CHUNK_ROWS = 2000


def csv_chunks(table: StatementTable, language: str) -> Iterator[str]:
    """The CSV text, in chunks of rows, starting with a byte-order mark so
    Excel reads UTF-8 (Arabic and accents) instead of the system code page."""
    delimiter, mark = csv_separators(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)

    # The same few amounts come back on most rows (a price times a
    # quantity): formatting each once keeps a year of entries fast.
    @functools.lru_cache(maxsize=65536)
    def money(cents):
        return cents_text(cents, mark)

    def text(row):
        for index in MONEY_INDEXES:
            if row[index] is not None:
                row[index] = money(row[index])
        if hasattr(row[0], "isoformat"):  # 2026-01-31: read as a date everywhere
            row[0] = row[0].isoformat()
        return row

    def flush():
        chunk = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return chunk

    yield BYTE_ORDER_MARK
    writer.writerow(table.headers)
    for count, row in enumerate(table.rows(), start=1):
        writer.writerow(text(row))
        if count % CSV_CHUNK_ROWS == 0:
            yield flush()
    writer.writerow(text(table.total_row()))
    writer.writerow([])
    writer.writerows(text(row) for row in table.balance_rows())
    yield flush()


# Number format 14 is the "short date" Excel and LibreOffice show in the
# reader's own system format (31/01/2026 in French).
DATE_FORMAT = "mm-dd-yy"
MONEY_FORMAT = '#,##0.00 "MAD"'


def xlsx_workbook(table: StatementTable, *, right_to_left: bool) -> Workbook:
    """One sheet named after the statement: a bold header row, one row per
    entry with real dates and amounts in MAD, the totals row and the
    balances in bold; right to left for Arabic."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.statement.number[:31])
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width

    bold = Font(bold=True)

    def styled(value, *, number_format=None, font=None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        if number_format:
            cell.number_format = number_format
        if font:
            cell.font = font
        return cell

    def cells(row: Iterable, font=None) -> list:
        # Only dates, amounts and bold rows need a cell of their own: plain
        # values are written as they are, which is faster.
        result = []
        for column, value in zip(COLUMNS, row, strict=True):
            if value is None:
                result.append(None)
            elif column.kind == MONEY:
                result.append(
                    styled(value / 100, number_format=MONEY_FORMAT, font=font)
                )
            elif column.kind == DATE and not isinstance(value, str):
                result.append(styled(value, number_format=DATE_FORMAT, font=font))
            else:
                result.append(styled(value, font=font) if font else value)
        return result

    sheet.append([styled(header, font=bold) for header in table.headers])
    for row in table.rows():
        sheet.append(cells(row))
    sheet.append(cells(table.total_row(), bold))
    sheet.append([])
    for row in table.balance_rows():
        sheet.append(cells(row, bold))
    return workbook
