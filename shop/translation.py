from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from shop.models import DeliveryMethod, Product, Variant, VatRate


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
