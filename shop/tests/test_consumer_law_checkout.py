"""Consumer law at the checkout (17c): consent to the processing of
personal data where it is collected (details step, sign-up), recorded with
the privacy notice's version; the latest delivery day and the withdrawal
period told at review and in the confirmation email, in the order's
language."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from shop.models import Order, PrivacyConsent
from shop.tests import consumer_fixtures
from shop.tests.conftest import add_to_cart, place_order, review_token
from shop.tests.consumer_fixtures import LANGUAGES, page_url

pytestmark = pytest.mark.django_db
legal = consumer_fixtures.legal

WITHDRAWAL = (
    "You may withdraw from your purchase within %(days)s days of delivery, "
    "without giving a reason, and are then refunded within %(refund)s days."
)
DELIVERED_BY = "Delivered by %(date)s at the latest."


def _said(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        return translation.gettext(msgid) % values


def _day(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return date_format(day, "DATE_FORMAT")


# Consent at the details step --------------------------------------------


def test_details_without_consent_are_refused_next_to_the_box(
    client, variant, checkout_post, legal
):
    add_to_cart(client, variant.sku, 1, language="fr")
    without = {k: v for k, v in checkout_post.items() if k != "privacy_consent"}

    response = client.post("/fr/checkout/", without)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_privacy_consent_error"' in content
    assert response.context["form"].errors["privacy_consent"] == [
        _said("fr", "Please agree to the processing of your personal data.")
    ]
    assert f'href="{page_url(legal["privacy"], "fr")}"' in content
    assert "checkout_details" not in client.session
    # Nor can the review place an order without it.
    client.post(
        "/fr/checkout/review/",
        {"accept_terms": "on", "checkout_token": review_token(client, "fr")},
    )
    assert not Order.objects.exists()


def test_the_consent_is_recorded_on_the_order_with_the_notice_version(
    client, variant, checkout_post, legal
):
    before = timezone.now()
    add_to_cart(client, variant.sku, 1, language="ar")

    place_order(client, checkout_post, language="ar")

    order = Order.objects.get()
    legal["privacy"].refresh_from_db()
    assert order.privacy_consent_version == f"r{legal['privacy'].live_revision_id}"
    assert before <= order.privacy_consent_at <= timezone.now()
    assert "checkout_privacy_consent" not in client.session


def test_a_review_without_the_consent_in_the_session_places_nothing(
    client, variant, checkout_post, legal
):
    add_to_cart(client, variant.sku, 1, language="fr")
    client.post("/fr/checkout/", checkout_post)
    token = review_token(client, "fr")
    session = client.session
    del session["checkout_privacy_consent"]
    session.save()

    response = client.post(
        "/fr/checkout/review/", {"accept_terms": "on", "checkout_token": token}
    )

    assert response.status_code == 302 and response.url == "/fr/checkout/"
    assert not Order.objects.exists()


# Review and confirmation: latest delivery day, withdrawal period ---------


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_shows_the_withdrawal_period_and_the_latest_delivery_day(
    client, variant, checkout_post, delivery, legal, language
):
    delivery.max_delay_days = 5
    delivery.save()
    add_to_cart(client, variant.sku, 1, language=language)
    client.post(f"/{language}/checkout/", checkout_post)

    content = client.get(f"/{language}/checkout/review/").content.decode()

    latest = timezone.localdate() + datetime.timedelta(days=5)
    assert _said(language, DELIVERED_BY, date=_day(latest, language)) in content
    assert _said(language, WITHDRAWAL, days=7, refund=15) in content
    assert f'href="{page_url(legal["terms"], language)}"' in content


def test_the_confirmation_email_says_them_in_the_order_language(
    client, variant, checkout_post, delivery, legal, django_capture_on_commit_callbacks
):
    delivery.max_delay_days = 4
    delivery.save()
    add_to_cart(client, variant.sku, 1, language="ar")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        place_order(client, checkout_post, language="ar")

    order = Order.objects.get()
    latest = timezone.localdate() + datetime.timedelta(days=4)
    assert order.delivery_by == latest
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert _said("ar", DELIVERED_BY, date=_day(latest, "ar")) in body
        assert _said("ar", WITHDRAWAL, days=7, refund=15) in body
    terms = settings.PUBLIC_URL.rstrip("/") + page_url(legal["terms"], "ar")
    assert terms in email.body and f'href="{terms}"' in html
    assert email.extra_headers["Content-Language"] == "ar"


# Consent at sign-up -------------------------------------------------------


def _sign_up(client, email, consent=True):
    data = {"email": email, "password": "a-long-secret-word-42"}
    if consent:
        data["privacy_consent"] = "on"
    return client.post("/ar/account/signup/", data)


def test_sign_up_without_consent_is_refused_and_creates_nobody(
    client, legal, django_user_model
):
    response = _sign_up(client, "nadia@example.ma", consent=False)

    assert response.status_code == 200
    assert 'id="id_privacy_consent_error"' in response.content.decode()
    assert f'href="{page_url(legal["privacy"], "ar")}"' in response.content.decode()
    assert not django_user_model.objects.exists()


def test_sign_up_records_the_consent_on_the_account(client, legal, django_user_model):
    before = timezone.now()

    response = _sign_up(client, "nadia@example.ma")

    assert response.status_code == 302
    consent = PrivacyConsent.objects.get(user__email="nadia@example.ma")
    legal["privacy"].refresh_from_db()
    assert consent.version == f"r{legal['privacy'].live_revision_id}"
    assert consent.given_at >= before


def test_sign_up_for_an_existing_account_keeps_its_consent(
    client, legal, django_user_model
):
    user = django_user_model.objects.create_user(
        "amina@example.ma",
        "amina@example.ma",
        "x-pass-12345",
        last_login=timezone.now(),
    )
    given = timezone.now() - datetime.timedelta(days=400)
    PrivacyConsent.objects.create(user=user, version="r1", given_at=given)

    _sign_up(client, "amina@example.ma")

    consent = PrivacyConsent.objects.get(user=user)
    assert (consent.version, consent.given_at) == ("r1", given)
