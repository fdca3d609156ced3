"""The buyer's invoices and credit notes, as PDF, from the order page."""

from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from shop import invoice_documents
from shop.models import Invoice
from shop.views import order_for_reader


@require_GET
def invoice_pdf(request, number, invoice_number):
    """One of the order's invoices or credit notes, for whoever may read the
    order (its buyer, the order's token, staff); 404 for anyone else."""
    order = order_for_reader(request, number)
    invoice = get_object_or_404(Invoice, order=order, number=invoice_number)
    response = invoice_documents.invoice_response(invoice)
    patch_cache_control(response, private=True, no_store=True)
    return response
