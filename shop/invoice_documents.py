"""Invoices and credit notes as PDF, in the order's language (right to left
in Arabic), made from the invoice's own snapshot: the same document however
often or late it is printed."""

import functools

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import get_language_bidi
from django_tasks import task

from core.pdf import document_html, html_to_pdf, page_counter_css
from shop.models import Invoice, InvoiceKind, InvoicePdf
from shop.money import format_mad


def rate_label(basis_points: int) -> str:
    whole, rest = divmod(int(basis_points), 100)
    return f"{whole} %" if not rest else f"{whole},{rest:02d} %"


def invoice_context(invoice: Invoice) -> dict:
    """What the template shows, amounts written in the active language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    money = functools.partial(format_mad, language=language)
    lines = [
        {
            **line,
            "unit_price_text": money(line["unit_price"]),
            "discount_text": money(line["discount"]) if line["discount"] else "",
            "amount_text": money(line["amount"]),
            "rate_text": rate_label(line["vat_rate_bp"]),
        }
        for line in invoice.lines
    ]
    corrects = invoice.corrects
    return {
        "language": language,
        "direction": "rtl" if get_language_bidi() else "ltr",
        "page_counter": page_counter_css(invoice.number),
        "invoice": invoice,
        "is_credit_note": invoice.kind == InvoiceKind.CREDIT_NOTE,
        "corrects_number": corrects.number if corrects else "",
        "corrects_is_credit_note": bool(
            corrects and corrects.kind == InvoiceKind.CREDIT_NOTE
        ),
        "lines": lines,
        "any_discount": any(line["discount"] for line in lines),
        "delivery_text": money(invoice.delivery),
        "delivery_rate": rate_label(invoice.delivery_vat_bp),
        "vat_rows": [
            {
                "rate": rate_label(row["rate_bp"]),
                "base": money(row["base"]),
                "vat": money(row["vat"]),
            }
            for row in invoice.vat_breakdown
        ],
        "total_excl_vat": money(invoice.total_excl_vat),
        "total_vat": money(invoice.total_vat),
        "total": money(invoice.total),
    }


def invoice_html(invoice: Invoice) -> str:
    with translation.override(invoice.language or settings.LANGUAGE_CODE):
        return document_html("shop/invoice_pdf.html", invoice_context(invoice))


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice or credit note as PDF bytes, A4, in its own language:
    made once and stored (an issued document never changes), then read."""
    stored = InvoicePdf.objects.filter(invoice=invoice).values_list(
        "content", flat=True
    )
    for content in stored:
        return bytes(content)
    content = html_to_pdf(invoice_html(invoice))
    try:
        with transaction.atomic():
            InvoicePdf.objects.create(invoice=invoice, content=content)
    except IntegrityError:
        pass  # made at the same time by another request: the same document
    return content


def missing_pdfs(invoices) -> list[int]:
    """The ids of `invoices` (a queryset) whose PDF is not made yet."""
    return list(
        invoices.filter(stored_pdf__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@task()
def invoice_pdfs_make(invoice_ids: list[int]) -> int:
    """Make and store the PDFs of `invoice_ids` not made yet (a task: a
    period's documents take about a second each, longer than a request may
    last). Returns how many it made."""
    made = 0
    for invoice in Invoice.objects.filter(
        pk__in=invoice_ids, stored_pdf__isnull=True
    ).order_by("pk"):
        invoice_pdf(invoice)
        made += 1
    return made


def invoice_filename(invoice: Invoice) -> str:
    return f"{invoice.number}.pdf"


def invoice_response(invoice: Invoice):
    """The PDF as a download."""
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=invoice_filename(invoice)
    )
    return response
