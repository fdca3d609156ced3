"""Bank transfers of business orders: partial payments add up, the last
pays the order once through the one money path; refused transfers change
nothing; the same bank line entered twice is recorded once; the consumer
checkout never offers a transfer; staff screens and the due-date report."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cooperatives.models import today
from shop.models import (
    BankTransfer,
    LedgerEntry,
    Order,
    OrderEvent,
    Payment,
)
from shop.orders.states import OrderStatus
from shop.payments import available_providers
from shop.services.transfers import TransferError, transfer_record
from shop.tests.business import business_order
from shop.tests.conftest import add_to_cart, place_order
from shop.tests.factories import VariantFactory
from shop.transfer_views import orders_owing

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("nadia", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def order():
    honey = VariantFactory(price=12000, stock=100)
    soap = VariantFactory(price=4500, stock=100)
    # 12 × 120.00 + 20 × 45.00 = 2,340.00 MAD
    return business_order((honey, 12), (soap, 20))


def snapshot(order):
    order.refresh_from_db()
    return (
        order.status,
        order.paid_at,
        BankTransfer.objects.filter(order=order).count(),
        Payment.objects.filter(order=order).count(),
        LedgerEntry.objects.filter(order_line__order=order).count(),
        OrderEvent.objects.filter(order=order).count(),
    )


def record(order, reference, amount, day=None, user=None):
    return transfer_record(
        order_id=order.pk,
        reference=reference,
        day=day or today(),
        amount=amount,
        user=user,
    )


def test_partial_transfers_add_up_and_the_last_pays_the_order_once(order, staff):
    assert order.total == 234000 and order.status == OrderStatus.AWAITING_PAYMENT
    record(order, "VIR-0001", 100000, day=today() - 3 * DAY, user=staff)
    record(order, "VIR-0002", 34000, day=today() - 2 * DAY, user=staff)
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT and order.paid_at is None
    assert not LedgerEntry.objects.filter(order_line__order=order).exists()
    assert not Payment.objects.filter(order=order).exists()

    record(order, "VIR-0003", 100000, day=today() - DAY, user=staff)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.paid_on == today() - DAY  # the day the last money came in
    (payment,) = Payment.objects.filter(order=order)
    assert (payment.provider, payment.amount, payment.status) == (
        "transfer",
        234000,
        "succeeded",
    )
    sales = LedgerEntry.objects.filter(order_line__order=order, kind="sale")
    assert sales.count() == 2  # one entry per line, written once
    assert sum(sales.values_list("gross", flat=True)) == 234000
    assert set(sales.values_list("occurred_on", flat=True)) == {today() - DAY}
    # Paid through the one path: invoiced once too (issue 17, point 4).
    assert order.invoices.filter(kind="invoice").count() == 1
    assert sorted(BankTransfer.objects.values_list("amount", flat=True)) == [
        34000,
        100000,
        100000,
    ]
    # Paid: nothing more is taken, not even a centime.
    before = snapshot(order)
    with pytest.raises(TransferError, match="already paid"):
        record(order, "VIR-0004", 1)
    assert snapshot(order) == before


def test_the_same_transfer_submitted_twice_is_recorded_once(order):
    first = record(order, "VIR 7781", 50000)
    again = record(order, "  VIR   7781 ", 50000)  # spaces as pasted
    assert again.pk == first.pk
    assert BankTransfer.objects.filter(order=order).count() == 1
    # The same reference with another amount is a mistake, not a new line.
    before = snapshot(order)
    with pytest.raises(TransferError) as error:
        record(order, "VIR 7781", 60000)
    assert error.value.field == "reference"
    assert snapshot(order) == before


def test_the_completing_transfer_sent_twice_pays_once(order):
    record(order, "VIR-A", 200000)
    record(order, "VIR-B", 34000)
    record(order, "VIR-B", 34000)  # the form sent again
    assert Payment.objects.filter(order=order).count() == 1
    assert LedgerEntry.objects.filter(order_line__order=order).count() == 2


@pytest.mark.parametrize(
    ("amount", "field", "message"),
    [
        (234001, "amount", "More than what is still owed"),
        (0, "amount", "more than zero"),
        (-500, "amount", "more than zero"),
    ],
)
def test_a_wrong_amount_is_refused_and_changes_nothing(order, amount, field, message):
    record(order, "VIR-1", 1000)
    before = snapshot(order)
    with pytest.raises(TransferError, match=message) as error:
        record(order, "VIR-2", amount)
    assert error.value.field == field
    assert snapshot(order) == before


def test_over_payment_after_partials_is_refused(order):
    record(order, "VIR-1", 200000)
    before = snapshot(order)
    with pytest.raises(TransferError, match="still owed"):
        record(order, "VIR-2", 34001)
    assert snapshot(order) == before


def test_future_day_empty_reference_and_other_methods_are_refused(order):
    before = snapshot(order)
    with pytest.raises(TransferError) as future:
        record(order, "VIR-1", 1000, day=today() + DAY)
    with pytest.raises(TransferError) as blank:
        record(order, "   ", 1000)
    assert (future.value.field, blank.value.field) == ("day", "reference")
    assert snapshot(order) == before
    Order.objects.filter(pk=order.pk).update(payment_method="cod")
    with pytest.raises(TransferError, match="not paid by bank transfer"):
        record(order, "VIR-1", 1000)
    assert BankTransfer.objects.count() == 0


def test_the_last_transfer_waits_while_the_goods_are_on_their_way(order, staff):
    record(order, "VIR-1", 200000)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.SHIPPED)
    before = snapshot(order)
    with pytest.raises(TransferError, match="once the order is delivered"):
        record(order, "VIR-2", 34000)
    assert snapshot(order) == before
    # Paid on terms: once delivered, the last transfer pays it.
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.DELIVERED)
    record(order, "VIR-2", 34000)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_consumer_checkout_never_offers_a_transfer(client, variant, checkout_post):
    assert "transfer" not in [p.code for p in available_providers()]
    assert "transfer" in [p.code for p in available_providers(business=True)]
    add_to_cart(client, variant.sku, 1)
    page = client.get("/fr/checkout/").content.decode()
    assert 'value="cod"' in page and 'value="transfer"' not in page

    place_order(client, checkout_post, payment_method="transfer")

    assert not Order.objects.exists()
    variant.refresh_from_db()
    assert variant.stock == 10


class TestStaffScreen:
    def url(self, order):
        return reverse("shop_order_transfer", args=(order.pk,))

    def test_records_a_transfer_and_the_same_post_twice_records_once(
        self, staff_client, order
    ):
        form = {
            "reference": "VIR-991",
            "day": today().isoformat(),
            "amount": "1 000,50",
        }
        first = staff_client.post(self.url(order), form)
        second = staff_client.post(self.url(order), form)
        assert first.status_code == second.status_code == 302
        (transfer,) = BankTransfer.objects.filter(order=order)
        assert transfer.amount == 100050 and transfer.recorded_by.username == "nadia"
        page = staff_client.get(self.url(order)).content.decode()
        assert "VIR-991" in page

    def test_the_full_amount_pays_the_order(self, staff_client, order):
        form = {"reference": "VIR-1", "day": today().isoformat(), "amount": "2340"}
        staff_client.post(self.url(order), form)
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
        detail = staff_client.get(reverse("shop_order_detail", args=(order.pk,)))
        assert self.url(order) in detail.content.decode()

    @pytest.mark.parametrize(
        ("form", "field", "message"),
        [
            ({"amount": "9999"}, "amount", "More than what is still owed"),
            ({"amount": "12.345"}, "amount", "amount in dirhams"),
            ({"amount": "abc"}, "amount", "amount in dirhams"),
            ({"amount": "-5"}, "amount", "more than zero"),
            ({"day": "2999-01-01"}, "day", "in the future"),
            ({"reference": ""}, "reference", "required"),
        ],
    )
    def test_bad_input_shows_its_error_next_to_the_field(
        self, staff_client, order, form, field, message
    ):
        data = {
            "reference": "VIR-1",
            "day": today().isoformat(),
            "amount": "100",
            **form,
        }
        response = staff_client.post(self.url(order), data)
        assert response.status_code == 400
        body = response.content.decode()
        assert f'id="id_{field}-error"' in body
        error = body.split(f'id="id_{field}-error"')[1].split("</p>")[0]
        assert message in error
        assert not BankTransfer.objects.exists()

    def test_without_the_money_permission_nothing_is_recorded(
        self, client, django_user_model, order
    ):
        user = django_user_model.objects.create_user(
            "editor", password="x-pass-12345", is_staff=True
        )
        user.groups.add(Group.objects.get(name="Editors"))
        client.force_login(user)
        form = {"reference": "VIR-1", "day": today().isoformat(), "amount": "2340"}
        response = client.post(self.url(order), form)
        assert response.status_code in (302, 403)
        assert not BankTransfer.objects.exists()
        order.refresh_from_db()
        assert order.paid_at is None

    def test_an_order_not_paid_by_transfer_has_no_transfer_screen(
        self, staff_client, variant, checkout_post
    ):
        buyer = Client()
        add_to_cart(buyer, variant.sku, 1)
        place_order(buyer, checkout_post)
        cod = Order.objects.get()
        response = staff_client.post(
            self.url(cod),
            {"reference": "X", "day": today().isoformat(), "amount": "1"},
        )
        # A 404 (which the locale middleware turns into a redirect to the
        # public site's catch-all): nothing recorded either way.
        assert response.status_code == 404 or response["Location"].startswith(
            "/ar/admin/"
        )
        assert not BankTransfer.objects.exists()


def test_due_report_lists_what_is_owed_overdue_first(staff_client):
    variant = VariantFactory(price=10000, stock=100)
    later = business_order((variant, 1), due_in_days=20)
    overdue = business_order((variant, 2), due_in_days=-5, channel="wholesale")
    no_term = business_order((variant, 3), due_in_days=None)
    paid = business_order((variant, 4), due_in_days=-30)
    record(overdue, "VIR-1", 5000)
    record(paid, "VIR-P", paid.total)

    rows = list(orders_owing())

    assert [o.pk for o in rows] == [overdue.pk, later.pk, no_term.pk]
    assert (rows[0].received, rows[0].owed) == (5000, overdue.total - 5000)
    response = staff_client.get(reverse("shop_transfers_due"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(overdue.number) < page.index(later.number)
    assert paid.number not in page
    assert "5 days overdue" in page


def test_staff_screens_render_in_arabic(staff_client, staff, order):
    UserProfile.objects.filter(user=staff).update(preferred_language="ar")
    record(order, "VIR-1", 1000)
    for url in (
        reverse("shop_order_transfer", args=(order.pk,)),
        reverse("shop_transfers_due"),
        reverse("shop_order_detail", args=(order.pk,)),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert 'dir="rtl"' in page and order.number in page


def test_an_order_with_money_received_by_transfer_cannot_be_cancelled(
    order, staff_client
):
    from shop.services.orders import OrderError, order_cancel

    record(order, "VIR-0001", 100000)
    before = snapshot(order)
    stock = [line.variant.stock for line in order.lines.select_related("variant")]

    with pytest.raises(OrderError, match="already been received by bank transfer"):
        order_cancel(order_id=order.pk, reason="test")
    response = staff_client.post(
        reverse("shop_order_detail", args=(order.pk,)),
        {"move": OrderStatus.CANCELLED},
        follow=True,
    )

    assert "already been received by bank transfer" in response.content.decode()
    assert snapshot(order) == before
    assert [
        line.variant.stock for line in order.lines.select_related("variant")
    ] == stock
