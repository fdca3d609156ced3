"""Printable documents of the cooperative portal: a statement as a PDF, in the
reader's language, right to left in Arabic.

Rendered by `core.pdf` (WeasyPrint, the site's fonts, isolated codes).

The entries are the rows of `exports.StatementTable`, the same labels and sums
as the CSV and XLSX exports. WeasyPrint lays out about a hundred table rows a
second on the project's machines (bench/statement_pdf_bench.py): past
`MAX_LISTED_ENTRIES` entries each printed row sums the entries of a day (or a
month), kind and channel, so that a PDF stays a few dozen pages made in
seconds; the exports keep every entry."""

import functools

from django.conf import settings
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_bidi, gettext, ngettext

from cooperatives.choices import SalesChannel
from core.pdf import document_html, html_to_pdf, page_counter_css
from portal import exports
from portal.entries import as_html
from shop.money import format_mad

MAX_LISTED_ENTRIES = 500

DATE, GROSS = (exports.FIELDS.index(name) for name in ("occurred_on", "gross"))
KIND, CHANNEL, DESCRIPTION, QUANTITY, NET = (
    exports.KIND,
    exports.CHANNEL,
    exports.DESCRIPTION,
    exports.QUANTITY,
    exports.NET,
)
# Printed columns, with the export's headers: date, entry, quantity, gross, net.
PRINTED = (DATE, KIND, QUANTITY, GROSS, NET)

# How finely the entries are printed.
ENTRY, DAY, MONTH = "entry", "day", "month"


def _entry_rows(table: exports.StatementTable, money) -> tuple[list[dict], str, int]:
    """The printed rows of the entries, how finely they are printed and how
    many entries there are. Each entry has its row up to MAX_LISTED_ENTRIES;
    past that a row sums the entries of one day, kind and channel, or of one
    month if the days are still too many (a year is at most a few hundred
    rows). The sums are made as the entries go by: memory stays small for a
    statement of 200,000 entries."""
    listed: list[tuple] = []
    sums: dict[str, dict[tuple, list[int]]] = {DAY: {}, MONTH: {}}
    count = 0
    for row in table.rows():
        count += 1
        entry = " — ".join(part for part in (row[KIND], row[CHANNEL]) if part)
        amounts = (row[QUANTITY] or 0, row[GROSS], row[NET])
        if count <= MAX_LISTED_ENTRIES:
            listed.append((row[DATE], entry, row[DESCRIPTION], *amounts))
        for period, date in ((DAY, row[DATE]), (MONTH, row[DATE].replace(day=1))):
            total = sums[period].setdefault((date, entry), [0, 0, 0, 0])
            for index, amount in enumerate((*amounts, 1)):
                total[index] += amount
    if count <= MAX_LISTED_ENTRIES:
        grouping = ENTRY
    else:
        grouping = DAY if len(sums[DAY]) <= MAX_LISTED_ENTRIES else MONTH
        listed = [
            (date, entry, _entries_text(entries), quantity, gross, net)
            for (date, entry), (quantity, gross, net, entries) in sums[grouping].items()
        ]
    rows = [
        {
            "date": date,
            "entry": entry,
            "description": description,
            "quantity": quantity or None,
            "gross": money(gross),
            "net": money(net),
        }
        for date, entry, description, quantity, gross, net in listed
    ]
    return rows, grouping, count


def _entries_text(count: int) -> str:
    return ngettext("%(count)s entry", "%(count)s entries", count) % {"count": count}


def _summary(statement, money) -> list[tuple[str, str]]:
    """What makes the net of the period, as the statement page shows it:
    sales by channel, refunds, what VAT, commission and fees take, the
    deductions."""
    channels = {choice.value: str(choice.label) for choice in SalesChannel}
    lines = [
        (f"{gettext('Sales')} — {channels.get(code, code)}", amount)
        for code, amount in statement.by_channel.items()
    ]
    lines += [
        (gettext("Refunds"), statement.refunds),
        (gettext("VAT"), -statement.vat),
        (gettext("Commission"), -statement.commission),
    ]
    if statement.fees:
        lines.append((gettext("Payment fees"), -statement.fees))
    lines.append((gettext("Deductions"), statement.deductions))
    return [(label, money(amount)) for label, amount in lines]


def _next_number(statement):
    following = getattr(statement, "next_statement", None)
    return following and format_html("<bdi>{}</bdi>", following.number)


def statement_html(statement, entries, *, cooperative) -> str:
    """The statement as the HTML the PDF is made from, in the active language."""
    language = get_language() or settings.LANGUAGE_CODE
    money = functools.lru_cache(maxsize=65536)(
        lambda cents: format_mad(cents, language)
    )
    # The descriptions as HTML: a name that fell back to another language
    # than the statement's is marked with its own (portal.entries).
    table = exports.StatementTable(statement, entries, describe=as_html)
    rows, grouping, count = _entry_rows(table, money)
    total = table.total_row()
    context = {
        "language": language,
        "direction": "rtl" if get_language_bidi() else "ltr",
        "page_counter": page_counter_css(statement.number),
        "foundation": {
            "name": settings.FOUNDATION_NAME,
            "ice": settings.FOUNDATION_ICE,
            "address": settings.FOUNDATION_ADDRESS,
        },
        "cooperative": cooperative,
        "registration_label": capfirst(
            cooperative._meta.get_field("registration_number").verbose_name
        ),
        "statement": statement,
        "number": format_html("<bdi>{}</bdi>", statement.number),
        "headers": [table.headers[index] for index in PRINTED],
        "rows": rows,
        "grouping": grouping,
        "entries_count": count,
        "total": {
            "label": total[0],
            "gross": money(total[GROSS]),
            "net": money(total[NET]),
        },
        "summary": _summary(statement, money),
        "balances": [(row[0], money(row[NET])) for row in table.balance_rows()],
        "amount_to_pay": money(statement.amount_to_pay),
        "previous_number": statement.previous
        and format_html("<bdi>{}</bdi>", statement.previous.number),
        "next_number": _next_number(statement),
    }
    return document_html("portal/statement_pdf.html", context)


def statement_pdf(statement, entries, *, cooperative) -> bytes:
    """The statement as PDF bytes, A4, in the active language."""
    return html_to_pdf(statement_html(statement, entries, cooperative=cooperative))
