from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cms.models import HomePage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("hero_heading", "hero_text")
