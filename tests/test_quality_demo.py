"""The demo's quality plan: a specification book per category, with its
criteria in three languages; checklist inspections of demo lots; this
month's surprise plan; the same after a second run."""

import pytest
from django.core.management import call_command

from cooperatives.models import ProductCategory
from shop.models import (
    CriterionResult,
    Inspection,
    InspectionPlan,
    Lot,
    SpecBook,
    SpecCriterion,
)
from shop.services.quality import inspection_plan_replay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def counts() -> dict:
    return {
        "books": SpecBook.objects.count(),
        "criteria": SpecCriterion.objects.count(),
        "inspections": Inspection.objects.count(),
        "results": CriterionResult.objects.count(),
        "plans": InspectionPlan.objects.count(),
    }


def test_the_demo_has_books_checklists_and_a_plan():
    call_command("load_demo", "--without-season")
    first = counts()
    call_command("load_demo", "--without-season")

    assert counts() == first
    assert set(SpecBook.objects.values_list("category__slug", flat=True)) == set(
        ProductCategory.objects.values_list("slug", flat=True)
    )
    for criterion in SpecCriterion.objects.all():
        assert criterion.name_ar and criterion.name_fr and criterion.name_en
    assert not Lot.objects.filter(spec_book=None).exists()
    checklists = Inspection.objects.exclude(spec_book=None)
    assert checklists.count() >= 3
    assert {i.result for i in checklists} == {"pass", "observations"}
    assert first["results"] > 3 * checklists.count()
    audit = inspection_plan_replay(InspectionPlan.objects.get())
    assert audit["weights_match"] and audit["draw_matches"]
