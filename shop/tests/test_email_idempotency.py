"""An email is never sent twice: each carries an idempotency key, claimed
before sending and marked sent after (shop.models.SentEmail). A task run
again (its worker died, the database restarted) sends nothing the second
time; a send that failed leaves the key free for the next attempt."""

import logging
import smtplib
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from shop.emails import (
    send_account_email,
    send_order_confirmation,
    send_payment_received,
)
from shop.models import OrderEvent, SentEmail
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    placed = paid_order((VariantFactory(stock=5), 1))
    mail.outbox.clear()
    return placed


def email_events(order):
    return list(
        OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.EMAIL).values_list(
            "message", flat=True
        )
    )


def test_the_same_email_task_run_twice_sends_one_email(order):
    send_order_confirmation.call(order.pk)
    send_order_confirmation.call(order.pk)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [order.email]
    sent = SentEmail.objects.get()
    assert sent.key == f"order_confirmation:{order.pk}"
    assert sent.status == SentEmail.Status.SENT and sent.sent_at is not None
    assert email_events(order) == [f"order_confirmation to {order.email}"]


def test_each_kind_of_email_about_an_order_is_sent_once(order):
    for _ in range(2):
        send_order_confirmation.call(order.pk)
        send_payment_received.call(order.pk)

    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2 and subjects[0] != subjects[1]
    assert set(SentEmail.objects.values_list("key", flat=True)) == {
        f"order_confirmation:{order.pk}",
        f"payment_received:{order.pk}",
    }


def test_a_failed_send_is_sent_by_the_next_attempt(order, monkeypatch):
    real_send = EmailMessage.send

    def refused(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr(EmailMessage, "send", refused)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_order_confirmation.call(order.pk)
    assert not SentEmail.objects.exists()  # the claim was given back
    assert email_events(order) == []

    monkeypatch.setattr(EmailMessage, "send", real_send)
    send_order_confirmation.call(order.pk)

    assert len(mail.outbox) == 1
    assert SentEmail.objects.get().status == SentEmail.Status.SENT


def test_an_attempt_that_stopped_while_sending_is_not_repeated(order, caplog):
    """Claimed, then the process died before recording the result: the
    email may have gone. It is not sent again, and staff are told."""
    SentEmail.objects.create(key=f"order_confirmation:{order.pk}")

    with caplog.at_level(logging.ERROR, logger="shop.emails"):
        send_order_confirmation.call(order.pk)

    assert mail.outbox == []
    assert any(
        record.levelno == logging.ERROR
        and f"order_confirmation:{order.pk}" in record.getMessage()
        for record in caplog.records
    )


def test_each_sign_up_gets_its_own_email_but_a_task_run_again_does_not():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        "amina@example.ma", "amina@example.ma", "un-mot-de-passe-long"
    )
    first = SimpleNamespace(task_result=SimpleNamespace(id="task-1"))
    second = SimpleNamespace(task_result=SimpleNamespace(id="task-2"))

    send_account_email.call(first, user.pk, "exists", "fr")
    send_account_email.call(first, user.pk, "exists", "fr")  # run again
    send_account_email.call(second, user.pk, "exists", "fr")  # signed up again

    assert [m.to for m in mail.outbox] == [[user.email], [user.email]]
