"""Money given back to a business client by bank transfer: never more than
what the order holds (received less given back), never for a paid order
(its money goes back through a refund); once nothing is held the order can
be cancelled; what is owed and the due-date report count what is held; the
same return sent twice is recorded once; the staff screen."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cooperatives.models import today
from shop.models import BankTransfer, LedgerEntry, Order, OrderEvent, Payment
from shop.money import format_mad
from shop.orders.states import OrderStatus
from shop.services.orders import OrderError, order_cancel
from shop.services.transfers import (
    TransferError,
    transfer_record,
    transfer_return,
    transfers_received,
)
from shop.tests.business import business_order
from shop.tests.factories import VariantFactory
from shop.transfer_views import orders_owing

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
RETURNED = BankTransfer.Kind.RETURNED


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
def honey():
    return VariantFactory(price=12000, stock=100)


@pytest.fixture
def order(honey):
    # 12 × 120.00 + 20 × 45.00 = 2,340.00 MAD
    return business_order((honey, 12), (VariantFactory(price=4500, stock=100), 20))


def snapshot(order):
    order.refresh_from_db()
    return (
        order.status,
        order.paid_at,
        list(
            BankTransfer.objects.filter(order=order).values_list(
                "kind", "reference", "amount"
            )
        ),
        Payment.objects.filter(order=order).count(),
        LedgerEntry.objects.filter(order_line__order=order).count(),
        OrderEvent.objects.filter(order=order).count(),
    )


def receive(order, reference, amount, day=None):
    return transfer_record(
        order_id=order.pk,
        reference=reference,
        day=day or today(),
        amount=amount,
        user=None,
    )


def give_back(order, reference, amount, day=None, user=None):
    return transfer_return(
        order_id=order.pk,
        reference=reference,
        day=day or today(),
        amount=amount,
        user=user,
    )


def test_all_money_given_back_lets_the_order_be_cancelled(order, honey, staff):
    receive(order, "VIR-IN-1", 100000)
    give_back(order, "VIR-OUT-1", 60000, user=staff)
    # 400.00 MAD still held: cancelling is still refused, nothing moves.
    before = snapshot(order)
    with pytest.raises(OrderError, match="already been received by bank transfer"):
        order_cancel(order_id=order.pk, reason="client withdrew")
    assert snapshot(order) == before
    honey.refresh_from_db()
    assert honey.stock == 100 - 12

    give_back(order, "VIR-OUT-2", 40000, user=staff)
    assert transfers_received(order) == 0
    order_cancel(order_id=order.pk, reason="client withdrew")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    honey.refresh_from_db()
    assert honey.stock == 100  # the stock went back on the shelf
    assert not Payment.objects.filter(order=order).exists()
    assert not LedgerEntry.objects.filter(order_line__order=order).exists()
    returns = OrderEvent.objects.filter(
        order=order, kind="payment", message__startswith="bank transfer given back"
    )
    assert [e.message for e in returns] == [
        "bank transfer given back VIR-OUT-1: 60000 of 100000 held",
        "bank transfer given back VIR-OUT-2: 40000 of 40000 held",
    ]
    assert {e.user for e in returns} == {staff}
    # Cancelled, nothing held: nothing more can be given back.
    with pytest.raises(TransferError, match="Nothing received"):
        give_back(order, "VIR-OUT-3", 1)


def test_the_staff_cancel_button_follows_what_is_held(order, staff_client):
    receive(order, "VIR-IN-1", 50000)
    url = reverse("shop_order_detail", args=(order.pk,))
    refused = staff_client.post(url, {"move": OrderStatus.CANCELLED}, follow=True)
    assert "already been received by bank transfer" in refused.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT

    give_back(order, "VIR-OUT-1", 50000)
    staff_client.post(url, {"move": OrderStatus.CANCELLED})
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_what_is_owed_counts_what_was_given_back(order):
    receive(order, "VIR-IN-1", 200000, day=today() - 3 * DAY)
    give_back(order, "VIR-OUT-1", 50000, day=today() - 2 * DAY)
    # Held 1,500.00: 840.00 is owed, not 340.00.
    before = snapshot(order)
    with pytest.raises(TransferError, match="still owed"):
        receive(order, "VIR-IN-2", 84001)
    assert snapshot(order) == before
    receive(order, "VIR-IN-2", 34000, day=today() - DAY)
    order.refresh_from_db()
    assert order.paid_at is None  # 340.00 would have paid it before the return

    receive(order, "VIR-IN-3", 50000)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.paid_on == today()  # the day the last money came in
    (payment,) = Payment.objects.filter(order=order)
    assert payment.amount == order.total == 234000
    sales = LedgerEntry.objects.filter(order_line__order=order, kind="sale")
    assert sum(sales.values_list("gross", flat=True)) == 234000


def test_the_paid_day_is_the_last_money_received_not_a_later_return(order):
    receive(order, "VIR-IN-1", 100000, day=today() - 5 * DAY)
    give_back(order, "VIR-OUT-1", 10000, day=today())
    receive(order, "VIR-IN-2", 144000, day=today() - 2 * DAY)
    order.refresh_from_db()
    assert order.paid_on == today() - 2 * DAY


def test_the_due_report_shows_what_is_held_and_owed(order, staff_client):
    receive(order, "VIR-IN-1", 100000)
    give_back(order, "VIR-OUT-1", 30000)

    (row,) = [o for o in orders_owing() if o.pk == order.pk]

    assert (row.received, row.owed) == (70000, 234000 - 70000)
    page = staff_client.get(reverse("shop_transfers_due")).content.decode()
    assert order.number in page
    assert format_mad(234000 - 70000, "fr") in page  # owed
    assert format_mad(70000, "fr") in page  # held
    # All given back: the order owes its whole total again.
    give_back(order, "VIR-OUT-2", 70000)
    (row,) = [o for o in orders_owing() if o.pk == order.pk]
    assert (row.received, row.owed) == (0, 234000)


@pytest.mark.parametrize(
    ("reference", "amount", "day", "field", "message"),
    [
        ("VIR-OUT", 100001, None, "amount", "More than what was received"),
        ("VIR-OUT", 0, None, "amount", "more than zero"),
        ("VIR-OUT", -100, None, "amount", "more than zero"),
        ("VIR-OUT", 1000, today() + DAY, "day", "in the future"),
        ("   ", 1000, None, "reference", "reference"),
        ("V" * 61, 1000, None, "reference", "too long"),
        ("VIR-IN-1", 100000, None, "reference", "already recorded"),
    ],
)
def test_a_wrong_return_is_refused_and_changes_nothing(
    order, reference, amount, day, field, message
):
    receive(order, "VIR-IN-1", 100000)
    before = snapshot(order)
    with pytest.raises(TransferError, match=message) as error:
        give_back(order, reference, amount, day=day)
    assert error.value.field == field
    assert snapshot(order) == before


def test_giving_back_more_than_held_after_a_return_is_refused(order):
    receive(order, "VIR-IN-1", 100000)
    give_back(order, "VIR-OUT-1", 70000)
    before = snapshot(order)
    with pytest.raises(TransferError, match="More than what was received"):
        give_back(order, "VIR-OUT-2", 30001)
    assert snapshot(order) == before


def test_nothing_received_nothing_to_give_back(order):
    before = snapshot(order)
    with pytest.raises(TransferError, match="Nothing received") as error:
        give_back(order, "VIR-OUT-1", 100)
    assert error.value.field == "amount"
    assert snapshot(order) == before


def test_a_paid_order_goes_back_through_a_refund(order):
    receive(order, "VIR-IN-1", order.total)
    before = snapshot(order)
    assert before[0] == OrderStatus.PAID
    with pytest.raises(TransferError, match="paid in full: give the money back with"):
        give_back(order, "VIR-OUT-1", 1000)
    assert snapshot(order) == before


def test_an_order_not_paid_by_transfer_is_refused(order):
    receive(order, "VIR-IN-1", 1000)
    Order.objects.filter(pk=order.pk).update(payment_method="cod")
    before = snapshot(order)
    with pytest.raises(TransferError, match="not paid by bank transfer"):
        give_back(order, "VIR-OUT-1", 1000)
    assert snapshot(order) == before


def test_the_same_return_sent_twice_is_recorded_once(order):
    receive(order, "VIR-IN-1", 100000)
    first = give_back(order, "VIR OUT 7", 25000)
    again = give_back(order, "  VIR  OUT 7 ", 25000)  # pasted with spaces
    assert again.pk == first.pk and first.kind == RETURNED
    assert transfers_received(order) == 75000
    assert (
        OrderEvent.objects.filter(
            order=order, message__startswith="bank transfer given back"
        ).count()
        == 1
    )
    before = snapshot(order)
    # The same reference for another amount is a mistake, not a new line.
    with pytest.raises(TransferError, match="already recorded") as error:
        give_back(order, "VIR OUT 7", 20000)
    assert error.value.field == "reference"
    # Nor may a return's reference be taken as money received.
    with pytest.raises(TransferError, match="money given back") as error:
        receive(order, "VIR OUT 7", 25000)
    assert error.value.field == "reference"
    assert snapshot(order) == before


class TestStaffScreen:
    def url(self, order):
        return reverse("shop_order_transfer_return", args=(order.pk,))

    def form(self, **values):
        data = {"reference": "VIR-OUT-1", "day": today().isoformat(), "amount": "250"}
        data.update(values)
        return {f"return-{name}": value for name, value in data.items()}

    def test_records_a_return_and_the_same_post_twice_records_once(
        self, staff_client, order
    ):
        receive(order, "VIR-IN-1", 100000)
        first = staff_client.post(self.url(order), self.form(amount="250,50"))
        second = staff_client.post(self.url(order), self.form(amount="250,50"))
        assert first.status_code == second.status_code == 302
        (back,) = BankTransfer.objects.filter(order=order, kind=RETURNED)
        assert back.amount == 25050 and back.recorded_by.username == "nadia"
        page = staff_client.get(reverse("shop_order_transfer", args=(order.pk,)))
        body = page.content.decode()
        assert 'data-transfer="returned"' in body and "VIR-OUT-1" in body
        assert "transfer-return-form" in body  # 749.50 is still held

    def test_all_given_back_says_the_order_can_be_cancelled(self, staff_client, order):
        receive(order, "VIR-IN-1", 100000)
        response = staff_client.post(
            self.url(order), self.form(amount="1000"), follow=True
        )
        body = response.content.decode()
        assert "it can be cancelled" in body
        assert "transfer-return-form" not in body  # nothing left to give back

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            ({"amount": "1000.01"}, "amount", "More than what was received"),
            ({"amount": "abc"}, "amount", "amount in dirhams"),
            ({"amount": "0"}, "amount", "more than zero"),
            ({"day": "2999-01-01"}, "day", "in the future"),
            ({"reference": ""}, "reference", "required"),
            ({"reference": "VIR-IN-1"}, "reference", "already recorded"),
        ],
    )
    def test_bad_input_shows_its_error_next_to_the_field(
        self, staff_client, order, values, field, message
    ):
        receive(order, "VIR-IN-1", 100000)
        before = snapshot(order)
        response = staff_client.post(self.url(order), self.form(**values))
        assert response.status_code == 400
        body = response.content.decode()
        marker = f'id="id_return-{field}-error"'
        assert marker in body
        assert message in body.split(marker)[1].split("</p>")[0]
        assert snapshot(order) == before

    def test_a_paid_order_is_refused_with_the_way_to_refund(self, staff_client, order):
        receive(order, "VIR-IN-1", order.total)
        page = staff_client.get(reverse("shop_order_transfer", args=(order.pk,)))
        assert "transfer-return-form" not in page.content.decode()
        assert "goes back through a refund" in page.content.decode()
        before = snapshot(order)
        response = staff_client.post(self.url(order), self.form())
        assert response.status_code == 400
        assert "give the money back with a refund" in response.content.decode()
        assert snapshot(order) == before

    def test_without_the_money_permission_nothing_is_given_back(
        self, client, django_user_model, order
    ):
        receive(order, "VIR-IN-1", 100000)
        user = django_user_model.objects.create_user(
            "editor", password="x-pass-12345", is_staff=True
        )
        user.groups.add(Group.objects.get(name="Editors"))
        client.force_login(user)
        before = snapshot(order)
        response = client.post(self.url(order), self.form())
        assert response.status_code in (302, 403)
        assert snapshot(order) == before

    def test_the_screen_renders_in_arabic(self, staff_client, staff, order):
        UserProfile.objects.filter(user=staff).update(preferred_language="ar")
        receive(order, "VIR-IN-1", 100000)
        give_back(order, "VIR-OUT-1", 1000)
        response = staff_client.get(reverse("shop_order_transfer", args=(order.pk,)))
        page = response.content.decode()
        assert response.status_code == 200
        assert 'dir="rtl"' in page and "<bdi>VIR-OUT-1</bdi>" in page
        assert 'id="id_return-amount"' in page
