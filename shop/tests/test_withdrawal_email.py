"""The buyer hears back about a withdrawal request (law 31-08): an email in
the order's language saying when it was received, which order and units,
and the day the refund is due at the latest, with a link to the order.
Once per request, however often the form is sent; none when it is refused.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from shop.consumer_emails import send_withdrawal_received
from shop.models import SentEmail, WithdrawalRequest
from shop.tests.consumer_fixtures import deliver, placed_order

pytestmark = pytest.mark.django_db

RECEIVED = "We received your withdrawal request for order %(number)s on %(date)s."
REFUND_BY = (
    "You will be refunded within %(days)s days of your request, by %(date)s "
    "at the latest."
)


def _order(client, variant, checkout_post, language="fr", quantity=2):
    order = placed_order(
        client, variant, checkout_post, language=language, quantity=quantity
    )
    client.logout()
    mail.outbox.clear()  # the order's confirmation
    return order


def _withdraw(client, order, form_token, quantity=1, reason="changed_mind"):
    url = reverse("shop:order_withdrawal", kwargs={"number": order.number})
    line = order.lines.get()
    return client.post(
        f"{url}?token={order.access_token}",
        {"form_token": form_token, f"line-{line.pk}": quantity, "reason": reason},
    )


def _to_buyer(order) -> list:
    return [message for message in mail.outbox if message.to == [order.email]]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_buyer_is_told_in_the_orders_language(
    client, variant, checkout_post, language, django_capture_on_commit_callbacks
):
    order = _order(client, variant, checkout_post, language=language)
    assert order.language == language
    deliver(order, days_ago=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(client, order, "form-of-the-buyer", quantity=2)

    assert response.status_code == 302
    request = WithdrawalRequest.objects.get()
    (email,) = _to_buyer(order)
    html, mime = email.alternatives[0]
    assert mime == "text/html" and email.extra_headers["Content-Language"] == language
    today = timezone.localdate()
    with translation.override(language):
        received = translation.gettext(RECEIVED) % {
            "number": order.number,
            "date": date_format(today, "DATE_FORMAT"),
        }
        refund_by = translation.gettext(REFUND_BY) % {
            "days": 15,
            "date": date_format(today + datetime.timedelta(days=15), "DATE_FORMAT"),
        }
        hello = translation.gettext("Hello %(name)s,") % {"name": order.full_name}
        follow = translation.gettext("Follow your order")
        reason = str(request.get_reason_display())
        path = reverse("shop:order_detail", kwargs={"number": order.number})
    assert request.refund_due_on == today + datetime.timedelta(days=15)
    assert order.number in email.subject
    link = f"http://testserver{path}?token={order.access_token}"
    product = order.lines.get().product_name
    for text, shown in ((email.body, str), (html, escape)):
        assert shown(hello) in text and follow in text and shown(reason) in text
        assert shown(link) in text and shown(product) in text
    assert received in email.body and refund_by in email.body
    assert f"- 2 × {product}" in email.body
    # The HTML isolates the order number inside the sentence.
    assert escape(received).replace(order.number, f"<bdi>{order.number}</bdi>") in html
    assert escape(refund_by) in html
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    if language == "ar":
        # Moroccan month names, and the team's Arabic signature.
        assert "فريق تضامن" in email.body and "مرحبًا" in email.body
    assert SentEmail.objects.filter(
        key=f"return_request_received:{request.pk}", status=SentEmail.Status.SENT
    ).exists()


def test_sent_once_however_often_the_form_or_the_task_runs(
    client, variant, checkout_post, django_capture_on_commit_callbacks
):
    order = _order(client, variant, checkout_post)
    deliver(order, days_ago=1)

    with django_capture_on_commit_callbacks(execute=True):
        first = _withdraw(client, order, "one-form")
        again = _withdraw(client, order, "one-form")  # double click
        back = _withdraw(client, order, "one-form")  # back, and sent again

    assert first.status_code == again.status_code == back.status_code == 302
    request = WithdrawalRequest.objects.get()
    assert len(_to_buyer(order)) == 1
    send_withdrawal_received.call(request.pk)  # a task run again
    assert len(_to_buyer(order)) == 1

    # A new form for the unit still left is a request of its own.
    with django_capture_on_commit_callbacks(execute=True):
        _withdraw(client, order, "another-form")
    assert WithdrawalRequest.objects.count() == 2
    assert len(_to_buyer(order)) == 2


def test_staff_are_told_once_too(
    client,
    variant,
    checkout_post,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth.models import Group

    staff = django_user_model.objects.create_user(
        "hind", "hind@tadamon.example", "x-pass-12345"
    )
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    order = _order(client, variant, checkout_post)
    deliver(order, days_ago=1)

    with django_capture_on_commit_callbacks(execute=True):
        _withdraw(client, order, "one-form")
        _withdraw(client, order, "one-form")

    assert [m.to for m in mail.outbox].count(["hind@tadamon.example"]) == 1
    assert len(_to_buyer(order)) == 1


@pytest.mark.parametrize(
    ("days_ago", "quantity", "reason"),
    [
        (None, 1, "changed_mind"),  # not delivered yet
        (9, 1, "changed_mind"),  # the period is over
        (1, 3, "changed_mind"),  # more than was bought
        (1, 1, ""),  # no reason
    ],
)
def test_no_email_when_the_request_is_refused(
    client,
    variant,
    checkout_post,
    django_capture_on_commit_callbacks,
    days_ago,
    quantity,
    reason,
):
    order = _order(client, variant, checkout_post)
    if days_ago is not None:
        deliver(order, days_ago=days_ago)

    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(client, order, "refused-form", quantity, reason)

    assert response.status_code == 200
    assert not WithdrawalRequest.objects.exists()
    assert mail.outbox == []
    assert not SentEmail.objects.exclude(key__startswith="order_confirmation").exists()


def test_an_order_without_email_gets_none(
    client, variant, checkout_post, django_capture_on_commit_callbacks
):
    order = _order(client, variant, checkout_post)
    type(order).objects.filter(pk=order.pk).update(email="")
    deliver(order, days_ago=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(client, order, "form-without-email")

    assert response.status_code == 302
    assert WithdrawalRequest.objects.count() == 1
    assert mail.outbox == []
