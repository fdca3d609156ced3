from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.admin_views import MissingTranslationsReport


@hooks.register("register_admin_urls")
def missing_translations_urls():
    return [
        path(
            "reports/missing-translations/",
            MissingTranslationsReport.as_view(),
            name="missing_translations_report",
        ),
        path(
            "reports/missing-translations/results/",
            MissingTranslationsReport.as_view(results_only=True),
            name="missing_translations_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def missing_translations_menu_item():
    return MenuItem(
        _("Missing translations"),
        reverse("missing_translations_report"),
        icon_name="globe",
        order=810,
    )
