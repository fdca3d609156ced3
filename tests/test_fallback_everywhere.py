"""Text in another language than the page's is marked with its own where
the first round left it plain (core/fallback.py): filter options, radio and
field labels, the quality report, statement entries on the page and in the
PDF, the portal's sales and best sellers, and the names the point of sale
draws with JavaScript. And the five printed documents share one base."""

import re

import pytest
from django.template import engines
from django.template.loader import get_template
from django.test import Client
from django.utils import translation

from cms.tests import test_fallback_language as pages
from cms.tests.test_fallback_language import AR_NAME, FR_NAME, LTR_FR, RTL_AR, _url
from cooperatives.models import CooperativeMembership, ProductCategory, today
from core import fallback
from core.widgets import LanguageMarkedSelect
from portal import documents, entries, selectors
from pos.selectors import session_catalogue
from pos.services import pos_session_open, pos_transfer_out
from pos.tests.conftest import receive
from shop.consumer_forms import WithdrawalForm
from shop.models import Order, OrderLine
from shop.quality_documents import inspection_report_html
from shop.services.settlements import statement_issue
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from shop.tests.quality_factories import GOOD, honey_book, inspect, receive_lot
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db

# The pages' fixtures: a catalogue, a product named only in Arabic, one in
# French.
catalogue = pages.catalogue
arabic_only_product = pages.arabic_only_product
french_product = pages.french_product


def _option(html: str, value: str) -> str:
    return re.search(rf'<option value="{re.escape(value)}"[^>]*>', html).group(0)


# Options and labels.


def test_catalogue_filter_options_say_the_language_of_a_fallen_back_name(
    client, catalogue, arabic_only_product, french_product
):
    _page, variant = arabic_only_product
    cooperative = variant.product.cooperative
    category = ProductCategory.objects.get(slug="honey")
    category.name_fr = category.name_en = ""
    category.save()

    html = client.get(_url(catalogue, "fr")).content.decode()
    assert _option(html, cooperative.slug) == (
        f'<option value="{cooperative.slug}" {RTL_AR}>'
    )
    assert _option(html, "honey") == f'<option value="honey" {RTL_AR}>'
    # A name in the page's language, and the empty choice, stay plain.
    french_cooperative = french_product[1].product.cooperative
    assert _option(html, french_cooperative.slug) == (
        f'<option value="{french_cooperative.slug}">'
    )
    assert _option(html, "") == '<option value="" selected>'
    assert _option(html, "azilal") == '<option value="azilal">'

    # The same options on the Arabic page: Arabic is the page's language.
    html = client.get(_url(catalogue, "ar")).content.decode()
    assert _option(html, cooperative.slug) == f'<option value="{cooperative.slug}">'
    assert _option(html, "honey") == '<option value="honey">'


def test_the_widget_marks_an_option_by_its_value():
    widget = LanguageMarkedSelect(
        choices=[("", "—"), ("a", "عسل"), ("b", "Miel")],
        languages={"a": "ar", "b": "fr"},
    )
    with translation.override("fr"):
        html = widget.render("x", "b")
    assert f'<option value="a" {RTL_AR}>عسل</option>' in html
    assert '<option value="b" selected>Miel</option>' in html
    with translation.override("ar"):
        html = widget.render("x", "")
    assert f'<option value="b" {LTR_FR}>Miel</option>' in html
    assert '<option value="a">عسل</option>' in html


def test_an_arabic_only_delivery_method_is_marked_in_its_label(client, french_product):
    _page, variant = french_product
    method = DeliveryMethodFactory(
        name="توصيل سريع", name_ar="توصيل سريع", name_fr="", name_en=""
    )
    from shop.tests.conftest import add_to_cart

    add_to_cart(client, variant.sku, 1, language="fr")
    html = client.get("/fr/checkout/").content.decode()
    label = re.search(
        rf'<label for="[^"]*">[^<]*<span {RTL_AR}>توصيل سريع</span> — ', html
    )
    assert label, "the method's Arabic name is marked inside its label"
    method.name_fr = "Livraison express"
    method.save()
    html = client.get("/fr/checkout/").content.decode()
    assert re.search(r'<label for="[^"]*">Livraison express — ', html)


def test_withdrawal_line_labels_mark_a_snapshot_in_another_language():
    order = Order(language="fr")
    line = OrderLine(pk=7, order=order, product_name=AR_NAME, variant_label="250 g")
    with translation.override("fr"):
        form = WithdrawalForm(lines=[(line, 1)])
        label = str(form.line_fields()[0].label)
    assert label == f"<span {RTL_AR}>{AR_NAME}</span> (250 g)"
    with translation.override("ar"):
        form = WithdrawalForm(lines=[(line, 1)])
        label = str(form.line_fields()[0].label)
    # On the Arabic page the French variant label is the one marked.
    assert label == f"{AR_NAME} (<span {LTR_FR}>250 g</span>)"
    # Escaped as text: a name is never markup.
    line.product_name = "<b>Miel</b>"
    with translation.override("fr"):
        label = str(WithdrawalForm(lines=[(line, 1)]).line_fields()[0].label)
    assert label == "&lt;b&gt;Miel&lt;/b&gt; (250 g)"


# The portal.


@pytest.fixture
def arabic_sale(django_user_model, arabic_only_product):
    """An Arabic-only product sold (ordered in French), a French-named one
    of the same cooperative, a statement, and a member who also belongs to
    a cooperative with a French name."""
    _page, variant = arabic_only_product
    cooperative = variant.product.cooperative
    variant.stock = 50
    variant.save()
    french = VariantFactory(product__cooperative=cooperative, sku="ARGAN-1", stock=50)
    french.product.name_fr = FR_NAME
    french.product.name_ar = french.product.name_en = ""
    french.product.save()
    paid_order((variant, 2), (french, 1))
    statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    user = django_user_model.objects.create_user("hafsa", "h@coop.ma", "pw-1234567")
    CooperativeMembership.objects.create(user=user, cooperative=cooperative)
    other = VariantFactory().product.cooperative
    CooperativeMembership.objects.create(user=user, cooperative=other)
    client = Client()
    client.force_login(user)
    return {
        "client": client,
        "cooperative": cooperative,
        "statement": statement,
        "variant": variant,
        "french": french,
    }


def test_portal_sales_and_best_sellers_carry_the_names_language(arabic_sale):
    client, c = arabic_sale["client"], arabic_sale["cooperative"].slug
    for url in (f"/fr/portal/sales/?c={c}", f"/fr/portal/?c={c}"):
        html = client.get(url).content.decode()
        assert f"<span {RTL_AR}>{AR_NAME}</span>" in html, url
        assert f"{FR_NAME} <span" in html and f">{FR_NAME}</span>" not in html, url
    for url in (f"/ar/portal/sales/?c={c}", f"/ar/portal/?c={c}"):
        html = client.get(url).content.decode()
        assert f"<span {LTR_FR}>{FR_NAME}</span>" in html, url
        assert f">{AR_NAME}</span>" not in html, url


def test_best_sellers_know_which_language_each_name_was_read_in(arabic_sale):
    with translation.override("fr"):
        rows = {
            row["sku"]: row
            for row in selectors.sales_by_product(arabic_sale["cooperative"])
        }
    assert rows["SIDR-250"]["name_language"] == "ar"
    assert rows["ARGAN-1"]["name_language"] == "fr"
    # A SKU gone from the catalogue keeps its snapshot, judged by its script.
    arabic_sale["variant"].sku = "SIDR-OLD"
    arabic_sale["variant"].save()
    with translation.override("fr"):
        rows = {
            row["sku"]: row
            for row in selectors.sales_by_product(arabic_sale["cooperative"])
        }
    assert rows["SIDR-250"]["name"] == AR_NAME
    assert rows["SIDR-250"]["name_language"] == "ar"


def test_the_cooperative_switcher_marks_an_arabic_only_name(arabic_sale):
    html = arabic_sale["client"].get("/fr/portal/").content.decode()
    cooperative = arabic_sale["cooperative"]
    option = re.search(
        rf'<option value="{cooperative.slug}"[^>]*>([^<]*)</option>', html
    )
    assert RTL_AR in option.group(0) and option.group(1) == "تعاونية النحالات"
    others = re.findall(r'<option value="cooperative-[^"]*"[^>]*>', html)
    assert [o for o in others if "lang=" not in o], "a French name stays plain"


def test_statement_entries_mark_the_product_name_on_the_page_and_in_the_pdf(
    arabic_sale,
):
    statement, client = arabic_sale["statement"], arabic_sale["client"]
    c = arabic_sale["cooperative"].slug
    html = client.get(f"/fr/portal/statements/{statement.pk}/?c={c}").content.decode()
    assert f"<span {RTL_AR}>{AR_NAME}</span>" in html
    # French, on a French page: plain.
    assert FR_NAME in html and f">{FR_NAME}</span>" not in html

    with translation.override("fr"):
        pdf_html = documents.statement_html(
            statement,
            selectors.statement_entries(statement),
            cooperative=statement.cooperative,
        )
    assert f"<span {RTL_AR}>{AR_NAME}</span>" in pdf_html
    with translation.override("ar"):
        pdf_html = documents.statement_html(
            statement,
            selectors.statement_entries(statement),
            cooperative=statement.cooperative,
        )
    assert f"<span {LTR_FR}>{FR_NAME}</span>" in pdf_html
    assert f"<span {RTL_AR}>" not in pdf_html


def test_entry_descriptions_fall_back_to_the_snapshot_in_the_orders_language(
    arabic_sale,
):
    statement = arabic_sale["statement"]
    with translation.override("ar"):
        rows = list(selectors.statement_entries(statement))
    sale = next(row for row in rows if row["sku"] == "ARGAN-1")
    assert sale["product_language"] == "fr"
    # The catalogue's names gone: the order line's French snapshot, marked
    # by the order's language.
    sale = {**sale, "product": FR_NAME, "product_language": ""}
    sale["variant_language"] = ""
    with translation.override("ar"):
        html = entries.as_html(sale)
    assert f"<span {LTR_FR}>{FR_NAME}</span>" in html
    # The CSV's plain text is never marked up.
    with translation.override("fr"):
        assert "<span" not in entries.as_text(sale)


# The quality report.


def test_the_quality_report_marks_the_product_in_each_sections_language(
    arabic_only_product,
):
    honey_book()
    _page, variant = arabic_only_product
    lot = receive_lot(variant, "L-SIDR")
    inspection = inspect(lot, GOOD, language="fr")
    moisture = inspection.criterion_results.get(criterion__name_en="Moisture")
    moisture.criterion.name_fr = moisture.criterion.name_en = ""
    moisture.criterion.save()

    html = inspection_report_html(inspection)
    french, arabic = re.findall(r"<section.*?</section>", html, re.S)
    assert 'lang="fr"' in french and 'lang="ar"' in arabic
    assert f"</bdi> — <span {RTL_AR}>{AR_NAME}</span></dd>" in french
    assert f"<span {RTL_AR}>تعاونية النحالات</span>" in french
    assert f"<td><span {RTL_AR}>الرطوبة</span>" in french
    assert f"</bdi> — {AR_NAME}</dd>" in arabic
    assert "<span lang=" not in arabic


# The point of sale.


def test_the_pos_catalogue_says_which_names_fell_back(
    arabic_only_product, french_product
):
    arabic, french = arabic_only_product[1], french_product[1]
    lots = [receive(arabic, "L-AR", 4), receive(french, "L-FR", 4)]
    session = pos_session_open(channel="fair", place="Salon", date=today())
    pos_transfer_out(session_id=session.pk, quantities={lot.pk: 2 for lot in lots})

    items = {item["sku"]: item for item in session_catalogue(session)["items"]}
    assert items["SIDR-250"]["name_languages"] == {
        "ar": {},
        "fr": {"lang": "ar", "dir": "rtl"},
        "en": {"lang": "ar", "dir": "rtl"},
    }
    assert items["SIDR-250"]["names"]["fr"].startswith(AR_NAME)
    # Named in every language: nothing to mark.
    assert items["ARGAN-100"]["name_languages"] == {"ar": {}, "fr": {}, "en": {}}


# One base for printed documents.

DOCUMENTS = [
    "portal/statement_pdf.html",
    "shop/invoice_pdf.html",
    "shop/export/paper_pdf.html",
    "shop/quality/report_pdf.html",
    "trade/proforma_pdf.html",
]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_extends_the_one_base(name):
    source = get_template(name).template.source
    assert source.startswith('{% extends "core/document_pdf.html" %}')
    # The shared rules live in the base only.
    for rule in ("@page", "table.figures {", "h1 {", "{{ font_faces }}"):
        assert rule not in source, (name, rule)


def test_the_base_gives_a_document_its_page_fonts_and_own_rules():
    template = engines["django"].from_string(
        '{% extends "core/document_pdf.html" %}'
        "{% block title %}T{% endblock %}{% block font_size %}8.5pt{% endblock %}"
        "{% block styles %}.own { color: red; }{% endblock %}"
        "{% block body %}<p>corps</p>{% endblock %}"
    )
    html = template.render(
        {
            "language": "ar",
            "direction": "rtl",
            "font_faces": "/*faces*/",
            "page_counter": "counter(page)",
        }
    )
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="ar" dir="rtl">' in html and "<title>T</title>" in html
    assert html.count("@page") == 1 and "size: A4;" in html
    assert 'font-family: "DejaVu Sans Arabic", "Noto Sans"; font-size: 8.5pt;' in html
    # The document's own rules come after the shared ones: they win.
    assert html.index(".own { color: red; }") > html.index(".figures .total th")
    assert "<p>corps</p>" in html and "/*faces*/" in html


def test_shown_language_dictionary_is_empty_in_the_pages_language():
    with translation.override("fr"):
        assert fallback.language_attr_dict("fr") == {}
        assert fallback.language_attr_dict(None) == {}
        assert fallback.language_attr_dict("ar") == {"lang": "ar", "dir": "rtl"}
