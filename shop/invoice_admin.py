"""The accountant's export: a period's invoices and credit notes, as a CSV
and as a ZIP of their PDFs, beside the reconciliation of the same period.

Credit notes are written with negative amounts, so each column of the CSV
adds up to what the period invoiced net of what it credited: its total is
the reconciliation's collected - refunded, to the centime."""

import csv
import datetime
import io
import tempfile
import zipfile

from django.core.cache import cache
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext

from cooperatives.models import today
from core.spreadsheet import (
    BYTE_ORDER_MARK,
    cents_text,
    csv_separators,
    safe_cell,
)
from shop.admin_views import require_permission
from shop.invoice_documents import (
    invoice_filename,
    invoice_pdf,
    invoice_pdfs_make,
    missing_pdfs,
    rate_label,
)
from shop.models import Invoice, InvoiceKind
from shop.reports import reconciliation

PERMISSION = "shop.view_invoice"
# How long a period's PDFs are left to the task worker before asking again.
PREPARING_SECONDS = 600


def period_invoices(*, start: datetime.date, end: datetime.date):
    """The invoices and credit notes issued from `start` to `end`, both
    included, in the order of their dates and numbers."""
    return (
        Invoice.objects.filter(issued_on__range=(start, end))
        .select_related("order", "corrects")
        .order_by("issued_on", "kind", "sequence")
    )


def sign(invoice: Invoice) -> int:
    return -1 if invoice.kind == InvoiceKind.CREDIT_NOTE else 1


def period_totals(invoices) -> dict:
    """What the period invoiced, what it credited, and the difference."""
    invoiced = credited = 0
    for kind, total in invoices.values_list("kind", "total"):
        if kind == InvoiceKind.CREDIT_NOTE:
            credited += total
        else:
            invoiced += total
    return {"invoiced": invoiced, "credited": credited, "net": invoiced - credited}


def csv_rows(invoices) -> tuple[list[str], list[list]]:
    """Headers (in the active language) and rows (amounts in signed
    centimes) of the export: one column pair (base, VAT) per rate found."""
    invoices = list(invoices)
    rates = sorted(
        {row["rate_bp"] for invoice in invoices for row in invoice.vat_breakdown},
        reverse=True,
    )
    headers = [
        gettext("Number"),
        gettext("Date"),
        gettext("Kind"),
        gettext("Order"),
        gettext("Buyer"),
        gettext("Buyer's ICE"),
    ]
    for rate in rates:
        headers.append(
            gettext("Base excl. VAT at %(rate)s") % {"rate": rate_label(rate)}
        )
        headers.append(gettext("VAT at %(rate)s") % {"rate": rate_label(rate)})
    headers += [
        gettext("Total excl. VAT"),
        gettext("Total VAT"),
        gettext("Total incl. VAT"),
        gettext("Refers to"),
    ]
    rows = []
    for invoice in invoices:
        by_rate = {row["rate_bp"]: row for row in invoice.vat_breakdown}
        factor = sign(invoice)
        row = [
            invoice.number,
            invoice.issued_on,
            InvoiceKind(invoice.kind).label,
            invoice.order.number,
            invoice.buyer_name,
            invoice.buyer_ice or "",
        ]
        for rate in rates:
            part = by_rate.get(rate, {"base": 0, "vat": 0})
            row += [factor * part["base"], factor * part["vat"]]
        row += [
            factor * invoice.total_excl_vat,
            factor * invoice.total_vat,
            factor * invoice.total,
            invoice.corrects.number if invoice.corrects else "",
        ]
        rows.append(row)
    return headers, rows


def csv_text(invoices, language: str) -> str:
    """The export as CSV text for a spreadsheet: a byte-order mark (UTF-8
    with Arabic), the language's delimiter and decimal mark, a total row."""
    delimiter, mark = csv_separators(language)
    headers, rows = csv_rows(invoices)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    money_from = 6  # the first amount column
    sums = [0] * (len(headers) - money_from - 1)
    for row in rows:
        amounts = row[money_from:-1]
        sums = [a + b for a, b in zip(sums, amounts, strict=True)]
        writer.writerow(
            [safe_cell(value) for value in row[:1]]
            + [row[1].isoformat()]
            + [safe_cell(value) for value in row[2:money_from]]
            + [cents_text(amount, mark) for amount in amounts]
            + [row[-1]]
        )
    writer.writerow(
        [gettext("Total")]
        + [""] * (money_from - 1)
        + [cents_text(amount, mark) for amount in sums]
        + [""]
    )
    return BYTE_ORDER_MARK + buffer.getvalue()


def pdf_zip(invoices) -> tempfile.SpooledTemporaryFile:
    """Every document's stored PDF, in its own language, in one ZIP
    (spooled to disk past 20 MB)."""
    spool = tempfile.SpooledTemporaryFile(max_size=20_000_000)  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for invoice in invoices:
            archive.writestr(invoice_filename(invoice), invoice_pdf(invoice))
    spool.seek(0)
    return spool


def _period(request) -> tuple[datetime.date, datetime.date, bool]:
    """The period asked for (this month so far by default), and whether it
    was a valid one."""
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", ""))
        end = datetime.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        end = today()
        return end.replace(day=1), end, "from" not in request.GET
    if start > end:
        return start, end, False
    return start, end, True


def _prepare(invoice_ids: list[int], *, start, end) -> None:
    """Have the missing PDFs made by the task worker, once per period while
    it works on them (a staff member refreshing the page queues nothing
    more)."""
    key = (
        f"invoice-pdfs-queued:{start.isoformat()}:{end.isoformat()}:"
        f"{len(invoice_ids)}:{invoice_ids[-1]}"
    )
    if cache.add(key, True, PREPARING_SECONDS):
        invoice_pdfs_make.enqueue(invoice_ids)


def invoices_export_view(request):
    """The period's invoices and credit notes for the accountant: totals
    beside the reconciliation, and the CSV and ZIP downloads."""
    require_permission(request, PERMISSION)
    start, end, valid = _period(request)
    wanted = request.GET.get("format", "")
    if valid and wanted in {"csv", "zip"}:
        invoices = period_invoices(start=start, end=end)
        name = f"invoices-{start.isoformat()}-{end.isoformat()}"
        if wanted == "csv":
            response = HttpResponse(
                csv_text(invoices, get_language() or "fr"),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=True, filename=f"{name}.csv"
            )
            return response
        missing = missing_pdfs(invoices)
        if missing:
            _prepare(missing, start=start, end=end)
            missing = missing_pdfs(invoices)  # made already by an inline backend
        if not missing:
            return FileResponse(
                pdf_zip(invoices),
                as_attachment=True,
                filename=f"{name}.zip",
                content_type="application/zip",
            )
        preparing = len(missing)
    else:
        preparing = 0
    context = {"start": start, "end": end, "valid": valid, "preparing": preparing}
    if valid:
        invoices = period_invoices(start=start, end=end)
        report = reconciliation(start=start, end=end)
        totals = period_totals(invoices)
        context.update(
            {
                "count": invoices.filter(kind=InvoiceKind.INVOICE).count(),
                "credit_count": invoices.filter(kind=InvoiceKind.CREDIT_NOTE).count(),
                "collected": report["collected"],
                "refunded": report["refunded"],
                "matches": totals["net"] == report["collected"] - report["refunded"],
                **totals,
            }
        )
    return render(request, "shop/admin/invoices_export.html", context)
