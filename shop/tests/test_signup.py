"""Sign-up confirmed by email, which never tells whether an address has an
account, and the buyers' password reset."""

import re
import threading

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.db import connection, connections
from django.test import Client, RequestFactory

from shop.models import Cart
from shop.tests.conftest import add_to_cart
from shop.tests.factories import VariantFactory

SIGNUP = "/fr/account/signup/"
PASSWORD = "un-mot-de-passe-solide-42"
User = get_user_model()


def sign_up(client, email="nadia@example.ma", password=PASSWORD, language="fr"):
    return client.post(
        f"/{language}/account/signup/",
        {"email": email, "password": password, "privacy_consent": "on"},
        follow=True,
    )


def can_log_in(email, password) -> bool:
    request = RequestFactory().post("/fr/account/login/")
    return authenticate(request, username=email, password=password) is not None


def link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the emails queued after the commit, as production does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_a_new_address_gets_a_link_that_activates_once_and_keeps_the_cart(
    client, commit
):
    variant = VariantFactory(stock=5)
    add_to_cart(client, variant.sku, 2)
    with commit():
        response = sign_up(client)

    assert response.redirect_chain[-1][0] == "/fr/account/signup/sent/"
    assert "nadia@example.ma" in response.content.decode()
    user = User.objects.get(email="nadia@example.ma")
    assert not user.is_active
    assert "_auth_user_id" not in client.session
    assert not can_log_in("nadia@example.ma", PASSWORD)
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "fr"
    link = link_in(message)
    assert link.startswith("/fr/account/activate/")

    response = client.get(link, follow=True)

    assert response.redirect_chain[-1][0] == "/fr/account/"
    user.refresh_from_db()
    assert user.is_active and client.session["_auth_user_id"] == str(user.pk)
    assert Cart.objects.get(user=user).lines.get().quantity == 2
    # Used once: the same link again is refused with a page that says so.
    again = Client().get(link)
    assert again.status_code == 400
    assert "ne fonctionne plus" in again.content.decode()


@pytest.mark.django_db
def test_an_existing_address_gets_the_same_answer_and_a_different_email(client, commit):
    User.objects.create_user("amal@example.ma", "amal@example.ma", "ancien-mdp-1234")
    with commit():
        existing = sign_up(client, "amal@example.ma")
    with commit():
        new = sign_up(Client(), "inconnue@example.ma")

    def page(response):
        return (
            response.content.decode()
            .replace("amal@example.ma", "X")
            .replace("inconnue@example.ma", "X")
        )

    assert existing.redirect_chain == new.redirect_chain
    assert page(existing) == page(new)
    exists_mail, activate_mail = mail.outbox
    assert "/account/password-reset/" in exists_mail.body
    assert "/account/activate/" not in exists_mail.body
    assert "/account/activate/" in activate_mail.body
    # The existing account keeps its password: a sign-up cannot change it.
    assert can_log_in("amal@example.ma", "ancien-mdp-1234")
    assert not can_log_in("amal@example.ma", PASSWORD)


@pytest.mark.django_db
def test_signing_up_again_before_activating_replaces_the_link(client, commit):
    with commit():
        sign_up(client, password="premier-mdp-1234")
    with commit():
        sign_up(client, password="second-mdp-5678")
    first, second = (link_in(message) for message in mail.outbox)

    assert Client().get(first).status_code == 400
    browser = Client()
    assert browser.get(second).status_code == 302
    assert can_log_in("nadia@example.ma", "second-mdp-5678")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "link",
    [
        "/fr/account/activate/xx/yy/",
        "/fr/account/activate/MQ/bad-token/",
        "/fr/account/activate/%F0%9F%98%80/t/",
    ],
)
def test_a_forged_link_is_refused_and_activates_nothing(client, link):
    User.objects.create_user("x@example.ma", "x@example.ma", PASSWORD, is_active=False)
    assert client.get(link).status_code == 400
    assert not User.objects.get().is_active


@pytest.mark.django_db
def test_a_weak_password_is_refused_next_to_its_field_and_creates_nothing(client):
    response = client.post(
        SIGNUP,
        {"email": "n@example.ma", "password": "1234567890", "privacy_consent": "on"},
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not User.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_a_buyer_resets_a_forgotten_password(client, commit):
    User.objects.create_user("amal@example.ma", "amal@example.ma", "ancien-mdp-1234")
    with commit():
        response = client.post(
            "/ar/account/password-reset/", {"email": "amal@example.ma"}, follow=True
        )
    assert response.redirect_chain[-1][0] == "/ar/account/password-reset/sent/"
    link = link_in(mail.outbox[0])
    assert link.startswith("/ar/account/password-reset/")

    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nouveau-mdp-9876", "new_password2": "nouveau-mdp-9876"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/ar/account/login/"
    assert can_log_in("amal@example.ma", "nouveau-mdp-9876")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent sign-ups need PostgreSQL"
)
def test_two_sign_ups_with_the_same_address_at_once_make_one_account():
    barrier = threading.Barrier(4)
    answers = []

    def run():
        try:
            barrier.wait(timeout=30)
            answers.append(sign_up(Client(), "meme@example.ma").status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            answers.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert answers == [200] * 4
    assert User.objects.filter(username="meme@example.ma").count() == 1


@pytest.mark.django_db
def test_a_reset_link_starts_with_the_public_address_not_the_requests_host(
    client, commit, settings
):
    settings.PUBLIC_URL = "https://boutique.tadamon.ma"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    User.objects.create_user("amal@example.ma", "amal@example.ma", "ancien-mdp-1234")
    with commit():
        client.post(
            "/fr/account/password-reset/",
            {"email": "amal@example.ma"},
            HTTP_HOST="evil.example",
        )
    assert "https://boutique.tadamon.ma/fr/account/password-reset/" in (
        mail.outbox[0].body
    )
    assert "evil.example" not in mail.outbox[0].body
