import datetime

import pytest
from django.core.exceptions import ValidationError

from cooperatives.models import Certification, PartnershipAgreement, today
from cooperatives.tests.factories import (
    AgreementFactory,
    CertificationFactory,
    CooperativeFactory,
    valid_rib,
)
from cooperatives.validators import validate_ice, validate_rib

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("value", ["001234567000089", "001 234 567 000 089"])
def test_ice_accepts_fifteen_digits(value):
    validate_ice(value)


@pytest.mark.parametrize(
    "value", ["", "00123456700008", "0012345670000891", "00123456700008A"]
)
def test_ice_rejects_anything_else(value):
    with pytest.raises(ValidationError) as error:
        validate_ice(value)
    assert error.value.code == "invalid_ice"


def test_rib_accepts_a_valid_key():
    validate_rib(valid_rib(123456))
    rib = valid_rib(42)
    validate_rib(f"{rib[:3]} {rib[3:6]} {rib[6:22]} {rib[22:]}")


def test_rib_rejects_a_wrong_key():
    rib = valid_rib(123456)
    wrong = rib[:22] + f"{(int(rib[22:]) + 1) % 100:02d}"
    with pytest.raises(ValidationError) as error:
        validate_rib(wrong)
    assert error.value.code == "invalid_rib_key"


@pytest.mark.parametrize("value", ["0117800000000001234567", "A" * 24, "1" * 25])
def test_rib_rejects_wrong_length_or_letters(value):
    with pytest.raises(ValidationError) as error:
        validate_rib(value)
    assert error.value.code == "invalid_rib"


def test_cooperative_form_errors_name_the_field():
    cooperative = CooperativeFactory.build(ice="123", rib="1" * 24)
    with pytest.raises(ValidationError) as error:
        cooperative.full_clean(exclude=["province", "logo"])
    assert {"ice", "rib"} <= set(error.value.message_dict)


class TestOneAgreementInForcePerDay:
    def test_overlapping_agreement_is_refused(self):
        first = AgreementFactory(
            valid_from=today() - 10 * DAY, valid_until=today() + 100 * DAY
        )
        second = AgreementFactory.build(
            cooperative=first.cooperative,
            signed_on=today() + 50 * DAY,
            valid_from=today() + 100 * DAY,
            valid_until=None,
        )
        with pytest.raises(ValidationError) as error:
            second.full_clean()
        assert first.reference in str(error.value)

    def test_an_open_ended_agreement_blocks_later_ones(self):
        first = AgreementFactory(valid_from=today() - 10 * DAY, valid_until=None)
        later = AgreementFactory.build(
            cooperative=first.cooperative,
            signed_on=today() + 400 * DAY,
            valid_from=today() + 400 * DAY,
            valid_until=today() + 800 * DAY,
        )
        with pytest.raises(ValidationError):
            later.full_clean()

    def test_consecutive_agreements_are_fine(self):
        first = AgreementFactory(
            valid_from=today() - 10 * DAY, valid_until=today() + 100 * DAY
        )
        second = AgreementFactory.build(
            cooperative=first.cooperative,
            signed_on=today(),
            valid_from=today() + 101 * DAY,
            valid_until=None,
        )
        second.full_clean()
        second.save()
        assert first.cooperative.agreement_on(today() + 100 * DAY) == first
        assert first.cooperative.agreement_on(today() + 101 * DAY) == second
        assert first.cooperative.agreement_on(today() - 11 * DAY) is None

    def test_other_cooperatives_do_not_clash(self):
        first = AgreementFactory()
        other = AgreementFactory.build(
            cooperative=CooperativeFactory(),
            signed_on=first.signed_on,
            valid_from=first.valid_from,
            valid_until=first.valid_until,
        )
        other.full_clean()

    def test_end_before_start_is_refused(self):
        agreement = AgreementFactory.build(
            cooperative=CooperativeFactory(),
            signed_on=today(),
            valid_from=today(),
            valid_until=today() - DAY,
        )
        with pytest.raises(ValidationError) as error:
            agreement.full_clean()
        assert "valid_until" in error.value.message_dict

    def test_commission_and_delay_per_channel(self):
        agreement = AgreementFactory(commission_fair_bp=1234, delay_fair_days=3)
        assert agreement.commission_bp("fair") == 1234
        assert agreement.settlement_delay_days("fair") == 3
        with pytest.raises(ValueError):
            agreement.commission_bp("barter")
        assert PartnershipAgreement.objects.in_force_on(today()).count() == 1


class TestCertificationValidity:
    def test_valid_only_between_its_dates(self):
        cert = CertificationFactory(
            valid_from=today() - 10 * DAY, valid_until=today() + 10 * DAY
        )
        assert cert.is_valid_today
        assert cert.is_valid_on(today() + 10 * DAY)
        assert not cert.is_valid_on(today() + 11 * DAY)
        assert not cert.is_valid_on(today() - 11 * DAY)

    def test_queryset_keeps_only_valid_today(self):
        valid = CertificationFactory()
        CertificationFactory(
            valid_from=today() - 400 * DAY, valid_until=today() - DAY
        )  # expired yesterday
        CertificationFactory(
            valid_from=today() + DAY, valid_until=today() + 400 * DAY
        )  # not yet
        assert list(Certification.objects.valid_today()) == [valid]

    def test_expiring_within_includes_expired_and_soon(self):
        expired = CertificationFactory(
            valid_from=today() - 400 * DAY, valid_until=today() - 5 * DAY
        )
        soon = CertificationFactory(valid_until=today() + 60 * DAY)
        CertificationFactory(valid_until=today() + 61 * DAY)
        assert list(Certification.objects.expiring_within(60)) == [expired, soon]
