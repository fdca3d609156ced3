"""Wagtail admin views of the cooperatives app that are not plain CRUD."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from cooperatives.models import Certification, today

EXPIRY_WARNING_DAYS = 60


class ValidityColumn(Column):
    """Says in words whether a certification is expired or expiring."""

    def get_value(self, instance):
        remaining = (instance.valid_until - today()).days
        if remaining < 0:
            return _("Expired")
        return ngettext(
            "Expires in %(days)s day", "Expires in %(days)s days", remaining
        ) % {"days": remaining}


class CertificationExpiryReport(ReportView):
    page_title = _("Certifications expired or expiring")
    header_icon = "warning"
    index_url_name = "certification_expiry_report"
    index_results_url_name = "certification_expiry_report_results"
    any_permission_required = ["change", "view"]
    model = Certification
    columns = [
        Column("cooperative", label=_("Cooperative")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("issuer", label=_("Issuer")),
        Column("number", label=_("Number")),
        DateColumn("valid_until", label=_("Valid until")),
        ValidityColumn("status", label=_("Status")),
    ]
    list_export = ["cooperative", "kind", "issuer", "number", "valid_until"]

    def get_queryset(self):
        return (
            Certification.objects.expiring_within(EXPIRY_WARNING_DAYS)
            .select_related("cooperative")
            .order_by("valid_until", "pk")
        )

    def get_filename(self):
        return f"certifications-expiring-{today():%Y-%m-%d}"
