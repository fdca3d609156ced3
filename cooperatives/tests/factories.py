import datetime

import factory

from cooperatives.models import (
    Certification,
    Cooperative,
    PartnershipAgreement,
    Province,
    today,
)
from cooperatives.validators import rib_key


def in_three_languages(field: str, value: str) -> dict:
    return {f"{field}_{code}": f"{value} ({code})" for code in ("ar", "fr", "en")}


def valid_rib(account: int) -> str:
    first_22 = f"011780{account:016d}"
    return first_22 + rib_key(first_22)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"province-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    name_ar = factory.LazyAttribute(lambda o: f"إقليم {o.slug}")
    name_fr = factory.LazyAttribute(lambda o: o.slug.title())
    name_en = factory.LazyAttribute(lambda o: o.slug.title())


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    slug = factory.Sequence(lambda n: f"cooperative-{n}")
    name = factory.LazyAttribute(lambda o: f"Coopérative {o.slug}")
    name_fr = factory.LazyAttribute(lambda o: f"Coopérative {o.slug}")
    name_ar = factory.LazyAttribute(lambda o: f"تعاونية {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"{o.slug} Cooperative")
    commune = "Demnate"
    commune_fr = "Demnate"
    commune_ar = "دمنات"
    commune_en = "Demnate"
    summary_fr = "Miel de thym des montagnes."
    summary_ar = "عسل الزعتر الجبلي."
    summary_en = "Mountain thyme honey."
    registration_number = factory.Sequence(lambda n: f"AZ-2012-{n:03d}")
    ice = factory.Sequence(lambda n: f"{n:015d}")
    rib = factory.Sequence(valid_rib)
    province = factory.SubFactory(ProvinceFactory, slug="azilal")
    year_founded = 2012


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipAgreement

    cooperative = factory.SubFactory(CooperativeFactory)
    reference = factory.Sequence(lambda n: f"CONV-{n:04d}")
    signed_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=400))
    valid_from = factory.LazyAttribute(lambda o: o.signed_on)
    valid_until = factory.LazyAttribute(
        lambda o: o.valid_from + datetime.timedelta(days=1095)
    )
    commission_online_bp = 1800
    commission_store_bp = 1500
    commission_fair_bp = 1200
    commission_wholesale_bp = 1000
    commission_export_bp = 1000


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    cooperative = factory.SubFactory(CooperativeFactory)
    kind = "organic"
    issuer = "Ecocert"
    number = factory.Sequence(lambda n: f"MA-BIO-{n:05d}")
    valid_from = factory.LazyFunction(lambda: today() - datetime.timedelta(days=100))
    valid_until = factory.LazyFunction(lambda: today() + datetime.timedelta(days=300))
