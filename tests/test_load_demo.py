import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from storefront.management.commands.load_demo import (
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
)

pytestmark = pytest.mark.django_db


def test_load_demo_twice_gives_the_same_site(capsys):
    call_command("load_demo")
    first = get_user_model().objects.count()
    call_command("load_demo")

    assert get_user_model().objects.count() == first == 1
    admin = authenticate(username=DEMO_ADMIN_USERNAME, password=DEMO_ADMIN_PASSWORD)
    assert admin is not None and admin.is_superuser
    printed = capsys.readouterr().out
    assert f"user: {DEMO_ADMIN_USERNAME}" in printed
    assert f"password: {DEMO_ADMIN_PASSWORD}" in printed


def test_admin_is_served_at_admin(client):
    call_command("load_demo")
    client.login(username=DEMO_ADMIN_USERNAME, password=DEMO_ADMIN_PASSWORD)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_editors_see_every_language_of_a_translated_field(client, home_page):
    call_command("load_demo")
    client.login(username=DEMO_ADMIN_USERNAME, password=DEMO_ADMIN_PASSWORD)

    response = client.get(f"/admin/pages/{home_page.pk}/edit/")

    content = response.content.decode()
    for language in ("ar", "fr", "en"):
        assert f'name="title_{language}"' in content
        assert f'name="hero_heading_{language}"' in content
