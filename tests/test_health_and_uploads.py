import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.forms import get_document_form
from wagtail.documents.models import Document

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_healthz_says_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("down")

    monkeypatch.setattr(connection, "cursor", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_healthz_answers_plain_http_under_the_production_redirect(
    client, settings, monkeypatch
):
    """A load balancer checks over plain HTTP: the production settings
    send every other page to https, but not the health check."""
    from tests.test_production_settings import load

    production = load(monkeypatch)
    settings.SECURE_SSL_REDIRECT = production.SECURE_SSL_REDIRECT
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT
    settings.SECURE_PROXY_SSL_HEADER = production.SECURE_PROXY_SSL_HEADER

    health = client.get("/healthz")
    page = client.get("/fr/")
    via_tls = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")

    assert production.SECURE_SSL_REDIRECT is True
    assert health.status_code == 200
    assert health.json() == {"database": "ok", "cache": "ok"}
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/fr/"
    # Only the health check itself: no other path shares its exemption.
    assert client.get("/healthz/").status_code == 301
    assert client.get("/fr/healthz").status_code == 301
    assert via_tls.status_code == 200


def test_documents_must_be_pdf(client):
    user = get_user_model().objects.create_superuser("a", "a@x.ma", "pw-12345678")
    form_class = get_document_form(Document)
    upload = SimpleUploadedFile("notes.exe", b"MZ\x90\x00", content_type="text/plain")

    form = form_class({"title": "x", "collection": "1"}, {"file": upload}, user=user)

    assert not form.is_valid()
    assert "file" in form.errors
