import datetime

import factory

from cooperatives.coverage import (
    ConsentMethod,
    CoverageKind,
    CoverageScheme,
    Enrolment,
    Member,
    Sex,
)
from cooperatives.models import today
from cooperatives.tests.factories import CooperativeFactory


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    cooperative = factory.SubFactory(CooperativeFactory)
    name = factory.Sequence(lambda n: f"Itto Oubaha-{n}")
    sex = Sex.FEMALE
    birth_year = 1980
    joined_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=400))
    consent_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=400))
    consent_method = ConsentMethod.SIGNED_FORM


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoverageScheme

    name = "Contrat groupe"
    name_fr = "Contrat groupe"
    name_ar = "عقد جماعي"
    name_en = "Group policy"
    kind = CoverageKind.GROUP_POLICY
    monthly_contribution = 8000
    requires_national_id = False


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    member = factory.SubFactory(MemberFactory)
    scheme = factory.SubFactory(SchemeFactory)
    starts_on = factory.LazyFunction(lambda: today().replace(day=1))
