from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cooperatives.models import Cooperative, ProductCategory, Province


@register(Province)
class ProvinceTR(TranslationOptions):
    fields = ("name",)


@register(ProductCategory)
class ProductCategoryTR(TranslationOptions):
    fields = ("name",)


@register(Cooperative)
class CooperativeTR(TranslationOptions):
    fields = ("name", "summary", "commune")
