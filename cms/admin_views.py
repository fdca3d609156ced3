"""Wagtail admin report: pages whose content is missing in some language."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _is_empty(value) -> bool:
    if value is None:
        return True
    if hasattr(value, "raw_data"):  # a StreamValue
        return len(value.raw_data) == 0
    return str(value).strip() == ""


def missing_translations(page) -> dict[str, list[str]]:
    """{language: [field, ...]} for fields filled in some language but not this one."""
    options = translator.get_options_for_model(type(page))
    missing: dict[str, list[str]] = {}
    for field in sorted(options.all_fields):
        if field in {"url_path", "seo_title", "search_description"}:
            continue
        values = {code: getattr(page, f"{field}_{code}", None) for code in LANGUAGES}
        if all(_is_empty(value) for value in values.values()):
            continue
        for code, value in values.items():
            if _is_empty(value):
                missing.setdefault(code, []).append(field)
    return missing


class MissingColumn(Column):
    def get_value(self, instance):
        return "; ".join(
            f"{code}: {', '.join(fields)}" for code, fields in instance.missing.items()
        )


class MissingTranslationsReport(ReportView):
    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = "missing_translations_report"
    index_results_url_name = "missing_translations_report_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        ),
        MissingColumn("missing", label=_("Missing (language: fields)")),
    ]

    def get_queryset(self):
        pages = []
        for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
            missing = missing_translations(page)
            if missing:
                page.missing = missing
                pages.append(page)
        return pages
