"""Specification books and inspection checklists: the version a lot is
judged against, the result the criteria give, the hold a failure puts on the
lot, and the public lot page that shows the last inspection."""

import uuid
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.formats import date_format

from cooperatives.models import today
from shop.models import CriterionResult, Inspection, Lot, LotStatus, Variant
from shop.services.lots import inspection_record, lot_set_status
from shop.services.quality import QualityError, spec_books_link_lots
from shop.tests.factories import VariantFactory
from shop.tests.quality_factories import (
    DAY,
    GOOD,
    criteria,
    honey_book,
    inspect,
    receive_lot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey():
    return VariantFactory(stock=0, sku="TIF-THYM-250")


@pytest.fixture
def book():
    return honey_book()


def test_a_lot_received_gets_the_version_in_force_that_day(honey):
    old = honey_book(version="V1", in_force_from=today() - 300 * DAY)
    new = honey_book(version="V2", in_force_from=today() - 10 * DAY)

    before = receive_lot(honey, "L-OLD", received_on=today() - 11 * DAY)
    on_the_day = receive_lot(honey, "L-DAY", received_on=today() - 10 * DAY)
    after = receive_lot(honey, "L-NEW", received_on=today())

    assert before.spec_book == old
    assert on_the_day.spec_book == new
    assert after.spec_book == new


def test_a_lot_received_again_keeps_its_first_version(honey):
    first = honey_book(version="V1", in_force_from=today() - 300 * DAY)
    receive_lot(honey, "L-1", received_on=today() - 20 * DAY)
    honey_book(version="V2", in_force_from=today() - 5 * DAY)

    again = receive_lot(honey, "L-1", received_on=today())

    assert again.spec_book == first
    assert again.received == 20


def test_lots_received_before_any_book_are_linked_when_it_is_written(honey):
    lot = receive_lot(honey, "L-EARLY", received_on=today() - 30 * DAY)
    assert lot.spec_book is None
    book = honey_book(in_force_from=today() - 60 * DAY)

    assert spec_books_link_lots(category_id=book.category_id) == 1
    lot.refresh_from_db()
    assert lot.spec_book == book


def test_a_blocking_criterion_out_of_range_fails_and_holds_the_lot(honey, book):
    lot = receive_lot(honey, "L-WET")

    inspection = inspect(lot, {**GOOD, "Moisture": Decimal("19.4")})

    assert inspection.result == "fail"
    lot.refresh_from_db()
    assert lot.status == LotStatus.ON_HOLD
    assert Variant.objects.get(pk=honey.pk).stock == 0  # held: not for sale
    moisture = inspection.criterion_results.get(criterion__name_en="Moisture")
    assert (moisture.measured, moisture.conforms) == (Decimal("19.400"), False)


def test_a_non_blocking_criterion_out_of_range_only_adds_observations(honey, book):
    lot = receive_lot(honey, "L-DARK")

    inspection = inspect(
        lot, {**GOOD, "Colour": Decimal("120"), "Label conforms": False}
    )

    assert inspection.result == "observations"
    lot.refresh_from_db()
    assert lot.status == LotStatus.RELEASED
    assert Variant.objects.get(pk=honey.pk).stock == 10


def test_every_criterion_within_range_passes(honey, book):
    lot = receive_lot(honey, "L-OK")

    inspection = inspect(lot, GOOD)

    assert inspection.result == "pass"
    assert inspection.spec_book == book
    assert inspection.criterion_results.count() == 4
    assert all(row.conforms for row in inspection.criterion_results.all())


def test_a_range_bound_is_inclusive(honey, book):
    lot = receive_lot(honey, "L-EDGE")

    assert inspect(lot, {**GOOD, "Moisture": Decimal("18.5")}).result == "pass"


def test_the_result_typed_in_the_admin_is_replaced_by_the_criteria(honey, book):
    lot = receive_lot(honey, "L-TYPED")
    inspection = inspect(lot, {**GOOD, "HMF": Decimal("55")})
    lot_id = lot.pk
    lot_set_status(lot_id=lot_id, status=LotStatus.RELEASED)  # staff released it

    inspection.result = "pass"  # as an edit form would post it
    inspection_record(inspection=inspection)

    inspection.refresh_from_db()
    assert inspection.result == "fail"
    assert Lot.objects.get(pk=lot_id).status == LotStatus.ON_HOLD


def test_a_missing_blocking_criterion_is_refused_and_nothing_is_written(honey, book):
    lot = receive_lot(honey, "L-PART")
    hmf = criteria(book)["HMF"]

    with pytest.raises(QualityError) as refused:
        inspect(lot, {"Moisture": Decimal("17"), "Label conforms": True})

    assert f"criterion-{hmf.pk}" in refused.value.errors
    assert not Inspection.objects.exists()
    assert not CriterionResult.objects.exists()


def test_a_measured_criterion_given_as_a_check_is_refused(honey, book):
    lot = receive_lot(honey, "L-KIND")

    with pytest.raises(QualityError):
        inspect(lot, {**GOOD, "Moisture": True})
    assert not Inspection.objects.exists()


def test_a_criterion_of_another_book_is_refused(honey, book):
    lot = receive_lot(honey, "L-OTHER")
    other = honey_book(version="OTHER", in_force_from=today() - 500 * DAY)
    from shop.services.quality import CriterionInput, inspection_checklist_record

    with pytest.raises(QualityError):
        inspection_checklist_record(
            lot_id=lot.pk,
            kind="routine",
            body="foundation",
            day=today(),
            results=[
                CriterionInput(criterion_id=c.pk, measured=Decimal("1"))
                for c in other.criteria.all()
            ],
            form_token=uuid.uuid4(),
        )
    assert not Inspection.objects.exists()


def test_a_future_date_is_refused(honey, book):
    lot = receive_lot(honey, "L-FUT")

    with pytest.raises(QualityError) as refused:
        inspect(lot, GOOD, day=today() + DAY)
    assert "date" in refused.value.errors


def test_the_same_form_sent_twice_records_once(honey, book):
    lot = receive_lot(honey, "L-TWICE")
    token = uuid.uuid4()

    first = inspect(lot, {**GOOD, "Moisture": Decimal("20")}, token=token)
    second = inspect(lot, GOOD, token=token)

    assert second.pk == first.pk
    assert Inspection.objects.count() == 1
    assert CriterionResult.objects.count() == 4
    assert Inspection.objects.get().result == "fail"


def test_a_lot_without_a_book_cannot_be_checklisted(honey):
    lot = receive_lot(honey, "L-NOBOOK")
    with pytest.raises(QualityError):
        from shop.services.quality import inspection_checklist_record

        inspection_checklist_record(
            lot_id=lot.pk,
            kind="routine",
            body="foundation",
            day=today(),
            results=[],
            form_token=uuid.uuid4(),
        )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Dernière inspection", "Non conforme")),
        ("en", ("Last inspection", "Fail")),
        ("ar", ("آخر تفتيش", "غير مطابق")),
    ],
)
def test_the_public_lot_page_shows_the_last_inspection(
    client, honey, book, language, words
):
    lot = receive_lot(honey, "L-PUB")
    inspect(lot, GOOD, day=today() - 20 * DAY)
    inspect(lot, {**GOOD, "HMF": Decimal("80")}, day=today() - 2 * DAY)

    response = client.get(f"/{language}/lot/{lot.public_code}/")

    html = response.content.decode()
    assert response.status_code == 200
    for word in words:
        assert word in html
    with translation.override(language):
        assert date_format(today() - 2 * DAY, "DATE_FORMAT") in html


def test_the_cached_lot_page_changes_when_an_inspection_is_recorded(
    client, honey, book, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    lot = receive_lot(honey, "L-CACHE")
    url = f"/en/lot/{lot.public_code}/"
    first = client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "not been inspected" in first.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        inspect(lot, GOOD, day=today())

    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Last inspection" in fresh.content.decode()


def test_the_migration_turns_version_texts_into_books(honey):
    """Lots received before the books existed named their version as text:
    migration 0024 makes a book of each (in force from the first day a lot
    of it arrived) and ties the lots to it."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("shop.migrations.0024_quality")
    early = receive_lot(honey, "L-A", received_on=today() - 90 * DAY)
    late = receive_lot(honey, "L-B", received_on=today() - 10 * DAY)
    plain = receive_lot(honey, "L-C")
    Lot.objects.filter(pk__in=[early.pk, late.pk]).update(spec_book_version="CDC-19")

    migration.books_from_versions(apps, None)

    early.refresh_from_db()
    late.refresh_from_db()
    plain.refresh_from_db()
    assert early.spec_book == late.spec_book
    assert early.spec_book.version == "CDC-19"
    assert early.spec_book.in_force_from == today() - 90 * DAY
    assert plain.spec_book is None
