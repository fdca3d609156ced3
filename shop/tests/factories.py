import datetime

import factory
from django.utils import timezone

from cooperatives.models import ProductCategory, today
from cooperatives.tests.factories import AgreementFactory, CooperativeFactory
from shop.models import DeliveryMethod, DiscountCode, Product, Variant, VatRate


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True  # the hook saves what it makes

    cooperative = factory.SubFactory(CooperativeFactory)
    name = factory.Sequence(lambda n: f"Miel {n}")
    name_fr = factory.LazyAttribute(lambda o: o.name)
    name_ar = factory.Sequence(lambda n: f"عسل {n}")
    name_en = factory.Sequence(lambda n: f"Honey {n}")
    description_fr = "Miel de thym."
    category = factory.LazyFunction(lambda: ProductCategory.objects.get(slug="honey"))
    vat_rate = factory.LazyFunction(lambda: VatRate.objects.get(code="standard"))

    @factory.post_generation
    def agreement(product, create, extracted, **kwargs):
        """A product is sold only under an agreement in force: give its
        cooperative an old open-ended one unless it has any (an agreement a
        test makes later starts later, so it is the one in force)."""
        if create and extracted is not False:
            cooperative = product.cooperative
            if not cooperative.agreements.exists():
                AgreementFactory(
                    cooperative=cooperative,
                    reference=f"AUTO-{cooperative.pk}",
                    signed_on=today() - datetime.timedelta(days=3000),
                    valid_until=None,
                )


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    label = "250 g"
    label_fr = "250 g"
    label_ar = "250 غ"
    label_en = "250 g"
    price = 12000
    weight_grams = 400
    stock = 10


class DeliveryMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryMethod

    name = "Maroc"
    name_fr = "Livraison au Maroc"
    name_ar = "التوصيل داخل المغرب"
    name_en = "Delivery in Morocco"
    zone = "morocco"
    price = 3500
    free_above = None


class DiscountCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscountCode

    code = factory.Sequence(lambda n: f"CODE{n}")
    kind = "percent"
    value = 1000
    valid_from = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    valid_until = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
