"""Quality in the portal: a member sees their cooperative's inspections and
the criteria checked, in their language; another cooperative's inspection
answers 404; the surprise plan never shows, not even the lots it drew."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cooperatives.models import CooperativeMembership, today
from shop.services.quality import inspection_plan_draw
from shop.tests.factories import VariantFactory
from shop.tests.quality_factories import GOOD, honey_book, inspect, receive_lot

pytestmark = pytest.mark.django_db


@pytest.fixture
def quality(django_user_model):
    honey_book()
    lots, members = {}, {}
    for name in ("mine", "theirs"):
        variant = VariantFactory(stock=0, sku=f"HON-{name.upper()}")
        lots[name] = receive_lot(variant, f"L-{name.upper()}")
        user = django_user_model.objects.create_user(name, f"{name}@coop.ma", "pw")
        CooperativeMembership.objects.create(
            user=user, cooperative=variant.product.cooperative
        )
        members[name] = user
    inspections = {
        "mine": inspect(lots["mine"], {**GOOD, "Moisture": Decimal("21.5")}),
        "theirs": inspect(lots["theirs"], GOOD),
    }
    return {"lots": lots, "members": members, "inspections": inspections}


def test_a_member_sees_their_inspections_and_criteria_in_arabic(client, quality):
    client.force_login(quality["members"]["mine"])
    mine = quality["inspections"]["mine"]

    listing = client.get("/ar/portal/quality/")
    detail = client.get(f"/ar/portal/quality/{mine.pk}/")

    assert listing.status_code == 200
    html = listing.content.decode()
    assert f'href="/ar/portal/quality/{mine.pk}/' in html
    assert "L-THEIRS" not in html
    assert detail.status_code == 200
    page = detail.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "الرطوبة" in page  # the criterion, in Arabic
    assert "<bdi>21,5 %</bdi>" in page
    assert "غير مطابق" in page  # "Fail"


def test_another_cooperatives_inspection_is_404(client, quality):
    client.force_login(quality["members"]["mine"])
    theirs = quality["inspections"]["theirs"]
    other_slug = quality["lots"]["theirs"].cooperative.slug

    for url in (
        reverse("portal:inspection", args=(theirs.pk,)),
        reverse("portal:inspection_pdf", args=(theirs.pk,)),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.get(reverse("portal:inspections"), {"c": other_slug}).status_code == 404
    )


def test_the_surprise_plan_is_never_shown(client, quality):
    """Drawn lots appear nowhere in the portal before they are inspected."""
    variant = VariantFactory(
        stock=0,
        sku="HON-NEXT",
        product__cooperative=quality["lots"]["mine"].cooperative,
    )
    drawn_lot = receive_lot(variant, "L-DRAWN")
    plan = inspection_plan_draw(month=today(), size=5, seed=731904221)
    assert plan.entries.filter(lot=drawn_lot, rank__isnull=False).exists()
    client.force_login(quality["members"]["mine"])

    pages = [
        client.get(reverse(f"portal:{name}")).content.decode()
        for name in ("dashboard", "stock", "inspections")
    ]

    for page in pages:
        assert str(plan.seed) not in page
    # The stock page lists the lot as any other; the quality page does not
    # name it until it is inspected.
    assert "L-DRAWN" not in pages[2]


def test_the_report_pdf_downloads_for_the_member(client, quality):
    client.force_login(quality["members"]["mine"])
    mine = quality["inspections"]["mine"]

    response = client.get(reverse("portal:inspection_pdf", args=(mine.pk,)))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert f"INS-{mine.pk:06d}.pdf" in response["Content-Disposition"]


def test_the_nav_links_to_quality(client, quality):
    client.force_login(quality["members"]["mine"])

    html = client.get("/fr/portal/").content.decode()

    assert 'href="/fr/portal/quality/?c=' in html
