"""Text shown in another language than the page's is marked with its own
(core/fallback.py): a French page showing an Arabic-only name says
lang="ar" dir="rtl" around it, an Arabic page showing a French-only name
says lang="fr" dir="ltr", and text in the page's own language is left
plain."""

import re

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import translation
from wagtail.rich_text import RichText

from cms.tests.factories import CooperativeIndexPageFactory, CooperativePageFactory
from cms.tests.test_catalogue import ProductIndexPageFactory, ProductPageFactory
from cooperatives.tests.factories import CooperativeFactory
from core import fallback
from shop.models import Order
from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
from shop.tests.factories import DeliveryMethodFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

AR_NAME = "عسل السدر الجبلي"
AR_STORY = "جمعت النساء هذا العسل في جبال الأطلس."
FR_NAME = "Huile d’argan du Souss"
RTL_AR = 'lang="ar" dir="rtl"'
LTR_FR = 'lang="fr" dir="ltr"'


def _h1(html: str) -> str:
    """The page's heading, its own attributes and all."""
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


def _marks(html: str, language: str) -> int:
    """How many elements of the page's <main> say they are in `language`
    (the language switcher names each language in its own)."""
    main = html[html.index("<main") : html.index("</main>")]
    return len(re.findall(rf'<[^>]*\slang="{language}"', main))


def _lead(html: str) -> str:
    return re.search(r'<p class="lead"[^>]*>', html).group(0)


@pytest.fixture
def catalogue(settings, tmp_path):
    from wagtail.models import Site

    settings.MEDIA_ROOT = tmp_path
    home = Site.objects.get(is_default_site=True).root_page.specific
    return ProductIndexPageFactory(parent=home)


@pytest.fixture
def arabic_only_product(catalogue):
    """A product, its page and its cooperative written in Arabic only."""
    cooperative = CooperativeFactory(
        name=AR_NAME,
        name_ar="تعاونية النحالات",
        name_fr="",
        name_en="",
        summary_fr="",
        summary_en="",
    )
    product = ProductFactory(
        cooperative=cooperative,
        name=AR_NAME,
        name_ar=AR_NAME,
        name_fr="",
        name_en="",
        description_ar="عسل نادر.",
        description_fr="",
    )
    variant = VariantFactory(product=product, sku="SIDR-250", price=20000)
    page = ProductPageFactory(
        parent=catalogue,
        product=product,
        title=AR_NAME,
        title_ar=AR_NAME,
        title_fr="",
        title_en="",
        story_ar=[("paragraph", RichText(f"<p>{AR_STORY}</p>"))],
    )
    return page, variant


@pytest.fixture
def french_product(catalogue):
    product = ProductFactory(
        name=FR_NAME, name_fr=FR_NAME, description_fr="Pressée à froid."
    )
    variant = VariantFactory(product=product, sku="ARGAN-100", price=15000)
    page = ProductPageFactory(
        parent=catalogue,
        product=product,
        title=FR_NAME,
        title_ar="زيت أركان سوس",
        title_fr=FR_NAME,
        title_en="Souss argan oil",
        story_ar=[("paragraph", RichText("<p>قصة</p>"))],
        story_fr=[("paragraph", RichText("<p>Une histoire.</p>"))],
    )
    return page, variant


@pytest.fixture
def checkout(db):
    return {**CHECKOUT_POST, "delivery_method": str(DeliveryMethodFactory().pk)}


def _url(page, language):
    with translation.override(language):
        return page.get_url()


# The one home: which language a field's text came from.


def test_shown_language_follows_the_fallback_order(arabic_only_product):
    page, variant = arabic_only_product
    product = variant.product
    for language in ("ar", "fr", "en"):
        with translation.override(language):
            assert fallback.shown_language(product, "name") == "ar"
            assert fallback.shown_language(page, "story") == "ar"
    product.name_fr = "Miel de jujubier"
    with translation.override("en"):
        # English falls back to French before Arabic.
        assert fallback.shown_language(product, "name") == "fr"
    with translation.override("fr"):
        assert fallback.shown_language(product, "name") == "fr"
        assert fallback.translated_html(product, "name") == "Miel de jujubier"
        # A field not translated has no known language: never marked.
        assert fallback.shown_language(product, "sku") is None


def test_marking_escapes_the_text():
    with translation.override("fr"):
        assert (
            fallback.mark_inline("<b>", "ar")
            == '<span lang="ar" dir="rtl">&lt;b&gt;</span>'
        )
        assert fallback.mark_inline("<b>", "fr") == "&lt;b&gt;"
        assert fallback.mark_inline("", "ar") == ""


@pytest.mark.parametrize(
    ("text", "taken_in", "expected"),
    [
        ("Miel de thym", "fr", "fr"),
        ("عسل الزعتر", "fr", "ar"),  # a French order of an Arabic-only name
        ("عسل الزعتر", "ar", "ar"),
        ("Miel de thym", "ar", "fr"),  # an Arabic order of a French-only name
        ("Thyme honey", "en", "en"),
        ("250 g", "ar", "fr"),
        ("250 غ", "en", "ar"),
        ("500", "ar", "ar"),  # digits alone say nothing
        ("Miel عسل", "fr", "fr"),  # both scripts: the order's language stands
    ],
)
def test_snapshot_language_trusts_the_order_unless_the_script_disagrees(
    text, taken_in, expected
):
    assert fallback.snapshot_language(text, taken_in) == expected


def test_the_template_tags_mark_only_another_language(arabic_only_product):
    _page, variant = arabic_only_product
    template = Template(
        "{% load fallback_tags %}"
        '{% translated product "name" %}|<p{% translated_attrs product "name" %}>'
        "|{{ name|in_language:'fr' }}|{{ name|by_script }}"
    )
    context = Context({"product": variant.product, "name": "Miel"})
    with translation.override("fr"):
        assert template.render(context) == (
            f"<span {RTL_AR}>{AR_NAME}</span>|<p {RTL_AR}>|Miel|Miel"
        )
    with translation.override("ar"):
        assert template.render(context) == (
            f"{AR_NAME}|<p>|<span {LTR_FR}>Miel</span>|<span {LTR_FR}>Miel</span>"
        )


# Pages.


@pytest.mark.parametrize("language", ["fr", "en"])
def test_arabic_only_product_page_is_marked_on_latin_pages(
    client, arabic_only_product, language
):
    page, _variant = arabic_only_product
    html = client.get(_url(page, language)).content.decode()

    assert f'<html lang="{language}" dir="ltr">' in html
    assert _h1(html) == f"<h1 {RTL_AR}>{AR_NAME}</h1>"
    assert _lead(html) == f'<p class="lead" {RTL_AR}>'
    # The story's paragraph block carries the language on its wrapper.
    assert f'<div class="block-paragraph" {RTL_AR}><p>{AR_STORY}</p></div>' in html
    # The cooperative's name and commune, fallen back to Arabic too.
    assert f"<span {RTL_AR}>تعاونية النحالات</span>" in html
    assert f"<span {RTL_AR}>دمنات</span>" not in html  # the commune has French


def test_arabic_only_product_page_is_plain_in_arabic(client, arabic_only_product):
    page, _variant = arabic_only_product
    html = client.get(_url(page, "ar")).content.decode()

    assert _h1(html) == f"<h1>{AR_NAME}</h1>"
    assert _lead(html) == '<p class="lead">'
    assert f'<div class="block-paragraph"><p>{AR_STORY}</p></div>' in html
    assert _marks(html, "ar") == 0


def test_french_text_present_needs_no_marking(client, french_product):
    page, _variant = french_product
    for language in ("fr", "en"):
        html = client.get(_url(page, language)).content.decode()
        assert _marks(html, "ar") == 0
    html = client.get(_url(page, "fr")).content.decode()
    assert _h1(html) == f"<h1>{FR_NAME}</h1>"
    assert '<div class="block-paragraph"><p>Une histoire.</p></div>' in html
    # English has its own title, its story and name fall back to French.
    html = client.get(_url(page, "en")).content.decode()
    assert _h1(html) == "<h1>Souss argan oil</h1>"
    assert f'<div class="block-paragraph" {LTR_FR}><p>Une histoire.</p></div>' in html


def test_arabic_page_marks_a_french_only_name(client, catalogue, french_product):
    _page, variant = french_product
    variant.product.name_ar = ""
    variant.product.save()
    html = client.get(_url(catalogue, "ar")).content.decode()

    # The card's link says it (its own element: no span needed).
    assert f'/" {LTR_FR}>{FR_NAME}</a></h2>' in html


def test_cooperative_page_with_only_arabic_text(client):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    index = CooperativeIndexPageFactory(parent=home)
    cooperative = CooperativeFactory(
        name_fr="",
        name_en="",
        summary_fr="",
        summary_en="",
        commune_fr="",
        commune_en="",
    )
    page = CooperativePageFactory(
        parent=index, cooperative=cooperative, title_fr="", title_en=""
    )
    html = client.get(_url(page, "fr")).content.decode()
    assert _h1(html) == f"<h1 {RTL_AR}>{cooperative.name_ar}</h1>"
    assert _lead(html) == f'<p class="lead" {RTL_AR}>'
    assert f"<span {RTL_AR}>دمنات</span>" in html
    # The index's card says it too, inside its link.
    html = client.get(_url(index, "fr")).content.decode()
    assert f'/" {RTL_AR}>{cooperative.name_ar}</a></h2>' in html

    cooperative.name_fr = cooperative.summary_fr = "Texte"
    cooperative.commune_fr = "Demnate"
    cooperative.save()
    page.title_fr = "Texte"
    page.save()
    html = client.get(_url(page, "fr")).content.decode()
    assert _marks(html, "ar") == 0


# Order lines: snapshots in the order's language.


def test_a_french_order_line_is_marked_on_the_arabic_order_page(
    client, french_product, checkout
):
    _page, variant = french_product
    add_to_cart(client, variant.sku, 1, language="fr")
    response = place_order(client, checkout, language="fr")
    order = Order.objects.get()
    assert order.language == "fr"
    url = response.redirect_chain[-1][0]

    html = client.get(url).content.decode()
    assert f"<td>{FR_NAME} " in html  # its own language: plain

    html = client.get(url.replace("/fr/", "/ar/", 1)).content.decode()
    assert f"<td><span {LTR_FR}>{FR_NAME}</span> " in html


def test_a_french_order_of_an_arabic_only_product_marks_the_arabic_name(
    client, arabic_only_product, checkout, django_capture_on_commit_callbacks
):
    _page, variant = arabic_only_product
    add_to_cart(client, variant.sku, 1, language="fr")
    cart = client.get("/fr/cart/").content.decode()
    assert f"<strong><span {RTL_AR}>{AR_NAME}</span></strong>" in cart

    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client, checkout, language="fr")
    line = Order.objects.get().lines.get()
    assert line.product_name == AR_NAME  # the snapshot fell back to Arabic

    html = client.get(response.redirect_chain[-1][0]).content.decode()
    assert f"<td><span {RTL_AR}>{AR_NAME}</span> " in html
    email_html = mail.outbox[0].alternatives[0][0]
    assert f"× <span {RTL_AR}>{AR_NAME}</span>" in email_html
    assert AR_NAME in mail.outbox[0].body  # the plain-text part stays plain
    assert "<span" not in mail.outbox[0].body


def test_the_invoice_marks_an_arabic_name_on_a_french_invoice(arabic_only_product):
    from shop.invoice_documents import invoice_html
    from shop.tests.test_invoices import pay, placed

    _page, variant = arabic_only_product
    french = VariantFactory(sku="THYM-250", price=9000, stock=5)
    order = pay(placed((variant, 1), (french, 1), language="fr"))
    invoice = order.invoices.get()

    html = invoice_html(invoice)
    assert '<html lang="fr" dir="ltr">' in html
    # The Arabic name in its own isolate, marked; the French one plain.
    assert f"<span {RTL_AR}>{AR_NAME}</span>" in html
    assert f"<bdi>\u2068{french.product.name_fr}\u2069</bdi>" in html
