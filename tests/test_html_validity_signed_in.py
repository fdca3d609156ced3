"""Every page a signed-in person opens passes the Nu HTML checker, and reads
as one page in its own language: one <h1>, a <title>, <html lang dir>, and a
label for every form control.

The pages of tests/signed_in_pages.py (portal, trade, the order page with
its withdrawal, account pages with their errors, search, error pages, the
point of sale, lot and legal pages; each in Arabic and French) are checked
by one run of the checker, as tests/test_html_validity.py does.
"""

import re
from html.parser import HTMLParser

import pytest

from tests.signed_in_pages import signed_in_pages
from tests.test_html_validity import _java, _readable, html_errors

pytestmark = pytest.mark.xdist_group("signed_in_pages")

EXPECTED_STATUS = {
    "activation-invalid": 400,
    "forbidden": 403,
    "csrf-failure": 403,
    "not-found": 404,
    "bad-request": 400,
    "server-error": 500,
}

# What shows the page is in the state it is checked in.
STATES = {
    "portal-login-error": 'role="alert"',
    "login-error": 'role="alert"',
    "signup-errors": 'aria-invalid="true"',
    "trade-apply-errors": 'aria-invalid="true"',
    "trade-quick-order-errors": 'aria-invalid="true"',
    "trade-product-prices": 'class="trade-prices__item"',
    "order-withdrawal-open": "/invoices/",
    "order-withdrawal-errors": 'aria-invalid="true"',
    "order-withdrawal-filed": 'class="withdrawal__request"',
    "portal-round-0": 'type="number"',
    "search-hits": 'class="card',
}
# Pages titled by a person's name, the same in every language.
NAMED_AFTER_DATA = {"portal-member"}
ARABIC = re.compile("[\u0600-\u06ff]")


class _Outline(HTMLParser):
    """What a reader and a screen reader find first: the document's
    language and direction, its title and headings, and which form
    controls have no label."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_attrs = {}
        self.title = ""
        self.h1 = 0
        self.labelled = set()
        self.controls = []  # (id, has its own name)
        self._in_title = False
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.labelled.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            if attrs.get("type") in {"hidden", "submit", "button", "image", "reset"}:
                return
            named = bool(
                attrs.get("aria-label")
                or attrs.get("aria-labelledby")
                or attrs.get("title")
                or self._label_depth
            )
            self.controls.append((attrs.get("id"), named, attrs.get("name")))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "label":
            self._label_depth = max(0, self._label_depth - 1)

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def unlabelled(self) -> list:
        return [
            name or control_id
            for control_id, named, name in self.controls
            if not named and control_id not in self.labelled
        ]


def _outline(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    return outline


def test_signed_in_pages_have_no_html_errors(db, tmp_path):
    _java()
    pages = signed_in_pages()

    problems = []
    titles = {}
    for page in pages:
        expected = EXPECTED_STATUS.get(page.name, 200)
        if page.status != expected:
            problems.append(f"{page.url} ({page.name}): status {page.status}")
        if STATES.get(page.name, "") not in page.html:
            problems.append(f"{page.url} ({page.name}): not in its state")
        outline = _outline(page.html)
        direction = "rtl" if page.language == "ar" else "ltr"
        if outline.html_attrs != {"lang": page.language, "dir": direction}:
            problems.append(f"{page.url} ({page.name}): <html {outline.html_attrs}>")
        if outline.h1 != 1:
            problems.append(f"{page.url} ({page.name}): {outline.h1} <h1>")
        if not outline.title.strip():
            problems.append(f"{page.url} ({page.name}): no <title>")
        if outline.unlabelled():
            problems.append(
                f"{page.url} ({page.name}): no label for {outline.unlabelled()}"
            )
        titles[page.language, page.name] = outline.title.strip()
    for (language, name), title in titles.items():
        # The page's own part of its title (before the site's name): left
        # in English, it reads the same in both languages.
        own = title.split(" · ")[0]
        if language == "ar" and name not in NAMED_AFTER_DATA:
            french = titles.get(("fr", name), "").split(" · ")[0]
            if not ARABIC.search(own) or own == french:
                problems.append(f"{name}: the Arabic page's title is {title!r}")

    errors, sources = html_errors(pages, tmp_path)

    assert problems == [], "\n".join(problems)
    assert errors == [], f"{len(errors)} errors:\n" + _readable(errors, sources)
    names = {page.name for page in pages}
    assert len(pages) == 2 * len(names)
    assert len(names) >= 45
