from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from shop.models import DeliveryMethod, PooledCost, Product, Variant, VatRate


@register(Product)
class ProductTR(TranslationOptions):
    fields = ("name", "description")


@register(Variant)
class VariantTR(TranslationOptions):
    fields = ("label",)


@register(VatRate)
class VatRateTR(TranslationOptions):
    fields = ("name",)


@register(DeliveryMethod)
class DeliveryMethodTR(TranslationOptions):
    fields = ("name", "description")


@register(PooledCost)
class PooledCostTR(TranslationOptions):
    # Shown to every cooperative that shares the cost, in its language.
    fields = ("label",)
