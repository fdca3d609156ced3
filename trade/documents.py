"""The pro-forma invoice as a PDF, in the client's language (right to left
in Arabic), through core.pdf."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_bidi

from core.pdf import document_html, html_to_pdf, page_counter_css
from shop.places import country_name
from trade.selectors import quote_lines, quote_priced


def foundation_identity() -> dict:
    return {
        "name": settings.FOUNDATION_NAME,
        "ice": settings.FOUNDATION_ICE,
        "if_number": settings.FOUNDATION_IF,
        "rc": settings.FOUNDATION_RC,
        "patente": settings.FOUNDATION_PATENTE,
        "cnss": settings.FOUNDATION_CNSS,
        "address": settings.FOUNDATION_ADDRESS,
        "bank_name": settings.FOUNDATION_BANK_NAME,
        "rib": settings.FOUNDATION_RIB,
        "iban": settings.FOUNDATION_IBAN,
        "swift": settings.FOUNDATION_SWIFT,
    }


def proforma_html(quote) -> str:
    """The pro-forma's HTML in the quote's language."""
    with translation.override(quote.language):
        lines = quote_lines(quote)
        priced = quote_priced(quote, lines)
        account = quote.account
        return document_html(
            "trade/proforma_pdf.html",
            {
                "language": quote.language,
                "direction": "rtl" if get_language_bidi() else "ltr",
                "page_counter": page_counter_css(quote.number),
                "foundation": foundation_identity(),
                "quote": quote,
                "account": account,
                "country": country_name(account.country, quote.language),
                "rows": [
                    {"line": line, "priced": priced_line}
                    for line, priced_line in zip(lines, priced.lines, strict=True)
                ],
                "priced": priced,
                "vat_rates": sorted(priced.vat_by_rate.items(), reverse=True),
                "excluding_vat": priced.total - priced.vat,
            },
        )


def proforma_pdf(quote) -> bytes:
    return html_to_pdf(proforma_html(quote))
