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


def test_documents_must_be_pdf(client):
    user = get_user_model().objects.create_superuser("a", "a@x.ma", "pw-12345678")
    form_class = get_document_form(Document)
    upload = SimpleUploadedFile("notes.exe", b"MZ\x90\x00", content_type="text/plain")

    form = form_class({"title": "x", "collection": "1"}, {"file": upload}, user=user)

    assert not form.is_valid()
    assert "file" in form.errors
