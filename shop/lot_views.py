"""The public page of a lot, reached from the QR code on its label."""

import segno
from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from cooperatives.models import Certification
from shop.models import Lot


def lot_public(request, public_code):
    lot = get_object_or_404(
        Lot.objects.select_related(
            "cooperative__province", "variant__product__category", "spec_book"
        ),
        public_code=public_code.upper(),
    )
    certifications = Certification.objects.filter(cooperative=lot.cooperative).valid_on(
        lot.production_date
    )
    inspection = lot.inspections.order_by("-date", "-pk").first()
    # Shared by every visitor like the public pages (core.page_cache): a
    # lot saved (its status) or an inspection recorded empties the cache.
    request.page_cache_allowed = bool(settings.PAGE_CACHE_SECONDS)
    cooperative_page = getattr(lot.cooperative, "page", None)
    product_page = getattr(lot.variant.product, "page", None)
    return render(
        request,
        "shop/lot_public.html",
        {
            "lot": lot,
            "product": lot.variant.product,
            "certifications": certifications,
            "inspection": inspection,
            "cooperative_page": cooperative_page
            if cooperative_page is not None and cooperative_page.live
            else None,
            "product_page": product_page
            if product_page is not None and product_page.live
            else None,
        },
    )


def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url` (error correction M, 4 px modules)."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2)


def label_sheet(request, lots):
    """Printable labels: one QR code per lot, pointing at its public page."""
    labels = []
    for lot in lots:
        # No language in the URL: the phone that scans it chooses.
        url = request.build_absolute_uri(f"/lot/{lot.public_code}/")
        labels.append({"lot": lot, "url": url, "qr": mark_safe(qr_svg(url))})  # noqa: S308 - segno output
    return render(request, "shop/admin/lot_labels.html", {"labels": labels})
