"""Every public page on a phone, 360 × 800 and 390 × 844, in Arabic and in
French, with the full demo: nothing scrolls sideways, what a buyer taps is at
least 44 × 44 px (WCAG 2.5.5), and codes, order numbers, SKUs, phone numbers
and amounts sit in their own direction (<bdi> or dir), a discount's minus
sign where the locale writes it.

One browser context per phone size; one tab walks the pages of both
languages, as an anonymous visitor, then as a buyer who signs in, orders
(with the demo's discount code, so that a negative amount is shown) and
signs out."""

import json
import math

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from cms.models import (
    CooperativeIndexPage,
    CooperativePage,
    HomePage,
    ProductIndexPage,
    ProductPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from shop.models import Lot, Order, Statement, Variant
from shop.money import format_mad

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONES = ((360, 800), (390, 844))
LANGUAGES = ("ar", "fr")
PASSWORD = "a-long-sweep-password"  # noqa: S105 - a test buyer's
SEARCH_WORDS = {"ar": "عسل", "fr": "miel"}
DISCOUNT_CODE = "BIENVENUE10"  # the demo's: 10 % from 150 MAD
MINIMUM_SUBTOTAL = 15000
YEARS_ON = 98_765_432_10  # centimes paid out in the years after the demo

# A tap target is an element below that answers a tap: a link, a button, a
# field, a <summary>, or the label of a checkbox or radio button (that
# label, not the small box, is what a thumb aims at; the box itself passes
# when one of its labels is a target of full size).
#
# The one exemption is a link in running text: an inline <a> whose nearest
# enclosing block is a <p>, an <li> or a <label> with words of its own
# besides its links and buttons (at least one letter or digit outside
# them), such as "No account yet? <a>Create one</a>" or "I accept the <a>terms
# of sale</a>". A link alone in its paragraph, a heading's link, or links
# separated only by "·" are targets of their own.
TARGETS_JS = """() => {
  const MIN = 44;
  const TOGGLE = "input[type=checkbox], input[type=radio]";
  const TAPPABLE = "a[href], button, input:not([type=hidden]), select, "
    + "textarea, summary, label";
  const fits = (el) => {
    const box = el.getBoundingClientRect();
    return box.width >= MIN - 0.5 && box.height >= MIN - 0.5;
  };
  const inRunningText = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") {
      return false;
    }
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") {
      block = block.parentElement;
    }
    if (!block || !["P", "LI", "LABEL"].includes(block.tagName)) return false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let words = "";
    while (walker.nextNode()) {
      const control = walker.currentNode.parentElement.closest("a, button");
      if (!control || !block.contains(control)) {
        words += walker.currentNode.data;
      }
    }
    return /[\\p{L}\\p{N}]/u.test(words);
  };
  const describe = (el) => {
    let what = el.tagName.toLowerCase();
    if (el.id) what += "#" + el.id;
    if (el.name) what += "[name=" + el.name + "]";
    if (el.type && el.tagName === "INPUT") what += "[type=" + el.type + "]";
    const classes = [...el.classList].join(".");
    if (classes) what += "." + classes;
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "")
      .replace(/\\s+/g, " ").trim().slice(0, 40);
    const box = el.getBoundingClientRect();
    return `${what} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`;
  };
  const offenders = [];
  for (const root of document.querySelectorAll("header.site-header, main")) {
    for (const el of root.querySelectorAll(TAPPABLE)) {
      if (el.tagName === "LABEL" && !(el.control && el.control.matches(TOGGLE))) {
        continue;
      }
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height || !el.checkVisibility()) continue;
      if (fits(el) || inRunningText(el)) continue;
      if (el.matches(TOGGLE) && [...el.labels].some(fits)) continue;
      offenders.push(describe(el));
    }
  }
  return offenders;
}"""

# Text in <main> that reads left to right inside right-to-left text: an
# amount (with its currency), a code with hyphens (order, SKU, lot,
# statement: "TD-000062", "TIF-THYM-250-L1") or a phone number. Each must
# have an ancestor that sets its direction: a <bdi>, or an element with dir.
UNISOLATED_JS = """() => {
  const PATTERNS = [
    /\\d[\\d\\s.,\\u00a0\\u202f]*\\s?(MAD|د\\.م\\.)/u,
    /(MAD|د\\.م\\.)\\s?\\d/u,
    /\\b[A-Z0-9]{2,}(-[A-Z0-9]+)+\\b/,
    /(\\+|\\b0)\\d([\\s.-]?\\d){7,}/,
  ];
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (parent.closest("script, style, [hidden]")) continue;
    if (!PATTERNS.some((pattern) => pattern.test(node.data))) continue;
    const isolated = parent.closest("bdi, [dir]");
    if (isolated && main.contains(isolated)) continue;
    found.push(node.data.replace(/\\s+/g, " ").trim().slice(0, 60));
  }
  return found;
}"""

# visitor.js shows the cart count once it has the visitor's status: the
# page's layout is final then.
SETTLED_JS = "() => { const c = document.querySelector('[data-cart-count]');"
SETTLED_JS += " return !c || !c.hidden; }"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The full demo: its season of sales ends in paid statements, the home
    # page's "paid to the cooperatives so far". Years on, that figure has
    # ten digits ("98.769.615,81 د.م."): one statement is made that large.
    call_command("load_demo")
    paid = Statement.objects.filter(status="paid").order_by("pk")[:1]
    assert Statement.objects.filter(pk__in=paid).update(
        closing_balance=F("closing_balance") + YEARS_ON
    )


def _url(page, language):
    with translation.override(language):
        return page.specific.get_url()


def _first(model):
    return model.objects.live().order_by("path").first()


def public_urls(language):
    """The public pages a visitor reaches without signing in."""
    catalogue = _url(_first(ProductIndexPage), language)
    product = ProductPage.objects.live().filter(image__isnull=False).first()
    lot = Lot.objects.order_by("pk").first()
    prefix = f"/{language}"
    word = SEARCH_WORDS[language]
    urls = {
        "home": _url(_first(HomePage), language),
        "catalogue": catalogue,
        "catalogue, filtered": (
            f"{catalogue}?category={product.product.category.slug}"
            "&in_stock=on&sort=price"
        ),
        "product": _url(product, language),
        "cooperatives": _url(_first(CooperativeIndexPage), language),
        "cooperative": _url(_first(CooperativePage), language),
        "stories": _url(_first(StoryIndexPage), language),
        "story": _url(
            StoryPage.objects.live().filter(image__isnull=False)[0], language
        ),
        "standard": _url(_first(StandardPage), language),
        "search": f"{prefix}/search/",
        "search, results": f"{prefix}/search/?q={word}",
        "search, nothing found": f"{prefix}/search/?q=zzqqxxw",
        "lot": f"{prefix}/lot/{lot.public_code}/",
        "cart, empty": f"{prefix}/cart/",
        "sign in": f"{prefix}/account/login/",
        "sign up": f"{prefix}/account/signup/",
        "password reset": f"{prefix}/account/password-reset/",
    }
    with translation.override(language):
        urls["find my order"] = reverse("shop:find_order")
    return urls


def cart_variant():
    """A variant with stock for every order of the sweep."""
    return Variant.objects.filter(stock__gte=40, price__gt=0).order_by("pk").first()


class Sweep:
    """What every page measured broke, collected to be reported together."""

    def __init__(self, width):
        self.width = width
        self.visited = []
        self.wide, self.small, self.unisolated = {}, [], []

    def measure(self, page, name):
        page.wait_for_function(SETTLED_JS)
        self.visited.append(name)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        # Compared with the phone's width, not innerWidth: a phone's layout
        # viewport grows to the width of what overflows.
        if scroll_width > self.width:
            self.wide[name] = scroll_width
        self.small += [f"{name}: {target}" for target in page.evaluate(TARGETS_JS)]
        self.unisolated += [
            f"{name}: {text!r}" for text in page.evaluate(UNISOLATED_JS)
        ]

    def isolates(self, page, name, text):
        """`text` is shown whole in an element of its own direction."""
        isolated = page.locator("main bdi, main [dir]").all_inner_texts()
        if text not in isolated:
            self.unisolated.append(f"{name}: {text!r} not alone in a <bdi>")

    def visit(self, page, name, url, status=200):
        response = page.goto(url)
        assert response.status == status, f"{name}: {url} answered {response.status}"
        self.measure(page, name)


def add_to_cart(page, base, language, variant):
    status = page.request.get(f"{base}/{language}/cart/status/")
    token = json.loads(status.text())["csrf_token"]
    quantity = math.ceil(MINIMUM_SUBTOTAL / variant.price)
    page.request.post(
        f"{base}/{language}/cart/add/",
        form={
            "sku": variant.sku,
            "quantity": str(quantity),
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": f"{base}/{language}/cart/"},
    )


def fill_checkout(page, email):
    """The checkout form, filled by field names rather than its layout: a
    buyer in Rabat who pays cash, with the demo's discount code."""
    form = page.locator("main form").filter(has=page.locator("[name=payment_method]"))
    province = form.locator("select[name=province]")
    if province.is_visible():
        province.select_option("MA-RAB")
    values = {
        "email": email,
        "phone": "06 12 34 56 78",
        "full_name": "Amina Alaoui",
        "city": "Rabat",
        "address_line": "12 rue Oued Sebou, Agdal",
        "postal_code": "10090",
        "discount_code": DISCOUNT_CODE,
    }
    for name, value in values.items():
        field = form.locator(f"input[name={name}]")
        if field.count() == 1 and field.is_visible():
            field.fill(value)
            field.press("Escape")  # closes the towns' suggestions
    form.locator("input[name=payment_method][value=cod]").check()
    form.locator("input[name=privacy_consent]").check()
    delivery = form.locator("input[name=delivery_method]:visible")
    if not form.locator("input[name=delivery_method]:checked:visible").count():
        delivery.first.check()
    return form


def walk(page, base, language, sweep, buyer, variant):
    """Every public page in `language`, then the buyer's way through them."""
    for name, url in public_urls(language).items():
        sweep.visit(page, f"{language} {name}", base + url)
    sweep.visit(page, f"{language} not found", f"{base}/{language}/no-such-page/", 404)

    # The buyer signs in, fills the cart, sends the checkout form once empty
    # (its error messages), then filled in.
    page.goto(f"{base}/{language}/account/login/")
    page.locator("main input[name=username]").fill(buyer.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/account/")
    add_to_cart(page, base, language, variant)
    sweep.visit(page, f"{language} cart, with a line", f"{base}/{language}/cart/")
    sweep.visit(page, f"{language} checkout", f"{base}/{language}/checkout/")
    page.locator("main input[name=email]").fill("")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    sweep.measure(page, f"{language} checkout, with errors")
    form = fill_checkout(page, buyer.email)
    form.locator("button[type=submit]").last.click()
    page.wait_for_url(f"**/{language}/checkout/review/")
    sweep.measure(page, f"{language} checkout review")
    page.locator("main input[name=accept_terms]").check()
    page.locator("main form:has([name=accept_terms]) button[type=submit]").click()
    page.wait_for_url(f"**/{language}/orders/**")
    sweep.measure(page, f"{language} order")

    # The discount is taken off: a negative amount written as the locale
    # writes it (in Arabic, the minus sign after the right-to-left mark),
    # isolated from the text around it.
    order = Order.objects.filter(email=buyer.email).latest("pk")
    assert order.discount > 0, "the demo's discount code was not applied"
    sweep.isolates(page, f"{language} order", format_mad(-order.discount, language))
    sweep.isolates(page, f"{language} order", order.number)

    sweep.visit(page, f"{language} account", f"{base}/{language}/account/")
    sweep.isolates(page, f"{language} account", order.number)
    page.locator("main form[action$='/logout/'] button").click()
    page.wait_for_load_state()


def test_every_public_page_fits_a_phone_in_arabic_and_in_french(
    live_server, browser, demo
):
    variant = cart_variant()
    buyers = {
        language: get_user_model().objects.create_user(
            username=f"sweep-{language}@example.ma",
            email=f"sweep-{language}@example.ma",
            password=PASSWORD,
        )
        for language in LANGUAGES
    }
    sweeps = []
    for width, height in PHONES:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=True,
            has_touch=True,
        )
        page = context.new_page()
        sweep = Sweep(width)
        for language in LANGUAGES:
            walk(page, live_server.url, language, sweep, buyers[language], variant)
        context.close()
        sweeps.append(sweep)

    problems = []
    for sweep in sweeps:
        # 18 public pages, the 404 and 6 of the buyer's, in two languages.
        assert len(sweep.visited) == len(set(sweep.visited)) == 2 * 25
        problems += [
            f"{sweep.width} px: {name} is {width} px wide"
            for name, width in sweep.wide.items()
        ]
        problems += [f"{sweep.width} px: under 44 × 44 px: {s}" for s in sweep.small]
        problems += [f"{sweep.width} px: not isolated: {s}" for s in sweep.unisolated]
    assert problems == [], "\n".join(problems)
    # Both phones saw the same pages.
    assert sweeps[0].visited == sweeps[1].visited
