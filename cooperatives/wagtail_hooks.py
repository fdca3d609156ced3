from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cooperatives.admin_views import CertificationExpiryReport
from cooperatives.coverage import CoverageScheme
from cooperatives.coverage_staff_admin import (  # noqa: F401 - registers its hooks
    coverage_staff_urls,
)
from cooperatives.models import (
    Certification,
    Cooperative,
    CooperativeMembership,
    PartnershipAgreement,
    ProductCategory,
    Province,
)


class CooperativeFilterSet(WagtailFilterSet):
    class Meta:
        model = Cooperative
        fields = ["province", "legal_form", "is_active", "categories"]


class CooperativeViewSet(SnippetViewSet):
    model = Cooperative
    icon = "group"
    menu_label = _("Cooperatives")
    list_display = ["name", "province", "legal_form", "is_active"]
    list_per_page = 50
    filterset_class = CooperativeFilterSet
    search_fields = ["name_ar", "name_fr", "name_en", "registration_number", "ice"]
    search_backend_name = None  # plain ORM search over the three languages
    ordering = ["name"]


class AgreementViewSet(SnippetViewSet):
    model = PartnershipAgreement
    icon = "doc-full"
    menu_label = _("Agreements")
    list_display = ["reference", "cooperative", "valid_from", "valid_until"]
    list_filter = ["cooperative", "settlement_period"]
    search_fields = ["reference", "cooperative__name_fr", "cooperative__name_ar"]
    search_backend_name = None


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "success"
    menu_label = _("Certifications")
    list_display = ["cooperative", "kind", "issuer", "number", "valid_until"]
    list_filter = ["kind", "cooperative"]
    search_fields = ["number", "issuer", "cooperative__name_fr"]
    search_backend_name = None


class MembershipViewSet(SnippetViewSet):
    model = CooperativeMembership
    icon = "user"
    menu_label = _("Portal members")
    list_display = ["user", "cooperative", "role"]
    list_filter = ["cooperative", "role"]
    search_fields = ["user__username", "user__email", "cooperative__name_fr"]
    search_backend_name = None


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    menu_label = _("Provinces")
    list_display = ["name", "slug"]
    search_fields = ["name_ar", "name_fr", "name_en"]
    search_backend_name = None


class CategoryViewSet(SnippetViewSet):
    model = ProductCategory
    icon = "tag"
    menu_label = _("Product categories")
    list_display = ["name", "slug", "sort_order"]


class CoverageSchemeViewSet(SnippetViewSet):
    """The health coverage schemes members are enrolled in (staff with the
    coverage permissions add and change them; enrolments refer to them, so
    none is deleted)."""

    model = CoverageScheme
    icon = "help"
    menu_label = _("Coverage schemes")
    list_display = ["name", "kind", "insurer", "monthly_contribution"]
    search_fields = ["name_ar", "name_fr", "name_en", "insurer"]
    search_backend_name = None


class ProducersGroup(SnippetViewSetGroup):
    menu_label = _("Producers")
    menu_icon = "group"
    menu_order = 200
    items = (
        CooperativeViewSet,
        AgreementViewSet,
        CertificationViewSet,
        MembershipViewSet,
        ProvinceViewSet,
        CategoryViewSet,
        CoverageSchemeViewSet,
    )


register_snippet(ProducersGroup)


@hooks.register("register_admin_urls")
def certification_report_urls():
    view = CertificationExpiryReport
    return [
        path(
            "reports/certifications-expiring/",
            view.as_view(),
            name="certification_expiry_report",
        ),
        path(
            "reports/certifications-expiring/results/",
            view.as_view(results_only=True),
            name="certification_expiry_report_results",
        ),
    ]


class CertificationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("cooperatives.view_certification")


@hooks.register("register_reports_menu_item")
def certification_report_menu_item():
    return CertificationReportMenuItem(
        _("Certifications expiring"),
        reverse("certification_expiry_report"),
        icon_name="warning",
        order=800,
    )
