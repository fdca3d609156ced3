"""An editor creates and submits a cooperative page; a moderator publishes it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import CooperativePage
from cms.tests.factories import CooperativeIndexPageFactory
from cooperatives.tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


def staff_user(django_user_model, name, group):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@tadamon.test", password="pass-1234-word"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def cooperatives_index():
    home = Site.objects.get(is_default_site=True).root_page
    return CooperativeIndexPageFactory(parent=home)


def page_form(cooperative):
    data = {"cooperative": cooperative.pk, "image": "", "action-submit": "Submit"}
    for code, title in (("ar", "تعاونية النحل"), ("fr", "Abeilles"), ("en", "Bees")):
        data[f"title_{code}"] = title
        data[f"slug_{code}"] = f"abeilles-{code}"
        data[f"seo_title_{code}"] = ""
        data[f"search_description_{code}"] = ""
        data[f"story_{code}"] = streamfield(
            [("paragraph", rich_text(f"<p>Notre histoire {code}</p>"))]
        )
    data["gallery_images"] = inline_formset([])
    return nested_form_data(data)


def test_editor_submits_and_moderator_publishes(
    client, django_user_model, cooperatives_index
):
    cooperative = CooperativeFactory()
    editor = staff_user(django_user_model, "editor", "Editors")
    moderator = staff_user(django_user_model, "moderator", "Moderators")

    client.force_login(editor)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("cms", "cooperativepage", cooperatives_index.pk)
    )
    response = client.post(add_url, page_form(cooperative))

    assert response.status_code == 302, response.context["form"].errors
    page = CooperativePage.objects.get(cooperative=cooperative)
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    with translation.override("en"):  # shown in each editor's language
        assert state.workflow.name == "Moderators approval"
    # An editor can neither publish nor manage users or settings.
    assert not page.permissions_for_user(editor).can_publish()
    assert client.get(reverse("wagtailusers_users:index")).status_code in {302, 403}
    assert client.get(reverse("wagtailsites:index")).status_code in {302, 403}

    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", task_state.pk),
        ),
        {"comment": "Bravo"},
    )

    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live
    assert page.title_fr == "Abeilles"
    assert (
        client.get("/fr/" + cooperatives_index.slug_fr + "/abeilles-fr/").status_code
        == 200
    )


def test_editors_manage_cooperative_snippets_but_not_agreements(
    client, django_user_model
):
    editor = staff_user(django_user_model, "editor", "Editors")
    client.force_login(editor)

    cooperatives = client.get(reverse("wagtailsnippets_cooperatives_cooperative:list"))
    agreements = client.get(
        reverse("wagtailsnippets_cooperatives_partnershipagreement:list")
    )

    assert cooperatives.status_code == 200
    assert agreements.status_code in {302, 403}
