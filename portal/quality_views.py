"""Quality in the cooperative portal: a cooperative's own inspections, the
criteria checked and what was found, and the report as a PDF. Only
inspections already recorded: the surprise plan is never shown here (it
would tell a cooperative which lots will be checked). Another cooperative's
inspection answers 404, as every portal object."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from core import fallback
from portal.views import _context, portal_cooperative
from shop.models import Inspection
from shop.quality_documents import (
    acceptable,
    found,
    inspection_report_pdf,
    number,
)


def _inspections(cooperative):
    return Inspection.objects.filter(cooperative=cooperative).select_related(
        "lot__variant__product", "spec_book"
    )


def _inspection(request, pk):
    cooperative = portal_cooperative(request)
    inspection = _inspections(cooperative).filter(pk=pk).first()
    if inspection is None:
        raise Http404
    return cooperative, inspection


@login_required(login_url="portal:login")
def inspections(request):
    cooperative = portal_cooperative(request)
    return render(
        request,
        "portal/inspections.html",
        _context(
            request,
            cooperative,
            inspections=_inspections(cooperative).order_by("-date", "-pk")[:200],
        ),
    )


@login_required(login_url="portal:login")
def inspection_detail(request, pk):
    cooperative, inspection = _inspection(request, pk)
    rows = [
        {
            "name": fallback.translated_html(result.criterion, "name"),
            "method": fallback.translated_html(result.criterion, "method"),
            "acceptable": acceptable(result.criterion),
            "found": found(result),
            "conforms": result.conforms,
            "blocks": result.criterion.blocks_release,
        }
        for result in inspection.criterion_results.select_related("criterion")
    ]
    return render(
        request,
        "portal/inspection.html",
        _context(
            request,
            cooperative,
            inspection=inspection,
            rows=rows,
            number=number(inspection),
        ),
    )


@login_required(login_url="portal:login")
def inspection_pdf(request, pk):
    _cooperative, inspection = _inspection(request, pk)
    response = HttpResponse(
        inspection_report_pdf(inspection), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{number(inspection)}.pdf"
    )
    return response
