"""Export papers of an order: the commercial invoice and the packing list a
customs broker asks for, printed by staff (PDF through core.pdf) in the
order's language.

The lines read the order's snapshots (name, SKU, quantity, prices); the HS
code, origin and weights come from the product and variant as they are
when printed, since they describe the goods, not the sale."""

from decimal import Decimal

from babel.numbers import format_decimal
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.pdf import document_html, html_to_pdf, page_counter_css
from shop.models import Order
from shop.money import BABEL_LOCALES, format_mad
from shop.places import country_name, place_label

KINDS = ("commercial-invoice", "packing-list")


def _kg(grams: int, language: str) -> str:
    kilos = Decimal(grams) / 1000
    locale = BABEL_LOCALES.get(language, "fr_MA")
    return format_decimal(kilos, format="#,##0.000", locale=locale) + " kg"


def export_lines(order: Order, language: str) -> list[dict]:
    lines = []
    for line in order.lines.select_related("variant__product").order_by("pk"):
        variant = line.variant
        product = variant.product if variant is not None else None
        gross = variant.weight_grams if variant is not None else 0
        net = variant.net_weight_grams if variant is not None else 0
        lines.append(
            {
                "name": line.product_name,
                "variant": line.variant_label,
                "sku": line.sku,
                "hs_code": product.hs_code if product else "",
                "origin": country_name(product.origin_country, language)
                if product
                else "",
                "quantity": line.quantity,
                "unit_price": format_mad(line.unit_price, language),
                "amount": format_mad(line.gross, language),
                "net_grams": net * line.quantity,
                "gross_grams": gross * line.quantity,
                "net": _kg(net * line.quantity, language),
                "gross": _kg(gross * line.quantity, language),
            }
        )
    return lines


def export_context(order: Order, kind: str) -> dict:
    """What the template of `kind` shows, in the active language."""
    language = translation.get_language() or order.language
    lines = export_lines(order, language)
    titles = {
        "commercial-invoice": gettext("Commercial invoice"),
        "packing-list": gettext("Packing list"),
    }
    return {
        "kind": kind,
        "title": titles[kind],
        "language": language,
        "direction": "rtl" if translation.get_language_bidi() else "ltr",
        "page_counter": page_counter_css(order.number),
        "printed_on": timezone.localdate(),
        "order": order,
        "incoterm": order.incoterm,
        "exporter": {
            "name": settings.FOUNDATION_NAME,
            "address": settings.FOUNDATION_ADDRESS,
            "ice": settings.FOUNDATION_ICE,
            "if": settings.FOUNDATION_IF,
            "rc": settings.FOUNDATION_RC,
        },
        "consignee": {
            "name": order.full_name,
            "address": order.address_line,
            "place": " ".join(
                part
                for part in (
                    order.postal_code,
                    place_label(
                        city=order.city,
                        province=order.province,
                        country=order.country,
                        language=language,
                    ),
                )
                if part
            ),
            "email": order.email,
            "phone": order.phone,
        },
        "destination": country_name(order.country, language),
        "lines": lines,
        "quantity": sum(line["quantity"] for line in lines),
        "net": _kg(sum(line["net_grams"] for line in lines), language),
        "gross": _kg(sum(line["gross_grams"] for line in lines), language),
        "subtotal": format_mad(order.subtotal, language),
        "delivery": format_mad(order.delivery, language) if order.delivery else "",
        "discount": format_mad(order.discount, language) if order.discount else "",
        "vat": format_mad(order.vat, language),
        "total": format_mad(order.total, language),
    }


def export_paper_pdf(order: Order, kind: str) -> bytes:
    """The PDF of `kind` ("commercial-invoice" or "packing-list") in the
    order's language."""
    if kind not in KINDS:
        raise ValueError(kind)
    with translation.override(order.language or "fr"):
        html = document_html("shop/export/paper_pdf.html", export_context(order, kind))
    return html_to_pdf(html)
