"""Withdrawal (law 31-08, 17c): the buyer asks from the order's page within
seven days of delivery, once per form however often it is sent; staff see
the request with its fifteen-day refund deadline, refund it through the
refund flow or close it, and list the open requests oldest first."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.users.models import UserProfile

from shop.models import (
    OrderEvent,
    WithdrawalLine,
    WithdrawalRequest,
    WithdrawalStatus,
)
from shop.services.payments import cash_collected
from shop.tests import consumer_fixtures
from shop.tests.consumer_fixtures import deliver, placed_order

pytestmark = pytest.mark.django_db
legal = consumer_fixtures.legal


@pytest.fixture
def order(client, variant, checkout_post):
    """A guest's cash order of two jars, placed in French."""
    order = placed_order(client, variant, checkout_post, language="fr", quantity=2)
    client.logout()
    return order


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user(
        "hind", "hind@tadamon.example", "x-pass-12345"
    )
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    return user


def page(order, language="fr") -> str:
    url = reverse("shop:order_detail", kwargs={"number": order.number})
    return f"/{language}{url[3:]}?token={order.access_token}"


def form_url(order, token=None) -> str:
    url = reverse("shop:order_withdrawal", kwargs={"number": order.number})
    token = order.access_token if token is None else token
    return f"{url}?token={token}" if token else url


def form_token(client, order) -> str:
    content = client.get(page(order)).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', content)
    return found.group(1) if found else "a-form-token-of-the-buyer"


def withdraw(client, order, token, quantity=1, reason="changed_mind", url=None):
    line = order.lines.get()
    return client.post(
        url or form_url(order),
        {
            "form_token": token,
            f"line-{line.pk}": quantity,
            "reason": reason,
            "comment": "Le pot est resté fermé.",
        },
    )


def test_before_delivery_the_request_is_refused_with_its_reason(client, order):
    content = client.get(page(order)).content.decode()
    assert 'name="form_token"' not in content  # no form yet

    response = withdraw(client, order, "token-before-delivery")

    assert response.status_code == 200
    with translation.override("fr"):
        reason = translation.gettext(
            "You can withdraw from your purchase once your order has been "
            "delivered, within %(days)s days of delivery."
        ) % {"days": 7}
    assert reason in response.content.decode()
    assert not WithdrawalRequest.objects.exists()


def test_after_seven_days_the_request_is_refused(client, order):
    deliver(order, days_ago=8)
    ended = timezone.localdate() - datetime.timedelta(days=1)

    response = withdraw(client, order, "token-too-late")

    assert response.status_code == 200
    with translation.override("fr"):
        reason = translation.gettext(
            "The %(days)s-day withdrawal period ended on %(date)s."
        ) % {"days": 7, "date": date_format(ended, "DATE_FORMAT")}
    assert reason in response.content.decode()
    assert not WithdrawalRequest.objects.exists()


def test_within_seven_days_one_request_however_often_the_form_is_sent(
    client, order, staff, django_capture_on_commit_callbacks
):
    deliver(order, days_ago=7)  # the last day of the period
    token = form_token(client, order)

    with django_capture_on_commit_callbacks(execute=True):
        first = withdraw(client, order, token, quantity=2)
        second = withdraw(client, order, token, quantity=2)

    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    request = WithdrawalRequest.objects.get()
    assert (request.order_id, request.reason, request.status) == (
        order.pk,
        "changed_mind",
        WithdrawalStatus.OPEN,
    )
    assert list(request.lines.values_list("quantity", flat=True)) == [2]
    assert request.refund_due_on == timezone.localdate() + datetime.timedelta(15)
    assert (
        OrderEvent.objects.filter(order=order, message__contains="withdrawal").count()
        == 1
    )
    # Staff are told, once, in their language.
    (notice,) = [m for m in mail.outbox if m.to == ["hind@tadamon.example"]]
    assert order.number in notice.subject and "Refund due by" in notice.body
    # The buyer's page now shows the request, and no form: nothing is left.
    content = client.get(page(order)).content.decode()
    assert 'name="form_token"' not in content
    assert content.count('class="withdrawal__request"') == 1


def test_a_new_form_cannot_ask_for_units_already_asked_for(client, order):
    deliver(order, days_ago=1)
    withdraw(client, order, form_token(client, order), quantity=2)

    response = withdraw(client, order, "a-second-form", quantity=1)

    assert response.status_code == 200
    assert WithdrawalRequest.objects.count() == 1


def test_more_than_was_bought_is_refused_next_to_the_field(client, order):
    deliver(order, days_ago=1)
    line = order.lines.get()

    response = withdraw(client, order, form_token(client, order), quantity=3)

    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="id_line-{line.pk}_error"' in content
    assert not WithdrawalRequest.objects.exists()


def test_nothing_chosen_or_no_reason_is_refused(client, order):
    deliver(order, days_ago=1)
    token = form_token(client, order)

    nothing = withdraw(client, order, token, quantity=0)
    no_reason = withdraw(client, order, token, reason="")

    assert 'class="message message--error"' in nothing.content.decode()
    assert 'id="id_reason_error"' in no_reason.content.decode()
    assert not WithdrawalRequest.objects.exists()


def test_another_persons_order_answers_404(client, order, django_user_model):
    deliver(order, days_ago=1)
    token = form_token(client, order)
    stranger = django_user_model.objects.create_user("s", "s@example.ma", "x-12345-x")

    anonymous = withdraw(client, order, token, url=form_url(order, token=""))
    wrong_token = withdraw(client, order, token, url=form_url(order, token="nope"))
    client.force_login(stranger)
    signed_in = withdraw(client, order, token, url=form_url(order, token=""))
    page_of_other = client.get(reverse("shop:order_detail", args=(order.number,)))

    assert {anonymous.status_code, wrong_token.status_code} == {404}
    assert signed_in.status_code == page_of_other.status_code == 404
    assert not WithdrawalRequest.objects.exists()


def test_a_store_sale_offers_no_withdrawal(client, order):
    type(order).objects.filter(pk=order.pk).update(channel="store")
    deliver(order, days_ago=1)

    response = withdraw(client, order, "token-store")

    assert 'id="withdrawal"' not in client.get(page(order)).content.decode()
    assert response.status_code == 200
    assert not WithdrawalRequest.objects.exists()


# Staff ----------------------------------------------------------------------


def test_staff_see_the_deadline_and_refund_through_the_refund_flow(
    client, order, staff
):
    deliver(order, days_ago=2)
    withdraw(client, order, form_token(client, order), quantity=1)
    request = WithdrawalRequest.objects.get()
    cash_collected(order_id=order.pk, courier="Amana", amount=order.total, user=staff)
    client.force_login(staff)
    screen = reverse("shop_order_detail", args=(order.pk,))

    content = client.get(screen).content.decode()
    with translation.override("en"):
        due = date_format(request.refund_due_on, "DATE_FORMAT")
    assert f"Refund due by {due} at the latest" in content
    assert f'href="?withdrawal={request.pk}#refund"' in content

    prefilled = client.get(screen, {"withdrawal": request.pk}).content.decode()
    line = order.lines.get()
    assert re.search(rf'name="line-{line.pk}"[^>]*value="1"', prefilled)
    assert f'name="withdrawal" value="{request.pk}"' in prefilled

    client.post(
        screen,
        {
            "refund": "1",
            "form_token": "staff-refund-form",
            f"line-{line.pk}": "1",
            "reason": "Withdrawal",
            "withdrawal": str(request.pk),
        },
    )

    request.refresh_from_db()
    assert request.status == WithdrawalStatus.REFUNDED
    assert request.refund is not None and request.refund.amount == line.unit_price


def test_staff_list_open_requests_oldest_first_and_close_one(
    client, variant, checkout_post, staff
):
    orders = []
    for _ in range(2):
        orders.append(placed_order(client, variant, checkout_post, quantity=1))
        client.logout()
    for order in orders:
        deliver(order, days_ago=1)
        withdraw(client, order, form_token(client, order), quantity=1)
    older, newer = WithdrawalRequest.objects.order_by("pk")
    WithdrawalRequest.objects.filter(pk=newer.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(staff)

    listing = client.get(reverse("shop_withdrawals")).content.decode()
    assert listing.index(orders[1].number) < listing.index(orders[0].number)

    refused = client.post(reverse("shop_withdrawal_close", args=(older.pk,)), {})
    older.refresh_from_db()
    assert refused.status_code == 302 and older.status == WithdrawalStatus.OPEN
    client.post(
        reverse("shop_withdrawal_close", args=(older.pk,)),
        {"note": "Colis jamais renvoyé"},
    )
    older.refresh_from_db()
    assert older.status == WithdrawalStatus.CLOSED and older.closed_by == staff
    listing = client.get(reverse("shop_withdrawals")).content.decode()
    assert orders[0].number not in listing and orders[1].number in listing


def test_withdrawal_lines_need_a_positive_quantity(order):
    from django.db import IntegrityError, transaction

    deliver(order, days_ago=1)
    request = WithdrawalRequest.objects.create(
        order=order,
        reason="other",
        requested_at=timezone.now(),
        refund_due_on=timezone.localdate(),
        form_token="t",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WithdrawalLine.objects.create(
            request=request, order_line=order.lines.get(), quantity=0
        )
