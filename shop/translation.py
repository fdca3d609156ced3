from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from shop.models import DeliveryMethod, PooledCost, Product, Variant, VatRate
from shop.models.purchasing import PurchaseItem, PurchasingRound
from shop.models.quality import SpecCriterion


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


@register(SpecCriterion)
class SpecCriterionTR(TranslationOptions):
    # Read by inspectors and cooperatives, each in their own language.
    fields = ("name", "method")


@register(PurchasingRound)
class PurchasingRoundTR(TranslationOptions):
    # Named in every cooperative's portal and deduction, in its language.
    fields = ("name",)


@register(PurchaseItem)
class PurchaseItemTR(TranslationOptions):
    fields = ("name",)
