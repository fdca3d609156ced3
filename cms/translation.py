from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cms.models import (
    CooperativeGalleryImage,
    CooperativeIndexPage,
    CooperativePage,
    HomePage,
    ProductGalleryImage,
    ProductIndexPage,
    ProductPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("hero_heading", "hero_text")


@register(CooperativeIndexPage)
class CooperativeIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(CooperativePage)
class CooperativePageTR(TranslationOptions):
    fields = ("story",)


@register(CooperativeGalleryImage)
class CooperativeGalleryImageTR(TranslationOptions):
    fields = ("caption",)


@register(StoryIndexPage)
class StoryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(StoryPage)
class StoryPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ProductIndexPage)
class ProductIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProductPage)
class ProductPageTR(TranslationOptions):
    fields = ("story", "how_to_use")


@register(ProductGalleryImage)
class ProductGalleryImageTR(TranslationOptions):
    fields = ("caption",)
