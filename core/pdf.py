"""Printable documents: HTML rendered to PDF by WeasyPrint, in the reader's
language, right to left in Arabic. One home for what every document needs
(statements, invoices and credit notes, pro-formas, export papers,
inspection reports).

WeasyPrint lays the HTML out with Pango, which shapes Arabic (joined
letters, ligatures) and orders mixed Arabic and Latin text. Three things it
does differently from a browser, handled here:

- It ignores `unicode-bidi`, so a `<bdi>` alone isolates nothing: `isolate`
  gives every `<bdi>` of a rendered template the Unicode isolate characters
  (FSI ... PDI), which Pango's bidi algorithm does honour.
- It loads the fonts the stylesheet names: the site's own Noto Sans and Noto
  Sans Arabic (the WOFF2 files of static/fonts, decompressed once per
  process; `font_urls()` gives the template their addresses), so the PDF
  looks the same on a machine with only DejaVu.
- It fetches whatever the HTML points at. The fetcher below serves those font
  files and refuses every other address, so nothing a person typed can make
  the renderer read a file or call a server, even if escaping ever failed."""

import functools
import io
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.translation import gettext

# Unicode first-strong isolate and pop directional isolate: the plain-text
# form of <bdi>.
FSI, PDI = "\u2068", "\u2069"

# Arabic in documents is set in DejaVu Sans (its Arabic letters, subset from
# Debian's fonts-dejavu-core; licence in static/fonts/LICENSE-dejavu.txt),
# not in the site's Noto Sans Arabic: Noto draws several letters from one
# shared skeleton plus dots, and a PDF maps each drawn shape back to one
# letter, so text copied or extracted from the PDF came out with wrong
# letters ("المجموع" read "المبموع"). DejaVu draws every letter form as its
# own shape: what a reader or an accountant's tool extracts is what is
# printed.
FONT_FILES = {
    "arabic_400": "fonts/dejavu-sans-arabic-400.ttf",
    "arabic_700": "fonts/dejavu-sans-arabic-700.ttf",
    "latin_400": "fonts/noto-sans-latin-400-normal.woff2",
    "latin_700": "fonts/noto-sans-latin-700-normal.woff2",
}


@functools.cache
def font_files() -> dict[str, Path]:
    """The site's font files, found as collectstatic finds them."""
    paths = {}
    for key, name in FONT_FILES.items():
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"static font {name} not found")
        paths[key] = Path(path).resolve()
    return paths


def font_urls() -> dict[str, str]:
    return {key: path.as_uri() for key, path in font_files().items()}


@functools.cache
def _font_bytes(path: Path) -> bytes:
    """A font's bytes, read once per process; a WOFF2 font decompressed once
    (WeasyPrint would otherwise decompress it on every render, about a
    second in Python)."""
    from fontTools.ttLib import woff2

    if path.suffix != ".woff2":
        return path.read_bytes()
    out = io.BytesIO()
    with path.open("rb") as compressed:
        woff2.decompress(compressed, out)
    return out.getvalue()


def fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.as_uri(): path for path in font_files().values()}

    class FontsOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"not fetched for a document: {url[:80]}")
            return URLFetcherResponse(
                url,
                body=_font_bytes(allowed[url]),
                headers={"Content-Type": "font/ttf"},
            )

    return FontsOnlyFetcher()


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\a ")
        .replace("<", "\\3c ")  # never closes the <style> it is written in
    )
    return f'"{escaped}"'


def page_counter_css(number: str) -> str:
    """The footer's CSS `content`: the statement number, then the catalogue's
    "Page %(number)s of %(total)s" with CSS page counters in its placeholders,
    so each language keeps its own word order."""
    parts = [css_string(f"{FSI}{number}{PDI} · ")]
    for piece in re.split(
        r"(%\((?:number|total)\)s)", gettext("Page %(number)s of %(total)s")
    ):
        if piece == "%(number)s":
            parts.append("counter(page)")
        elif piece == "%(total)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def isolate(html: str) -> str:
    """Give every <bdi> the isolate characters WeasyPrint's Pango honours."""
    return html.replace("<bdi>", f"<bdi>{FSI}").replace("</bdi>", f"{PDI}</bdi>")


# The Arabic face covers the Arabic blocks (and the joiners and marks Arabic
# text uses); the Latin face everything else.
ARABIC_RANGE = (
    "U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0898-08E1, "
    "U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, "
    "U+FE70-FE74, U+FE76-FEFC"
)


def font_faces_css() -> str:
    """The @font-face rules of every document: DejaVu Sans (Arabic) and Noto
    Sans, regular and bold, from the site's own font files."""
    urls = font_urls()
    rules = []
    for family, script, unicode_range in (
        ("DejaVu Sans Arabic", "arabic", ARABIC_RANGE),
        ("Noto Sans", "latin", None),
    ):
        for weight in (400, 700):
            extra = f" unicode-range: {unicode_range};" if unicode_range else ""
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'src: url("{urls[f"{script}_{weight}"]}");{extra} }}'
            )
    return "\n".join(rules)


def document_html(template: str, context: dict) -> str:
    """`template` rendered as the HTML a PDF is made from: the @font-face
    rules in `font_faces` (for the template's <style>), every <bdi>
    isolated."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    # Our own rules and file addresses: nothing a person typed.
    faces = mark_safe(font_faces_css())  # noqa: S308
    return isolate(render_to_string(template, {"font_faces": faces, **context}))


def html_to_pdf(html: str) -> bytes:
    """`html` (from `document_html`) as PDF bytes, A4 unless its stylesheet
    says otherwise, fetching nothing but the site's fonts."""
    from weasyprint import HTML  # half a second to import: only when printing

    return HTML(string=html, url_fetcher=fetcher()).write_pdf()
