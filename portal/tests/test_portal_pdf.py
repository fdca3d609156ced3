"""A statement's PDF opens, in the member's language, right to left in
Arabic with the site's own fonts embedded, and names both parties by their
ICE. One PDF is rendered per language (a second or two each); the wording of
the statuses and the summed rows of a long statement are read from the HTML
the PDF is made from."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from core import pdf
from portal import documents, selectors
from portal.tests import test_portal_exports
from portal.tests.test_portal_exports import export_url
from shop.money import format_mad
from shop.services.settlements import statement_mark_paid

pytestmark = pytest.mark.django_db

# The exports' fixture: a statement carrying a first one's balance, with
# sales, a refund and a deduction; and another cooperative's statement.
season = test_portal_exports.season

OWN_FONTS = {"NotoSans", "NotoSansBold", "DejaVuSansArabic", "DejaVuSansArabicBold"}
# Arabic stored as presentation forms would mean letters drawn unshaped.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def read_pdf(content: bytes) -> tuple[str, set[str]]:
    """The PDF's text and the names of its embedded fonts (subset prefix and
    hyphens dropped: "ABCDEF+DejaVuSansArabic-Bold" is "DejaVuSansArabicBold")."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1].replace("-", "")
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    return text, fonts


def html_of(statement, language):
    with translation.override(language):
        return documents.statement_html(
            statement,
            selectors.statement_entries(statement),
            cooperative=statement.cooperative,
        )


def test_pdf_in_french_names_both_parties_and_the_closing_balance(
    client, season, settings
):
    settings.FOUNDATION_NAME = "Fondation Essai"  # read when the PDF is made
    settings.FOUNDATION_ICE = "001525374000088"
    statement = season["statement"]
    client.force_login(season["member"])

    response = client.get(export_url("pdf", statement, "fr"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{statement.number}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    text, fonts = read_pdf(response.content)
    assert f"Relevé {statement.number}" in text
    assert "Fondation Essai" in text
    assert "ICE 001525374000088" in text
    assert f"ICE {statement.cooperative.ice}" in text
    assert f"Solde de clôture {format_mad(statement.closing_balance, 'fr')}" in text
    assert "Page 1 sur 1" in text
    assert fonts <= OWN_FONTS and "NotoSans" in fonts


def test_pdf_in_arabic_is_shaped_with_the_sites_arabic_font(client, season):
    statement = season["statement"]
    client.force_login(season["member"])

    response = client.get(export_url("pdf", statement, "ar"))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    text, fonts = read_pdf(response.content)
    assert statement.number in text
    assert statement.cooperative.ice in text
    assert settings.FOUNDATION_ICE in text
    # The amount as Arabic writes it (decimal comma); the currency sign
    # comes out of the PDF in visual order, so only the number is compared.
    closing = format_mad(statement.closing_balance, "ar").strip("\u200f")
    assert closing.split("\xa0")[0] in text
    # Words of the Arabic catalogue ("Commission", "balance"): the text is
    # Arabic letters, drawn by the embedded Arabic subset of DejaVu Sans.
    assert "العمولة" in text
    assert "الرصيد" in text
    assert not PRESENTATION_FORMS.search(text)
    assert "DejaVuSansArabic" in fonts
    assert fonts <= OWN_FONTS  # no system font stood in


def test_arabic_html_is_right_to_left_with_numbers_and_codes_isolated(season):
    statement = season["statement"]

    html = html_of(statement, "ar")

    assert '<html lang="ar" dir="rtl">' in html
    for code in (
        statement.number,
        statement.previous.number,
        statement.cooperative.ice,
    ):
        assert f"<bdi>\u2068{code}\u2069</bdi>" in html
    assert "counter(page)" in html and "counter(pages)" in html


def test_french_html_says_where_the_balance_came_from_and_what_is_to_pay(season):
    statement = season["statement"]

    html = html_of(statement, "fr")

    assert '<html lang="fr" dir="ltr">' in html
    assert (
        "Solde d'ouverture reporté du relevé "
        f"<bdi>\u2068{season['first'].number}\u2069</bdi>." in html
    )
    amount = format_mad(statement.closing_balance, "fr")
    assert f"À payer : <bdi>\u2068{amount}\u2069</bdi>" in html


def test_a_carried_statement_names_the_one_that_pays_it(season):
    first, statement = season["first"], season["statement"]
    first.refresh_from_db()
    assert first.status == "carried"

    html = html_of(selectors.statement(first.cooperative, first.pk), "fr")

    assert "Premier relevé : aucun solde n'y est reporté." in html
    assert (
        "Non payé seul : son solde de clôture a été reporté sur le relevé "
        f"<bdi>\u2068{statement.number}\u2069</bdi>, qui le paie." in html
    )


def test_a_paid_statement_gives_the_transfer_reference(season):
    statement = statement_mark_paid(
        statement_id=season["statement"].pk, reference="VIR-2026-0042"
    )

    html = html_of(statement, "fr")

    assert "par virement <bdi>\u2068VIR-2026-0042\u2069</bdi>." in html
    assert "À payer" not in html


def test_a_long_statement_is_summed_by_day_then_by_month(season, monkeypatch):
    """The season's statement has two sales, a refund and a deduction on one
    day: past the limit, the two sales become one row of that day; past it
    even by day, one row of that month."""
    statement = season["statement"]
    day = statement.period_end

    monkeypatch.setattr(documents, "MAX_LISTED_ENTRIES", 3)
    by_day = html_of(statement, "fr")
    monkeypatch.setattr(documents, "MAX_LISTED_ENTRIES", 2)
    by_month = html_of(statement, "fr")

    assert "Ce relevé compte 4 écritures. Elles sont résumées ici par jour" in by_day
    assert by_day.count('<tr><td class="date">') == 3
    assert "2 écritures" in by_day and "Commande" not in by_day
    assert "résumées ici par mois" in by_month
    with translation.override("fr"):
        assert date_format(day, "YEAR_MONTH_FORMAT") in by_month
    total = format_mad(statement.sales + statement.refunds, "fr")
    assert f'<td class="amount">{total}</td>' in by_day


def test_the_renderer_fetches_only_the_sites_fonts():
    fetcher = pdf.fetcher()

    font = fetcher.fetch(pdf.font_urls()["arabic_400"])

    assert font.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font, decoded
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "data:text/css,x"):
        with pytest.raises(ValueError, match="not fetched"):
            fetcher.fetch(url)


def test_the_page_counter_follows_each_languages_word_order():
    with translation.override("ar"):
        arabic = pdf.page_counter_css('ST-1"<')

    assert arabic.startswith('"\u2068ST-1\\"\\3c \u2069 · " ')
    assert re.search(r'"الصفحة " counter\(page\) " من " counter\(pages\)', arabic)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_another_cooperatives_statement_pdf_is_404(client, season, language):
    client.force_login(season["member"])

    response = client.get(export_url("pdf", season["other"], language))

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login(client, season):
    url = export_url("pdf", season["statement"], "fr")

    response = client.get(url)

    assert response.status_code == 302
    with translation.override("fr"):
        login = reverse("portal:login")
    assert response["Location"].startswith(login)


def test_the_statement_page_links_its_pdf(client, season):
    statement = season["statement"]
    client.force_login(season["member"])

    response = client.get(export_url("pdf", statement, "ar").replace("pdf/", ""))

    assert f"{export_url('pdf', statement, 'ar')}?c=" in response.content.decode()
