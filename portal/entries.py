"""What a cooperative reads for each ledger entry, in its own language.

An entry keeps its kind and its references (the order line, the refund, the
pooled cost, the consignment); the words are made here when the entry is
shown, so an Arabic reader never sees the French of the day the entry was
written. One home for every place that shows entries: the statement page,
the "what we owe you" breakdown and the CSV, XLSX and PDF exports.

`described(entries)` adds the references to a queryset of entries with one
query (joins, no query per row); `describe(row)` gives the sentence and its
codes; `as_html` and `as_text` isolate the codes (order numbers, SKUs) so a
right-to-left line never scrambles them."""

import functools

from django.conf import settings
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import IsNull
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi, gettext_noop
from django.utils.translation import gettext as _
from modeltranslation.utils import resolution_order

from core import fallback
from shop.models import EntryKind
from shop.money import format_mad

# Unicode first-strong isolate and pop directional isolate: the plain-text
# form of <bdi>, for CSV and XLSX cells.
FSI, PDI = "\u2068", "\u2069"


def _resolution() -> list[str]:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    # modeltranslation's own order (MODELTRANSLATION_FALLBACK_LANGUAGES).
    return list(dict.fromkeys([*resolution_order(language), "ar", "fr", "en"]))


def _translated(path: str, snapshot: str | None = None):
    """A translated field across a relation in the active language, then the
    fallback language, then (if given) the snapshot kept on the entry's
    order line."""
    candidates = [NullIf(F(f"{path}_{code}"), Value("")) for code in _resolution()]
    if snapshot:
        candidates.append(F(snapshot))
    return Coalesce(*candidates, output_field=CharField())


def _language_of(path: str):
    """The language `_translated(path)` took its text from, in the same
    query: the first of the same order with a text; empty when none has
    (a snapshot, or nothing)."""
    return Case(
        *(
            When(
                IsNull(NullIf(F(f"{path}_{code}"), Value("")), False),
                then=Value(code),
            )
            for code in _resolution()
        ),
        default=Value(""),
        output_field=CharField(),
    )


def described(entries, *, languages: bool = True):
    """`entries` (a LedgerEntry queryset) as dictionaries with the fields
    shown and the references the descriptions need; with `languages`, also
    the language each name was read in (for HTML, which marks a name in
    another language than the page's; a spreadsheet cell cannot)."""
    marks = {}
    if languages:
        marks = {
            "order_language": F("order_line__order__language"),
            "product_language": _language_of("order_line__variant__product__name"),
            "variant_language": _language_of("order_line__variant__label"),
            "cost_name_language": _language_of("deduction__label"),
            "purchase_round_language": _language_of(
                "purchase__item__purchasing_round__name"
            ),
            "purchase_item_language": _language_of("purchase__item__name"),
            "coverage_scheme_language": _language_of(
                "contribution__enrolment__scheme__name"
            ),
        }
    return entries.values(
        "pk",
        "kind",
        "channel",
        "occurred_on",
        "quantity",
        "gross",
        "discount",
        "vat",
        "commission",
        "fee",
        "net",
        "label",
        "consignment_id",
        order_number=F("order_line__order__number"),
        sku=F("order_line__sku"),
        product=_translated(
            "order_line__variant__product__name", "order_line__product_name"
        ),
        variant=_translated("order_line__variant__label", "order_line__variant_label"),
        refund=F("refund_line__refund_id"),
        cost_name=_translated("deduction__label", "deduction__label"),
        purchase_round=_translated("purchase__item__purchasing_round__name"),
        purchase_item=_translated("purchase__item__name"),
        purchase_quantity=F("purchase__quantity"),
        purchase_price=F("purchase__unit_price"),
        coverage_scheme=_translated("contribution__enrolment__scheme__name"),
        coverage_month=F("contribution__month"),
        **marks,
    )


# The sentences, by the entry's kind (a deduction has two: a pooled
# purchase or a consignment's transport). Translated once per language, not
# once per entry: a year's CSV describes 200,000 entries.
_SENTENCES = {
    EntryKind.SALE: gettext_noop("Order %(order)s: %(product)s (%(sku)s)"),
    EntryKind.REFUND: gettext_noop(
        "Refund %(refund)s of order %(order)s: %(product)s (%(sku)s)"
    ),
    EntryKind.REFUND_VOID: gettext_noop(
        "Refund %(refund)s of order %(order)s failed, the sale restored: "
        "%(product)s (%(sku)s)"
    ),
    "pooled": gettext_noop("Pooled purchase: %(name)s"),
    "purchase": gettext_noop(
        "Pooled purchase round %(round)s: %(quantity)s × %(item)s at %(price)s"
    ),
    "consignment": gettext_noop(
        "Transport and insurance of consignment %(consignment)s"
    ),
    # Names the scheme and the month, never the member.
    "coverage": gettext_noop("Health coverage contribution, %(scheme)s, %(month)s"),
}


@functools.lru_cache(maxsize=64)
def _sentence(key: str, language: str) -> str:
    with translation.override(language):
        return _(_SENTENCES[key])


def describe(row: dict, language: str | None = None) -> tuple[str, dict]:
    """The sentence for an entry row from `described`, with %(name)s
    placeholders, and the values that fill them (the codes among them are
    isolated when rendered). `language`: the active one unless given (a
    caller describing many entries looks it up once)."""
    kind = row["kind"]
    language = language or get_language() or settings.LANGUAGE_CODE
    if kind in (EntryKind.SALE, EntryKind.REFUND, EntryKind.REFUND_VOID) and row.get(
        "order_number"
    ):
        product, variant = row.get("product"), row.get("variant")
        return _sentence(kind, language), {
            "order": row["order_number"],
            "product": f"{product} {variant}"
            if product and variant
            else product or variant or "",
            "sku": row.get("sku") or "",
            "refund": row.get("refund") or "",
        }
    if kind == EntryKind.DEDUCTION and row.get("purchase_quantity") is not None:
        return _sentence("purchase", language), {
            "round": row.get("purchase_round") or "",
            "quantity": row["purchase_quantity"],
            "item": row.get("purchase_item") or "",
            "price": format_mad(row["purchase_price"], language.split("-")[0]),
        }
    if kind == EntryKind.DEDUCTION and row.get("cost_name"):
        return _sentence("pooled", language), {"name": row["cost_name"]}
    if kind == EntryKind.DEDUCTION and row.get("consignment_id"):
        return _sentence("consignment", language), {
            "consignment": row["consignment_id"]
        }
    if kind == EntryKind.DEDUCTION and row.get("coverage_month"):
        return _sentence("coverage", language), {
            "scheme": row.get("coverage_scheme") or "",
            "month": f"{row['coverage_month']:%Y-%m}",
        }
    return "%(label)s", {"label": row.get("label") or ""}


# Values that are codes or numbers: isolated so right-to-left text keeps
# them whole and in their own order.
CODES = {"order", "sku", "refund", "consignment", "month", "quantity", "price"}


# Values that are names, and the row's key for the language each was read
# in (portal.entries.described).
NAMES = {
    "round": "purchase_round",
    "item": "purchase_item",
    "name": "cost_name",
    "scheme": "coverage_scheme",
}


def _name_language(row: dict, key: str) -> str | None:
    """The language of a name in the row: the one the query read it in,
    else (a snapshot of the order line) the order's, corrected by its
    script."""
    language = row.get(f"{key}_language")
    if language:
        return language
    text = row.get(key) or ""
    return fallback.snapshot_language(
        text, row.get("order_language") or fallback.page_language()
    )


def _marked_names(row: dict, values: dict) -> dict:
    """The names among `values`, each marked with its language where it is
    not the page's (core.fallback)."""
    marked = {}
    if "product" in values:
        parts = [
            fallback.mark_inline(row.get(key), _name_language(row, key))
            for key in ("product", "variant")
            if row.get(key)
        ]
        marked["product"] = format_html(" ".join("{}" for _part in parts), *parts)
    for name, key in NAMES.items():
        if name in values and values[name]:
            marked[name] = fallback.mark_inline(values[name], _name_language(row, key))
    return marked


def as_html(row: dict) -> str:
    sentence, values = describe(row)
    values = {**values, **_marked_names(row, values)}
    isolated = {
        name: format_html("<bdi>{}</bdi>", value) if name in CODES else value
        for name, value in values.items()
    }
    # format_html escapes every value; the sentence itself is ours.
    return format_html(sentence.replace("%(", "{").replace(")s", "}"), **isolated)


def as_text(
    row: dict, *, isolate: bool | None = None, language: str | None = None
) -> str:
    """The plain-text description; in a right-to-left language the codes
    are wrapped in Unicode isolates (the plain-text <bdi>)."""
    sentence, values = describe(row, language)
    if isolate is None:
        isolate = get_language_bidi()
    if isolate:
        values = {
            name: f"{FSI}{value}{PDI}" if name in CODES else value
            for name, value in values.items()
        }
    return sentence % values
