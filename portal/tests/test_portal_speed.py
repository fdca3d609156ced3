"""The portal at a year of data: the sales list pages by key (every line
once, in order, whatever the page; a damaged or forged link shows the first
page), best sellers are one row per SKU named in the reader's language, and
no page's queries grow with the data."""

import base64
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cooperatives.models import CooperativeMembership, today
from portal import selectors
from shop.models import Cart, CartLine, LedgerEntry
from shop.orders.states import OrderStatus, order_transition
from shop.services.checkout import CheckoutDetails, order_place
from shop.services.ledger import ledger_restore_refund
from shop.services.payments import cash_collected
from shop.services.refunds import refund_create
from shop.services.settlements import statement_issue
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from shop.tests.test_ledger import days_later

pytestmark = pytest.mark.django_db


def paid_order(*items, language="fr"):
    """Place, in `language`, and pay (cash collected) an order of
    [(variant, quantity)]."""
    cart = Cart.objects.create()
    for variant, quantity in items:
        CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    order = order_place(
        cart=cart,
        details=CheckoutDetails(
            email="b@example.ma",
            phone="+212612345678",
            full_name="B",
            address_line="1 rue",
            city="Rabat",
            postal_code="",
            country="MA",
            delivery_method_id=DeliveryMethodFactory().pk,
            payment_method="cod",
            discount_code="",
        ),
        language=language,
    )
    for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_transition(order=order, to=step)
    cash_collected(order_id=order.pk, courier="Amana", amount=order.total, user=None)
    return order


@pytest.fixture
def shop(django_user_model):
    honey = VariantFactory(
        price=12000,
        stock=10_000,
        product__name="Miel de thym",
        product__name_fr="Miel de thym",
        product__name_ar="عسل الزعتر",
        product__name_en="Thyme honey",
    )
    soap = VariantFactory(
        price=2500, stock=10_000, product__cooperative=honey.product.cooperative
    )
    elsewhere = VariantFactory(price=5000, stock=10_000)
    member = django_user_model.objects.create_user("mine", password="pw-12345678")
    CooperativeMembership.objects.create(
        user=member, cooperative=honey.product.cooperative
    )
    return {"honey": honey, "soap": soap, "elsewhere": elsewhere, "member": member}


def sales_over_days(shop, days=4, per_day=3):
    """`per_day` orders a day over `days` days, oldest first; a line of
    another cooperative in each."""
    for day in range(-days + 1, 1):
        with days_later(day):
            for index in range(per_day):
                variant = shop["honey"] if index % 2 else shop["soap"]
                paid_order((variant, 1 + index), (shop["elsewhere"], 1))


def every_line_newest_first(cooperative) -> list[int]:
    return list(
        LedgerEntry.objects.filter(cooperative=cooperative, kind="sale")
        .order_by("-occurred_on", "-order_line_id")
        .values_list("order_line_id", flat=True)
    )


def test_pages_by_key_show_every_line_once_in_order_both_ways(shop):
    sales_over_days(shop)
    cooperative = shop["honey"].product.cooperative
    expected = every_line_newest_first(cooperative)
    assert len(expected) == 12

    pages = [selectors.sales_page(cooperative, size=5)]
    while pages[-1].older is not None:
        pages.append(selectors.sales_page(cooperative, after=pages[-1].older, size=5))
    backwards = [pages[-1]]
    while backwards[-1].newer is not None:
        backwards.append(
            selectors.sales_page(cooperative, before=backwards[-1].newer, size=5)
        )

    forwards = [[line["pk"] for line in page.lines] for page in pages]
    assert forwards == [expected[0:5], expected[5:10], expected[10:12]]
    assert pages[0].newer is None and pages[-1].older is None
    # Back from the last page: the same pages, the first one first again.
    assert [[line["pk"] for line in page.lines] for page in backwards[::-1]] == (
        forwards
    )
    days = [line["occurred_on"] for page in pages for line in page.lines]
    assert days == sorted(days, reverse=True) and days[0] == today()


def test_a_line_sold_after_the_first_page_was_read_moves_nothing(shop):
    sales_over_days(shop, days=2, per_day=3)
    cooperative = shop["honey"].product.cooperative
    first = selectors.sales_page(cooperative, size=4)

    paid_order((shop["soap"], 1))  # a sale while the member reads page 1
    second = selectors.sales_page(cooperative, after=first.older, size=4)

    shown = [line["pk"] for line in first.lines + second.lines]
    assert shown == every_line_newest_first(cooperative)[1:7]  # none twice, none lost


def test_each_line_shows_what_the_cooperative_earned_after_refunds(shop):
    order = paid_order((shop["honey"], 3))
    line = order.lines.get()
    refund_create(order_id=order.pk, quantities={line.pk: 1})

    (shown,) = selectors.sales_page(shop["honey"].product.cooperative).lines

    entries = LedgerEntry.objects.filter(order_line=line)
    assert shown["net"] == sum(entry.net for entry in entries)
    assert shown["quantity"] == 3 and shown["sku"] == shop["honey"].sku


def cursor_token(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "after",
    [
        "not-a-cursor",
        "%%%",
        "A" * 500,
        cursor_token("20261345.1"),  # no such date
        cursor_token("20260101.0"),  # no such line
        cursor_token("20260101.1") + "==",  # not the way we write it
        cursor_token("20260101.99999999999999999999"),  # past 64 bits
        "\u0661\u0662",  # Arabic-Indic digits
    ],
)
def test_a_damaged_or_forged_cursor_shows_the_first_page(client, shop, after):
    sales_over_days(shop, days=1, per_day=2)
    client.force_login(shop["member"])
    first = client.get(reverse("portal:sales"))

    for name in ("after", "before"):
        response = client.get(reverse("portal:sales"), {name: after})

        assert response.status_code == 200
        assert response.context["lines"] == first.context["lines"]


def test_a_cursor_past_the_end_or_of_another_cooperative_shows_only_mine(client, shop):
    sales_over_days(shop, days=1, per_day=2)
    client.force_login(shop["member"])
    theirs = LedgerEntry.objects.filter(
        cooperative=shop["elsewhere"].product.cooperative, kind="sale"
    ).first()
    long_ago = selectors.Cursor(day=datetime.date(2001, 1, 1), line_id=1)

    for cursor in (
        selectors.Cursor(day=theirs.occurred_on, line_id=theirs.order_line_id + 1),
        long_ago,
    ):
        response = client.get(reverse("portal:sales"), {"after": str(cursor)})

        assert response.status_code == 200
        assert shop["elsewhere"].sku not in response.content.decode()
        assert {line["sku"] for line in response.context["lines"]} <= {
            shop["honey"].sku,
            shop["soap"].sku,
        }


def test_the_links_walk_the_pages(client, shop, monkeypatch):
    monkeypatch.setattr(selectors, "SALES_PAGE_SIZE", 2)
    sales_over_days(shop, days=1, per_day=5)
    client.force_login(shop["member"])
    expected = every_line_newest_first(shop["honey"].product.cooperative)

    first = client.get(reverse("portal:sales"))
    page = first.context["page"]
    second = client.get(reverse("portal:sales"), {"after": str(page.older)})
    html = second.content.decode()

    assert [line["pk"] for line in second.context["lines"]] == expected[2:4]
    assert f"after={second.context['page'].older}" in html
    assert f"before={second.context['page'].newer}" in html
    assert 'rel="next"' in html and 'rel="prev"' in html
    back = client.get(
        reverse("portal:sales"), {"before": str(second.context["page"].newer)}
    )
    assert back.context["lines"] == first.context["lines"]


def test_best_sellers_are_one_row_per_sku_named_in_the_readers_language(client, shop):
    for language in ("fr", "ar", "en"):
        paid_order((shop["honey"], 1), language=language)
    paid_order((shop["soap"], 1))
    cooperative = shop["honey"].product.cooperative

    with translation.override("ar"):
        rows = selectors.sales_by_product(cooperative)
    client.force_login(shop["member"])
    page = client.get("/en/portal/").content.decode()

    assert [(row["sku"], row["quantity"]) for row in rows] == [
        (shop["honey"].sku, 3),
        (shop["soap"].sku, 1),
    ]
    assert rows[0]["name"] == "عسل الزعتر"
    assert page.count("Thyme honey") == 1
    assert "Miel de thym" not in page and "عسل الزعتر" not in page


def test_the_dashboard_counts_restored_refunds(shop):
    order = paid_order((shop["honey"], 2))
    refund = refund_create(order_id=order.pk, quantities={order.lines.get().pk: 1})
    ledger_restore_refund(refund, day=today())
    cooperative = shop["honey"].product.cooperative

    (month,) = selectors.sales_by_month(cooperative)
    (channel,) = selectors.sales_by_channel(cooperative)

    assert month["gross"] == channel["gross"] == 2 * 12000
    assert channel["quantity"] == 2


def page_queries(client, urls) -> list[int]:
    counts = []
    for url in urls:
        client.get(url)  # warm: sessions, caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return counts


def test_no_page_reads_more_queries_with_more_data(client, shop, monkeypatch):
    monkeypatch.setattr(selectors, "SALES_PAGE_SIZE", 3)
    client.force_login(shop["member"])
    cooperative = shop["honey"].product.cooperative

    def urls():
        page = selectors.sales_page(cooperative)
        second = selectors.sales_page(cooperative, after=page.older)
        with days_later(1):
            statement = statement_issue(
                cooperative_id=cooperative.pk, period_end=today()
            )
        return [
            reverse("portal:dashboard"),
            reverse("portal:sales"),
            f"{reverse('portal:sales')}?after={page.older}",
            f"{reverse('portal:sales')}?before={second.newer}",
            reverse("portal:statement", args=(statement.pk,)),
            reverse("portal:statement_csv", args=(statement.pk,)),
        ]

    sales_over_days(shop, days=2, per_day=4)
    small = page_queries(client, urls())
    with days_later(2):
        sales_over_days(shop, days=2, per_day=8)
        order = paid_order((shop["honey"], 4))
        refund_create(order_id=order.pk, quantities={order.lines.get().pk: 1})
        large = page_queries(client, urls())

    assert large == small
