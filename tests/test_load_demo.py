import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.models import CooperativePage, HomePage, StoryPage
from cooperatives.models import Certification, Cooperative, PartnershipAgreement
from shop.models import LedgerEntry, Order, Statement
from storefront.demo import content
from storefront.management.commands.load_demo import (
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def snapshot() -> dict:
    return {
        "users": get_user_model().objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "cooperatives": Cooperative.objects.count(),
        "agreements": PartnershipAgreement.objects.count(),
        "certifications": Certification.objects.count(),
        "orders": Order.objects.count(),
        "ledger": LedgerEntry.objects.count(),
        "statements": Statement.objects.count(),
        "paid_statements": Statement.objects.filter(status="paid").count(),
        "titles": sorted(
            Page.objects.filter(depth__gt=1).values_list(
                "title_ar", "title_fr", "title_en"
            )
        ),
    }


def test_load_demo_twice_gives_the_same_site(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")

    assert snapshot() == first
    # admin, 3 team accounts, 11 portal members, the business client's buyer
    assert first["users"] == 4 + 11 + 1
    assert first["orders"] > 40 and first["statements"] == 33
    assert first["paid_statements"] > 0
    assert first["cooperatives"] == 11
    admin = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
    assert admin.is_superuser and admin.check_password(DEMO_ADMIN_PASSWORD)
    printed = capsys.readouterr().out
    assert f"user: {DEMO_ADMIN_USERNAME}" in printed
    assert f"password: {DEMO_ADMIN_PASSWORD}" in printed


def test_demo_has_eleven_cooperatives_mostly_of_women_with_stories():
    call_command("load_demo", "--without-season")

    cooperatives = list(Cooperative.objects.all())
    women_only = [
        c
        for c in cooperatives
        if c.members.current().exclude(sex="f").count() == 0 and c.members.exists()
    ]
    assert len(cooperatives) == 11
    assert len(women_only) > len(cooperatives) / 2
    assert CooperativePage.objects.live().count() == 11
    assert StoryPage.objects.live().count() == len(content.STORIES)
    for page in CooperativePage.objects.all():
        for language in ("ar", "fr", "en"):
            story = getattr(page, f"story_{language}")
            assert len(story) >= 4, (page, language)
        # Every cooperative has an agreement in force and at least one certification.
        assert page.cooperative.agreement_on(page.cooperative.created_at.date())
        assert page.cooperative.certifications.exists()


def test_demo_certifications_include_one_expired_and_one_expiring_soon():
    call_command("load_demo", "--without-season")

    soon = Certification.objects.expiring_within(31).valid_today()
    expired = Certification.objects.expiring_within(0).exclude(
        pk__in=Certification.objects.valid_today()
    )
    assert soon.count() == 1
    assert expired.count() == 1


def test_demo_home_features_cooperatives_and_shows_impact(client):
    call_command("load_demo", "--without-season")

    response = client.get("/fr/")

    content_html = response.content.decode()
    assert response.status_code == 200
    assert content_html.count('class="card"') == 3 + 3  # featured + latest stories
    home = HomePage.objects.get()
    assert home.featured_cooperatives.count() == 3
    members = sum(c["members"] for c in content.COOPERATIVES)
    assert f"<dd>{members}</dd>" in content_html


def sign_in_to_admin(client):
    """Through the admin's own sign-in form: the demo password must work."""
    response = client.post(
        "/admin/login/",
        {"username": DEMO_ADMIN_USERNAME, "password": DEMO_ADMIN_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:500]


def test_admin_is_served_at_admin(client):
    call_command("load_demo", "--without-season")
    sign_in_to_admin(client)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_editors_see_every_language_of_a_translated_field(client, home_page):
    call_command("load_demo", "--without-season")
    sign_in_to_admin(client)

    response = client.get(f"/admin/pages/{home_page.pk}/edit/")

    content_html = response.content.decode()
    for language in ("ar", "fr", "en"):
        assert f'name="title_{language}"' in content_html
        assert f'name="hero_heading_{language}"' in content_html


def test_snippet_listing_searches_in_every_language(client):
    call_command("load_demo", "--without-season")
    sign_in_to_admin(client)
    arabic_name = content.COOPERATIVES[0]["name"]["ar"]

    response = client.get(
        "/admin/snippets/cooperatives/cooperative/", {"q": arabic_name}
    )

    # The admin speaks the editor's language (Arabic by default).
    assert response.status_code == 200
    assert arabic_name in response.content.decode()
    assert content.COOPERATIVES[1]["name"]["ar"] not in response.content.decode()


def test_the_demo_season_reconciles_in_every_month():
    """The season is made through the services, on its own days: every month
    balances, card sales become payable after the agreement's delay, and the
    statements form a chain where only the latest is ever unpaid."""
    import datetime

    from cooperatives.models import today
    from shop.reports import reconciliation

    call_command("load_demo")

    first = LedgerEntry.objects.order_by("occurred_on").first().occurred_on
    month = first.replace(day=1)
    months = 0
    while month <= today():
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        report = reconciliation(start=month, end=following - datetime.timedelta(days=1))
        assert report["balanced"], (month, report["collected"], report["parts"])
        month, months = following, months + 1
    assert months >= 4
    card = LedgerEntry.objects.filter(
        kind="sale", channel="online", order_line__order__payment_method="stripe"
    )
    assert card.exists()
    for entry in card.select_related("order_line__agreement"):
        delay = entry.order_line.agreement.delay_online_days
        assert entry.payable_on == entry.occurred_on + datetime.timedelta(days=delay)
    sessions = Order.objects.filter(channel__in=["store", "fair"])
    assert sessions.exists()
    for order in sessions.select_related("sales_session"):
        assert order.paid_on == order.sales_session.date
    for cooperative in Cooperative.objects.all():
        chain = list(cooperative.statements.order_by("period_end"))
        assert {s.status for s in chain[:-1]} <= {"paid", "carried"}
        assert chain[-1].status == "issued"
