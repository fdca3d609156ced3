"""Security: the headers production sends, CSRF on every POST but the
webhook, sessions rotated at sign-in, lock-out after failed sign-ins,
uploads limited, no stack trace shown to visitors."""

import importlib
import re
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from cooperatives.models import CooperativeMembership
from cooperatives.tests.factories import CooperativeFactory
from shop.models import Cart, CartLine
from shop.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-long"  # noqa: S105


@pytest.fixture
def production(monkeypatch):
    """The security settings of storefront.settings.production, as loaded
    from the environment a real host gives it."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("PUBLIC_URL", "https://testserver")
    modules = ("storefront.settings.production", "storefront.settings.base")
    saved = {name: sys.modules.pop(name, None) for name in modules}
    try:
        module = importlib.import_module("storefront.settings.production")
    finally:  # the running settings keep their own base module
        for name, original in saved.items():
            sys.modules.pop(name, None)
            if original is not None:
                sys.modules[name] = original
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
        "CONTENT_SECURITY_POLICY",
        "DEBUG",
    ]
    with override_settings(**{name: getattr(module, name) for name in names}):
        yield module


def test_production_sends_hsts_csp_and_redirects_to_https(client, production):
    plain = client.get("/fr/")
    secure = client.get("/fr/", secure=True)

    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert secure.status_code == 200
    assert (
        secure["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )
    assert secure["X-Frame-Options"] == "DENY"
    policy = dict(
        part.strip().split(" ", 1)
        for part in secure["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    # No inline script allowed; Stripe's script, frames and API are.
    assert "unsafe-inline" not in policy["script-src"]
    assert "https://js.stripe.com" in policy["script-src"]
    assert "https://js.stripe.com" in policy["frame-src"]
    assert "https://api.stripe.com" in policy["connect-src"]


def test_session_and_csrf_cookies_are_secure_in_production(client, production):
    variant = VariantFactory(stock=5)

    response = client.post(
        "/fr/cart/add/", {"sku": variant.sku, "quantity": 1}, secure=True
    )

    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)")


def test_public_pages_have_no_inline_script_or_style(client):
    from django.core.management import call_command

    call_command("load_demo", "--without-season")
    home = client.get("/fr/").content.decode()
    links = set(
        re.findall(r'href="(/fr/(?:cooperatives|produits|histoires)/[^"?]+/)"', home)
    )
    pages = ["/fr/", "/ar/", "/fr/produits/", "/fr/cart/", "/fr/search/?q=miel"]
    pages += sorted(links)
    assert len(pages) > 8

    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert not INLINE_SCRIPT.search(html), url
        assert " style=" not in html, url
        assert " onclick=" not in html and " onload=" not in html, url


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _is_rest_framework_view(view) -> bool:
    from rest_framework.views import APIView

    return isinstance(getattr(view, "cls", None), type) and issubclass(
        view.cls, APIView
    )


def test_only_the_payment_providers_posts_are_exempt_from_csrf():
    """The Stripe webhook and the CMI's callback (signed by the provider),
    and the page the CMI's gateway posts the buyer back to (it reads nothing
    posted: it redirects to itself; shop/tests/test_cmi_callback.py).
    Django REST framework views (Wagtail's admin API) are marked exempt
    because the framework checks CSRF itself for signed-in sessions; the
    next test shows it does."""
    resolver = get_resolver()
    exempt = set()
    for route, view in _walk(resolver.url_patterns):
        if getattr(view, "csrf_exempt", False) and not _is_rest_framework_view(view):
            exempt.add(route)
    # A route shadowed by an earlier one never answers: ask the resolver.
    answering = {
        route
        for route in exempt
        if getattr(resolver.resolve("/" + _example(route)).func, "csrf_exempt", False)
    }

    assert {re.sub(r"^[a-z]{2}/", "", route) for route in answering} == {
        "payments/stripe/webhook/",
        "payments/cmi/callback/",
        "orders/<str:number>/card/return/",
    }


def _example(route: str) -> str:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return re.sub(r"<(?:int:)?\w+>", "1", route)


def test_the_admin_api_refuses_a_post_without_csrf_token(home_page):
    admin = get_user_model().objects.create_superuser("root", "r@x.ma", PASSWORD)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin)

    response = browser.post(
        f"/admin/api/main/pages/{home_page.pk}/action/copy/",
        {"destination_page_id": home_page.pk},
    )

    assert response.status_code == 403
    assert "CSRF" in response.content.decode()


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user("fatima", "f@x.ma", PASSWORD)
    CooperativeMembership.objects.create(user=user, cooperative=CooperativeFactory())
    return user


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/fr/cart/add/", {"sku": "SKU", "quantity": "1"}),
        ("/fr/cart/update/", {"sku": "SKU", "quantity": "2"}),
        ("/fr/checkout/", {"email": "a@x.ma"}),
        ("/fr/checkout/review/", {"accept_terms": "on"}),
        ("/fr/account/login/", {"username": "fatima", "password": PASSWORD}),
        ("/fr/account/signup/", {"email": "n@x.ma", "password": PASSWORD}),
        ("/fr/portal/login/", {"username": "fatima", "password": PASSWORD}),
        ("/fr/portal/password-reset/", {"email": "f@x.ma"}),
        ("/admin/login/", {"username": "fatima", "password": PASSWORD}),
    ],
)
def test_posts_without_a_csrf_token_are_refused_and_change_nothing(url, data, member):
    variant = VariantFactory(sku="SKU", stock=5)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(url, data)

    assert response.status_code == 403
    assert not Cart.objects.exists() and not CartLine.objects.exists()
    assert "_auth_user_id" not in browser.session
    assert variant.stock == 5
    assert "Traceback" not in response.content.decode()


def test_a_refused_form_says_why_in_the_visitors_language(member):
    response = Client(enforce_csrf_checks=True).post(
        "/ar/account/login/", {"username": "fatima", "password": PASSWORD}
    )

    with translation.override("ar"):
        expected = translation.gettext("This form has expired")
    assert response.status_code == 403
    assert expected in response.content.decode()
    assert 'dir="rtl"' in response.content.decode()


def test_the_webhook_needs_no_csrf_token_but_a_signature():
    response = Client(enforce_csrf_checks=True).post(
        "/payments/stripe/webhook/", b"{}", content_type="application/json"
    )

    assert response.status_code == 400  # refused for its signature, not CSRF


@pytest.mark.parametrize(
    "login_url", ["/fr/account/login/", "/fr/portal/login/", "/admin/login/"]
)
def test_session_key_changes_at_sign_in(client, member, login_url):
    member.is_staff = True
    member.is_superuser = True
    member.save()
    client.get("/fr/cart/status/")
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key

    response = client.post(login_url, {"username": "fatima", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.parametrize(
    "login_url", ["/fr/account/login/", "/fr/portal/login/", "/admin/login/"]
)
def test_repeated_failures_lock_the_sign_in(client, member, login_url, settings):
    member.is_staff = True
    member.save()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"  # the admin has no prefix
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login_url, {"username": "fatima", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error

    locked = client.post(login_url, {"username": "fatima", "password": "wrong"})
    still_locked = client.post(login_url, {"username": "fatima", "password": PASSWORD})

    with translation.override("fr"):
        message = translation.gettext("Too many attempts")
    assert locked.status_code == 429
    assert still_locked.status_code == 429  # even the right password waits
    assert message in still_locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Someone else, from the same address, can still sign in.
    other = get_user_model().objects.create_user("khadija", "k@x.ma", PASSWORD)
    other.is_staff = True
    other.save()
    CooperativeMembership.objects.create(user=other, cooperative=CooperativeFactory())
    assert (
        client.post(
            login_url, {"username": "khadija", "password": PASSWORD}
        ).status_code
        == 302
    )


def _upload_errors(upload) -> str:
    user = get_user_model().objects.create_superuser("ed", "ed@x.ma", PASSWORD)
    with translation.override("en"):
        form_class = get_image_form(get_image_model())
        form = form_class(
            {"title": "photo", "collection": "1"}, {"file": upload}, user=user
        )
        assert not form.is_valid()
        return " ".join(str(error) for error in form.errors.get("file", []))


def test_an_oversized_image_is_refused_with_a_clear_message(settings):
    size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1
    upload = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * size, "image/png")

    errors = _upload_errors(upload)

    assert "This file is too big" in errors
    assert "Maximum filesize 10.0\xa0MB" in errors


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_message():
    upload = SimpleUploadedFile(
        "invoice.pdf", b"%PDF-1.4 not an image", "application/pdf"
    )

    errors = _upload_errors(upload)

    assert "Upload a valid image" in errors
    assert "not an image or a corrupted image" in errors


def test_an_error_shows_no_stack_trace(monkeypatch, home_page):
    from cms.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(HomePage, "serve", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/fr/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "hunter2" not in html and "Traceback" not in html
    assert "<html" in html  # our own error page, not a bare message


def _document_errors(upload) -> str:
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    user = get_user_model().objects.create_superuser("doc", "d@x.ma", PASSWORD)
    with translation.override("en"):
        form = get_document_form(Document)(
            {"title": "statutes", "collection": "1"}, {"file": upload}, user=user
        )
        valid = form.is_valid()
        return "" if valid else " ".join(str(e) for e in form.errors.get("file", []))


def test_a_pdf_document_within_the_limit_is_accepted():
    upload = SimpleUploadedFile("statuts.pdf", b"%PDF-1.7\n...", "application/pdf")

    assert _document_errors(upload) == ""


def test_a_document_named_pdf_that_is_not_one_is_refused():
    upload = SimpleUploadedFile("invoice.pdf", b"<html><script>", "application/pdf")

    assert "This file is not a PDF document." in _document_errors(upload)


def test_an_oversized_document_is_refused_with_a_clear_message(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2048, "application/pdf")

    errors = _document_errors(upload)

    assert "This file is too big (2.0\xa0KB). Maximum filesize 1.0\xa0KB." in errors


def _policy(response) -> dict:
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )


def test_only_the_admin_may_run_inline_script(client, home_page):
    editor = get_user_model().objects.create_superuser("ed", "ed@x.ma", PASSWORD)
    client.force_login(editor)

    admin = _policy(client.get(f"/admin/pages/{home_page.pk}/edit/"))
    public = _policy(client.get("/fr/"))

    # Wagtail's editors write inline scripts for their widgets.
    assert "'unsafe-inline'" in admin["script-src"]
    assert "'unsafe-inline'" not in public["script-src"]
    assert "'unsafe-inline'" not in public["style-src"]
    assert admin["frame-ancestors"] == public["frame-ancestors"] == "'none'"
