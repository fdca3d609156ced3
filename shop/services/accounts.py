"""Buyer accounts: sign-up confirmed by email.

Signing up never says whether an address already has an account: every
request gets the same answer ("we sent you a link") and the address gets
the email that fits: a link that activates the new account, or, when an
account exists, a note with links to log in or reset the password. Two
sign-ups with the same address at once make one account (the unique user
name decides; the loser is treated as "already exists")."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode


def signup_request(
    *, email: str, password: str, language: str, privacy_version: str
) -> None:
    """Create the account, inactive until its link is followed, or find the
    one that exists; email the address either way (after the commit).

    The sign-up form's consent to the processing of personal data (law
    09-08) is recorded with the account it creates, with `privacy_version`,
    the privacy notice shown; an account that exists keeps its own."""
    from shop.emails import send_account_email
    from shop.services.consumer import account_consent_record

    User = get_user_model()
    email = email.strip().lower()
    try:
        with transaction.atomic():
            user = User(username=email, email=email, is_active=False)
            user.set_password(password)
            user.save()
        kind = "activate"
    except IntegrityError:
        user = User.objects.get(username=email)
        if not user.is_active and user.last_login is None:
            # Never activated: the latest sign-up's password wins, and the
            # links sent before stop working (the token covers the hash).
            user.set_password(password)
            user.save(update_fields=["password"])
            kind = "activate"
        else:
            kind = "exists"
    if kind == "activate":
        account_consent_record(user=user, version=privacy_version)
    transaction.on_commit(lambda: send_account_email.enqueue(user.pk, kind, language))


def activation_link_parts(user) -> tuple[str, str]:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return uidb64, default_token_generator.make_token(user)


def account_activate(*, uidb64: str, token: str):
    """The user the link activates, now active; None if the link is wrong,
    used or expired (logging in changes what the token covers)."""
    User = get_user_model()
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=pk).first()
        if user is None or not default_token_generator.check_token(user, token):
            return None
        if not user.is_active:
            if user.last_login is not None:
                return None  # deactivated by staff: a link cannot undo that
            user.is_active = True
            user.save(update_fields=["is_active"])
    return user
