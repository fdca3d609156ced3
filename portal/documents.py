"""Printable documents of the cooperative portal: a statement as a PDF, in the
reader's language, right to left in Arabic.

WeasyPrint lays the HTML template out with Pango, which shapes Arabic (joined
letters, ligatures) and orders mixed Arabic and Latin text. Three things it
does differently from a browser, handled here:

- It ignores `unicode-bidi`, so a `<bdi>` alone isolates nothing: every
  `<bdi>` of the rendered template gets the Unicode isolate characters
  (FSI ... PDI), which Pango's bidi algorithm does honour. Numbers, codes and
  amounts in sentences stay whole and in order in Arabic.
- It loads the fonts the stylesheet names: the site's own Noto Sans and Noto
  Sans Arabic (the WOFF2 files of static/fonts, decompressed once per
  process), so the PDF looks the same on a machine with only DejaVu.
- It fetches whatever the HTML points at. The fetcher below serves those font
  files and refuses every other address, so nothing a person typed (a product
  label, a cooperative's address) can make the renderer read a file or call a
  server, even if escaping ever failed.

The entries are the rows of `exports.StatementTable`, the same labels and sums
as the CSV and XLSX exports. WeasyPrint lays out about a hundred table rows a
second on the project's machines (bench/statement_pdf_bench.py): past
`MAX_LISTED_ENTRIES` entries each printed row sums the entries of a day (or a
month), kind and channel, so that a PDF stays a few dozen pages made in
seconds; the exports keep every entry."""

import functools
import io
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_bidi, gettext, ngettext

from cooperatives.choices import SalesChannel
from portal import exports
from portal.entries import FSI, PDI
from shop.money import format_mad

MAX_LISTED_ENTRIES = 500

FONT_FILES = {
    "arabic_400": "fonts/noto-sans-arabic-arabic-400-normal.woff2",
    "arabic_700": "fonts/noto-sans-arabic-arabic-700-normal.woff2",
    "latin_400": "fonts/noto-sans-latin-400-normal.woff2",
    "latin_700": "fonts/noto-sans-latin-700-normal.woff2",
}

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


@functools.cache
def font_files() -> dict[str, Path]:
    """The site's font files, found as collectstatic finds them."""
    paths = {}
    for key, name in FONT_FILES.items():
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"static font {name} not found")
        paths[key] = Path(path).resolve()
    return paths


def font_urls() -> dict[str, str]:
    return {key: path.as_uri() for key, path in font_files().items()}


@functools.cache
def _font_bytes(path: Path) -> bytes:
    """A WOFF2 font decompressed once per process: WeasyPrint would otherwise
    decompress the four fonts on every render (about a second, in Python)."""
    from fontTools.ttLib import woff2

    out = io.BytesIO()
    with path.open("rb") as compressed:
        woff2.decompress(compressed, out)
    return out.getvalue()


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.as_uri(): path for path in font_files().values()}

    class FontsOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"not fetched for a document: {url[:80]}")
            return URLFetcherResponse(
                url,
                body=_font_bytes(allowed[url]),
                headers={"Content-Type": "font/ttf"},
            )

    return FontsOnlyFetcher()


def _css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\a ")
        .replace("<", "\\3c ")  # never closes the <style> it is written in
    )
    return f'"{escaped}"'


def page_counter_css(number: str) -> str:
    """The footer's CSS `content`: the statement number, then the catalogue's
    "Page %(number)s of %(total)s" with CSS page counters in its placeholders,
    so each language keeps its own word order."""
    parts = [_css_string(f"{FSI}{number}{PDI} · ")]
    for piece in re.split(
        r"(%\((?:number|total)\)s)", gettext("Page %(number)s of %(total)s")
    ):
        if piece == "%(number)s":
            parts.append("counter(page)")
        elif piece == "%(total)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


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


def _isolate(html: str) -> str:
    """Give every <bdi> the isolate characters WeasyPrint's Pango honours."""
    return html.replace("<bdi>", f"<bdi>{FSI}").replace("</bdi>", f"{PDI}</bdi>")


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
    table = exports.StatementTable(statement, entries)
    rows, grouping, count = _entry_rows(table, money)
    total = table.total_row()
    context = {
        "language": language,
        "direction": "rtl" if get_language_bidi() else "ltr",
        "fonts": font_urls(),
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
    return _isolate(render_to_string("portal/statement_pdf.html", context))


def statement_pdf(statement, entries, *, cooperative) -> bytes:
    """The statement as PDF bytes, A4, in the active language."""
    from weasyprint import HTML  # half a second to import: only when printing

    html = statement_html(statement, entries, cooperative=cooperative)
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
