"""Staff record an inspection criterion by criterion in the admin, with a
lab report attached; bad input comes back next to its field with nothing
written; the report prints as one PDF in the inspector's language and the
cooperative's."""

import io
import re
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from cooperatives.models import CooperativeMembership, today
from shop.models import CriterionResult, Inspection, InspectionPlanEntry, LotStatus
from shop.quality_documents import inspection_report_html, report_languages
from shop.services.quality import inspection_plan_draw
from shop.tests.factories import VariantFactory
from shop.tests.quality_factories import criteria, honey_book, inspect, receive_lot

pytestmark = pytest.mark.django_db
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@pytest.fixture
def lot():
    honey_book()
    return receive_lot(VariantFactory(stock=0, sku="TIF-THYM-250"), "L-ADMIN")


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user(
        "inspector", password="x", first_name="Samira", last_name="Idrissi"
    )
    user.groups.add(Group.objects.get(name="Foundation staff"))
    client.force_login(user)
    return user


def checklist_post(lot, **values):
    by_name = criteria(lot.spec_book)
    data = {
        "token": str(uuid.uuid4()),
        "kind": "routine",
        "body": "onssa",
        "date": today().isoformat(),
        "notes": "",
        f"criterion-{by_name['Moisture'].pk}": "17.1",
        f"criterion-{by_name['HMF'].pk}": "20",
        f"criterion-{by_name['Label conforms'].pk}": "pass",
        f"criterion-{by_name['Colour'].pk}": "",
    }
    for name, value in values.items():
        data[f"criterion-{by_name[name.replace('_', ' ')].pk}"] = value
    return data


def test_staff_record_a_checklist_with_a_lab_report(client, staff, lot):
    url = reverse("shop_lot_checklist", args=(lot.pk,))
    assert client.get(url).status_code == 200
    data = checklist_post(lot, HMF="52")
    moisture = criteria(lot.spec_book)["HMF"]
    data[f"evidence-{moisture.pk}"] = SimpleUploadedFile(
        "hmf.pdf", b"%PDF-1.4 lab report", content_type="application/pdf"
    )

    response = client.post(url, data)
    again = client.post(url, data)  # the same form sent twice

    assert response.status_code == 302 and again.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.result == "fail"
    assert inspection.inspector == staff
    assert inspection.criterion_results.count() == 3  # colour left blank
    hmf = inspection.criterion_results.get(criterion__name_en="HMF")
    assert hmf.evidence.file.read().startswith(b"%PDF")
    # Not served to the public: only the staff group may download it (a
    # private document is answered as one that does not exist).
    client.logout()
    assert client.get(hmf.evidence.url).status_code == 404
    lot.refresh_from_db()
    assert lot.status == LotStatus.ON_HOLD


def test_a_blank_blocking_criterion_comes_back_next_to_its_field(client, staff, lot):
    url = reverse("shop_lot_checklist", args=(lot.pk,))

    response = client.post(url, checklist_post(lot, HMF=""))

    assert response.status_code == 200
    form = response.context["form"]
    field = f"criterion-{criteria(lot.spec_book)['HMF'].pk}"
    assert list(form.errors) == [field]
    assert 'role="alert"' in response.content.decode()
    assert not Inspection.objects.exists()
    assert not CriterionResult.objects.exists()


def test_a_file_that_is_not_a_report_or_photo_is_refused(client, staff, lot):
    url = reverse("shop_lot_checklist", args=(lot.pk,))
    data = checklist_post(lot)
    field = f"evidence-{criteria(lot.spec_book)['Moisture'].pk}"
    data[field] = SimpleUploadedFile("run.exe", b"MZ", content_type="text/plain")

    response = client.post(url, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Inspection.objects.exists()


def test_a_checklist_from_the_plan_is_tied_to_its_entry(client, staff, lot):
    plan = inspection_plan_draw(month=today(), size=1, seed=3)
    entry = plan.entries.get(rank=1)
    url = reverse("shop_lot_checklist", args=(lot.pk,))
    page = client.get(f"{url}?entry={entry.pk}")
    assert page.context["form"].initial["kind"] == "surprise"

    client.post(url, {**checklist_post(lot), "entry": entry.pk, "kind": "surprise"})

    assert InspectionPlanEntry.objects.get(pk=entry.pk).inspection.kind == "surprise"


def test_the_due_list_and_the_plan_pages_open_for_staff(client, staff, lot):
    assert client.get(reverse("shop_routine_due")).status_code == 200
    assert client.get(reverse("shop_inspection_plans")).status_code == 200
    response = client.post(reverse("shop_inspection_plans"), {"size": "0"})
    assert response.status_code == 302
    assert not plan_exists()


def plan_exists():
    from shop.models import InspectionPlan

    return InspectionPlan.objects.exists()


def test_a_cooperative_that_reads_arabic_gets_the_report_in_both_languages(
    django_user_model, lot
):
    member = django_user_model.objects.create_user("coop")
    CooperativeMembership.objects.create(
        user=member, cooperative=lot.cooperative, language="ar"
    )
    inspection = inspect(
        lot,
        {"Moisture": Decimal("19.6"), "HMF": Decimal("12"), "Label conforms": False},
        language="fr",
    )
    assert report_languages(inspection) == ["fr", "ar"]

    html = inspection_report_html(inspection)

    assert '<section class="report" lang="fr" dir="ltr">' in html
    assert '<section class="report" lang="ar" dir="rtl">' in html
    assert "<bdi>\u2068INS-" in html


def test_the_report_pdf_shows_criteria_and_results_in_french_and_arabic(
    client, staff, lot
):
    inspection = inspect(
        lot,
        {
            "Moisture": Decimal("19.6"),
            "HMF": Decimal("12"),
            "Label conforms": False,
            "Colour": Decimal("40"),
        },
        language="fr",
        user=staff,
    )

    response = client.get(reverse("shop_inspection_report", args=(inspection.pk,)))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 2  # French, then Arabic (nobody read yet: Arabic)
    # French: the criteria, their ranges and what was found.
    assert "Humidité" in text and "Réfractomètre" in text
    assert "19,6 %" in text
    assert "L-ADMIN" in text
    # Arabic in logical order, shaped (no presentation forms): the book's
    # criteria in Arabic. (pypdf maps a few shaped glyphs back wrongly, such
    # as the medial qaf: words without them are compared.)
    assert "الرطوبة" in text
    assert "اللون" in text
    assert "هيدروكسي ميثيل" in text
    assert "19,6 %" in text.split("الرطوبة")[1]
    assert not PRESENTATION_FORMS.search(text)


def test_staff_write_specification_books_in_three_languages(client, staff, lot):
    response = client.get(reverse("wagtailsnippets_shop_specbook:add"))

    html = response.content.decode()
    assert response.status_code == 200
    for language in ("ar", "fr", "en"):
        assert f"criteria-__prefix__-name_{language}" in html
        assert f"criteria-__prefix__-method_{language}" in html
    listing = client.get(reverse("wagtailsnippets_shop_lot:list")).content.decode()
    assert reverse("shop_lot_checklist", args=(lot.pk,)) in listing
