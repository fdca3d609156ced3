"""The cooperative portal on a 360 × 800 phone, in Arabic and in French, with
the full demo (its season of sales and statements): no page scrolls
sideways, what a member taps is at least 44 px high, Chart.js is fetched
only when the chart is drawn, and the amount owed on the dashboard adds up
with the latest statement's closing balance."""

import re

import pytest
from babel.numbers import format_decimal
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from shop.money import BABEL_LOCALES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 360, 800
PASSWORD = "tadamon-demo"
# A honey cooperative: pooled-cost deductions, consignments, carried
# statements, and the longest name of the demo.
MEMBER = "aghbalou-ouaouizeght"

# Every visible link, button and field with its height, and whether it is a
# link inside running text (WCAG 2.5.5 lets those be as high as the line).
TARGETS_JS = """() => {
  const found = [];
  const all = "a[href], button, select, textarea, input:not([type=hidden])";
  for (const el of document.querySelectorAll(all)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    let block = el.parentElement;
    while (getComputedStyle(block).display === "inline") {
      block = block.parentElement;
    }
    found.push({
      what: el.tagName.toLowerCase() + " " + (el.textContent.trim() || el.name),
      height: Math.round(box.height * 10) / 10,
      inText: getComputedStyle(el).display === "inline"
        && block.textContent.trim() !== el.textContent.trim(),
    });
  }
  return found;
}"""
# Scripts that stop the parser until they are fetched and run.
BLOCKING_JS = "[...document.scripts].filter(s => s.src && !s.defer && !s.async)"
CHART_DRAWN_JS = "() => window.Chart && Chart.getChart('sales-chart')"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")


def phone(browser, requests=None):
    # A phone's viewport grows to the page's width when the page is wider
    # (innerWidth follows scrollWidth): the pages are measured against
    # WIDTH, not against innerWidth.
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    return page


def sign_in(page, base, language, username):
    page.goto(f"{base}/{language}/portal/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/{language}/portal/")


def centimes(shown: str) -> int:
    """An amount as a page shows it ("-1 320,00 MAD", "‏-346,00 د.م.‏") in
    centimes: the decimal mark is a comma in both languages."""
    kept = re.sub(r"[^\d,-]", "", shown.replace("\u2212", "-"))
    units, _comma, cents = kept.partition(",")
    value = int(units.replace("-", "") or 0) * 100 + int(cents or 0)
    return -value if "-" in units else value


class Findings:
    """Widths, small targets and blocking scripts of every page measured."""

    def __init__(self):
        self.widths, self.small, self.blocking = {}, [], {}

    def measure(self, page, name):
        self.widths[name] = page.evaluate("document.documentElement.scrollWidth")
        for target in page.evaluate(TARGETS_JS):
            if not target["inText"] and target["height"] < 44:
                self.small.append(f"{name}: {target['what']} ({target['height']})")
        if scripts := page.evaluate(f"{BLOCKING_JS}.map(s => s.src)"):
            self.blocking[name] = scripts

    def visit(self, page, name, url):
        assert page.goto(url).status == 200, name
        self.measure(page, name)


def dashboard_owed(page) -> dict:
    owed = page.locator("section.owed")
    latest = owed.locator(".impact__figures--small > div").filter(
        has=page.locator("dt a")
    )
    parts = owed.locator(".impact__figures--small > div:not(:has(dt a)) dd")
    assert parts.count() == 2  # payable now, payable later
    return {
        "total": owed.locator(".owed__total").inner_text(),
        "from_statement": latest.locator("dd").inner_text(),
        "url": latest.locator("dt a").get_attribute("href"),
        "now": parts.nth(0).inner_text(),
        "later": parts.nth(1).inner_text(),
        "since": owed.locator("tr.order-table__total td").inner_text(),
    }


def walk(browser, base, language, found):
    """Every portal page in `language`: signed out, then as the member."""
    requests = []
    page = phone(browser, requests)
    portal = f"{base}/{language}/portal"
    found.visit(page, f"{language} login", f"{portal}/login/")
    found.visit(page, f"{language} password reset", f"{portal}/password-reset/")
    found.visit(page, f"{language} reset sent", f"{portal}/password-reset/sent/")
    # The token depends on the last sign-in: made afresh for each language.
    member = get_user_model().objects.get(username=MEMBER)
    with translation.override(language):
        confirm = reverse(
            "portal:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
                "token": default_token_generator.make_token(member),
            },
        )
    found.visit(page, f"{language} new password", base + confirm)
    assert page.locator("input[name=new_password2]").count() == 1

    sign_in(page, base, language, MEMBER)
    found.measure(page, f"{language} dashboard")
    owed = dashboard_owed(page)

    # Chart.js waits until the chart comes near the screen, and drawing it
    # moves nothing: its box has its size before.
    assert not [url for url in requests if "chart.umd" in url]
    assert page.evaluate("typeof Chart") == "undefined"
    box = page.locator(".chart-box")
    height = box.bounding_box()["height"]
    page.locator("#sales-chart").scroll_into_view_if_needed()
    page.wait_for_function(CHART_DRAWN_JS)
    assert box.bounding_box()["height"] == height > 0
    # Its axes are written like the tables: the months as the month column
    # names them, amounts with the locale's marks (no "1,400" in French).
    axes = page.evaluate(
        """() => { const chart = Chart.getChart('sales-chart');
        return { x: chart.data.labels,
                 y: chart.scales.y.ticks.map(t => [t.value, t.label]) }; }"""
    )
    months = page.locator("#by-month ~ table tbody tr td:first-child").all_inner_texts()
    assert axes["x"] == months
    locale = BABEL_LOCALES[language]
    assert axes["y"] and all(
        label
        == format_decimal(
            value, format="#,##0.00" if value % 1 else "#,##0", locale=locale
        )
        for value, label in axes["y"]
    ), axes["y"]

    for name in (
        "members",
        "members/coverage",
        "quality",
        "purchasing",
        "sales",
        "stock",
        "statements",
    ):
        found.visit(page, f"{language} {name}", f"{portal}/{name}/")
    assert page.locator("main table a").first.get_attribute("href") == owed["url"]
    found.visit(page, f"{language} statement", base + owed["url"])
    closing = page.locator(".statement tr.order-table__total td").inner_text()
    assert len([url for url in requests if "chart.umd" in url]) == 1

    # Named as well as swept: the portal's navigation, sign out and the
    # statement's downloads are never let off as links in running text.
    downloads = page.locator(".statement .link-row a")
    assert downloads.count() >= 2  # CSV, XLSX (and PDF)
    navigation = page.locator(".portal-nav a, .portal-nav button")
    # Every entry of the navigation (links and sign out), however many
    # sections the portal has.
    assert navigation.count() == page.locator(".portal-nav li").count() >= 6
    for target in (*downloads.all(), *navigation.all()):
        assert target.bounding_box()["height"] >= 44, target.inner_text()
    page.context.close()
    return owed, closing


def test_every_portal_page_fits_a_phone_in_arabic_and_in_french(
    live_server, browser, demo
):
    found = Findings()
    for language in ("ar", "fr"):
        owed, closing = walk(browser, live_server.url, language, found)
        # The dashboard's figure is the latest statement's closing balance
        # plus what happened since. The demo's season goes on after its last
        # statement (last month's), so "since" is seldom 0; when it is, the
        # two pages show the same amount.
        assert owed["from_statement"] == closing, language
        since = centimes(owed["since"])
        assert since == centimes(owed["now"]) + centimes(owed["later"])
        assert centimes(owed["total"]) == centimes(closing) + since
        if since == 0:
            assert owed["total"] == closing

    # Staff may open any cooperative's portal: the switcher, its long names.
    page = phone(browser)
    sign_in(page, live_server.url, "ar", "staff")
    assert page.locator(".portal-header select").count() == 1
    found.measure(page, "ar dashboard, staff")
    page.context.close()

    assert len(found.widths) == 2 * 13 + 1
    assert {name: w for name, w in found.widths.items() if w > WIDTH} == {}
    assert found.small == []
    assert found.blocking == {}
