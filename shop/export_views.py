"""Staff printing an order's export papers (commercial invoice, packing
list) from the order screen of the Wagtail admin."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from shop.admin_views import require_permission
from shop.export_papers import KINDS, export_paper_pdf
from shop.models import Order


def export_paper_view(request, pk: int, kind: str):
    require_permission(request, "shop.change_order")
    if kind not in KINDS:
        raise Http404
    order = get_object_or_404(Order, pk=pk)
    response = HttpResponse(
        export_paper_pdf(order, kind), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{kind}-{order.number}.pdf"'
    return response
