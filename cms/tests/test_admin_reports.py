import datetime

import pytest
from django.urls import reverse
from wagtail.models import Site

from cms.admin_views import missing_translations
from cms.tests.factories import StandardPageFactory
from cooperatives.models import today
from cooperatives.tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def editor_client(client, django_user_model):
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user("ed", password="x-pass-1234")
    user.groups.add(Group.objects.get(name="Editors"))
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    client.force_login(user)
    return client


def test_missing_translations_names_language_and_field(editor_client):
    home = Site.objects.get(is_default_site=True).root_page.specific
    about = StandardPageFactory(
        parent=home, intro_fr="Qui sommes-nous", intro_ar="", intro_en=None
    )

    assert missing_translations(about) == {"ar": ["intro"], "en": ["intro"]}
    response = editor_client.get(reverse("missing_translations_report"))
    assert response.status_code == 200
    content = response.content.decode()
    assert about.title_en in content
    assert "ar: intro" in content and "en: intro" in content


def test_fully_translated_page_is_not_listed(editor_client):
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = StandardPageFactory(
        parent=home, intro_fr="Bonjour", intro_ar="مرحبا", intro_en="Hello"
    )

    assert missing_translations(page) == {}
    response = editor_client.get(reverse("missing_translations_report"))
    assert page.title_en not in response.content.decode()


def test_certification_expiry_report(editor_client):
    expired = CertificationFactory(
        number="EXPIRED-1", valid_from=today() - 400 * DAY, valid_until=today() - DAY
    )
    soon = CertificationFactory(number="SOON-1", valid_until=today() + 12 * DAY)
    CertificationFactory(number="LATER-1", valid_until=today() + 61 * DAY)

    response = editor_client.get(reverse("certification_expiry_report"))

    assert response.status_code == 200
    content = response.content.decode()
    assert expired.number in content and soon.number in content
    assert "LATER-1" not in content
    assert "Expired" in content
    assert "Expires in 12 days" in content
    assert content.index("EXPIRED-1") < content.index("SOON-1")


def test_expiry_report_exports_csv(editor_client):
    CertificationFactory(number="SOON-2", valid_until=today() + 5 * DAY)

    response = editor_client.get(reverse("certification_expiry_report") + "?export=csv")

    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "SOON-2" in body
