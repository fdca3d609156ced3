from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cooperatives.models import (
    Cooperative,
    CoverageScheme,
    ProductCategory,
    Province,
)


@register(Province)
class ProvinceTR(TranslationOptions):
    fields = ("name",)


@register(ProductCategory)
class ProductCategoryTR(TranslationOptions):
    fields = ("name",)


@register(Cooperative)
class CooperativeTR(TranslationOptions):
    fields = ("name", "summary", "commune")


@register(CoverageScheme)
class CoverageSchemeTR(TranslationOptions):
    fields = ("name",)
