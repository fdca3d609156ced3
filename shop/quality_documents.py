"""The inspection report as a PDF, in the inspector's language and in the
cooperative's: one document with a section per language (one section when
they are the same), each in its own direction.

One document rather than two: the inspector and the cooperative sign and keep
the same paper, and either can check one wording against the other; the
archive keeps one file per inspection. Rendered by core.pdf (WeasyPrint, the
site's fonts, codes and numbers isolated)."""

from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import fallback
from core.pdf import document_html, html_to_pdf, page_counter_css
from shop.models import Inspection
from shop.models.quality import CriterionKind

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def cooperative_language(cooperative) -> str:
    """The language most of the cooperative's members read the portal in;
    Arabic when nobody has used it yet."""
    counts = Counter(cooperative.memberships.values_list("language", flat=True))
    if not counts:
        return "ar"
    return max(sorted(counts), key=lambda language: counts[language])


def report_languages(inspection: Inspection) -> list[str]:
    inspector = inspection.inspector_language
    if inspector not in LANGUAGES:
        inspector = settings.LANGUAGE_CODE
    cooperative = cooperative_language(inspection.cooperative)
    return [inspector] if cooperative == inspector else [inspector, cooperative]


def _number(value: Decimal) -> str:
    """A measured value or bound as the language writes it, without the
    trailing zeros of the stored three decimals."""
    text = format(value.normalize(), "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(value, decimal_pos=places, use_l10n=True)


def _with_unit(value: Decimal, unit: str):
    return format_html("<bdi>{}</bdi>", f"{_number(value)} {unit}".strip())


def _fill(message: str, **parts) -> str:
    """A translated sentence with HTML parts put in its placeholders."""
    return mark_safe(  # noqa: S308 - every piece escaped here
        conditional_escape(message)
        % {name: conditional_escape(part) for name, part in parts.items()}
    )


def acceptable(criterion) -> str:
    """What the book accepts, in the active language."""
    if criterion.kind == CriterionKind.CHECK:
        return gettext("Conforms")
    low, high, unit = criterion.minimum, criterion.maximum, criterion.unit
    if low is not None and high is not None and low == high:
        return _fill(gettext("exactly %(value)s"), value=_with_unit(low, unit))
    if low is not None and high is not None:
        return _fill(
            gettext("from %(low)s to %(high)s"),
            low=_with_unit(low, unit),
            high=_with_unit(high, unit),
        )
    if high is not None:
        return _fill(gettext("at most %(value)s"), value=_with_unit(high, unit))
    if low is not None:
        return _fill(gettext("at least %(value)s"), value=_with_unit(low, unit))
    return gettext("Recorded")


def found(result) -> str:
    """What the inspection found for one criterion, in the active language."""
    criterion = result.criterion
    if criterion.kind == CriterionKind.CHECK:
        return gettext("Passed") if result.passed else gettext("Failed")
    return _with_unit(result.measured, criterion.unit)


def _section(inspection: Inspection, results: list, language: str) -> str:
    with translation.override(language):
        rows = [
            {
                "name": fallback.translated_html(result.criterion, "name"),
                "method": fallback.translated_html(result.criterion, "method"),
                "acceptable": acceptable(result.criterion),
                "found": found(result),
                "conforms": result.conforms,
                "blocks": result.criterion.blocks_release,
                "evidence": result.evidence.title if result.evidence_id else "",
            }
            for result in results
        ]
        return render_to_string(
            "shop/quality/report_section.html",
            {
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "inspection": inspection,
                "lot": inspection.lot,
                # Marked where it fell back to another language than the
                # section's (a product named only in Arabic, in French).
                "product_name": fallback.translated_html(
                    inspection.lot.variant.product, "name"
                )
                if inspection.lot
                else "",
                "foundation": settings.FOUNDATION_NAME,
                "rows": rows,
                "number": number(inspection),
            },
        )


def number(inspection: Inspection) -> str:
    return f"INS-{inspection.pk:06d}"


def inspection_report_html(inspection: Inspection) -> str:
    inspection = Inspection.objects.select_related(
        "cooperative", "lot__variant__product", "spec_book", "inspector"
    ).get(pk=inspection.pk)
    results = list(inspection.criterion_results.select_related("criterion", "evidence"))
    languages = report_languages(inspection)
    sections = [
        mark_safe(_section(inspection, results, language))  # noqa: S308 - rendered template
        for language in languages
    ]
    with translation.override(languages[0]):
        return document_html(
            "shop/quality/report_pdf.html",
            {
                "language": languages[0],
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "sections": sections,
                "page_counter": page_counter_css(number(inspection)),
                "number": number(inspection),
            },
        )


def inspection_report_pdf(inspection: Inspection) -> bytes:
    return html_to_pdf(inspection_report_html(inspection))
