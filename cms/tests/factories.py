import datetime

import factory
import wagtail_factories

from cms.models import (
    CooperativeIndexPage,
    CooperativePage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from cooperatives.tests.factories import CooperativeFactory

LANGUAGES = ("ar", "fr", "en")


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Pages with a title and a slug in each language."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    title_ar = factory.LazyAttribute(lambda o: f"صفحة {o.title}")
    title_fr = factory.LazyAttribute(lambda o: f"{o.title} FR")
    title_en = factory.LazyAttribute(lambda o: f"{o.title} EN")
    slug = factory.Sequence(lambda n: f"page-{n}")
    slug_ar = factory.LazyAttribute(lambda o: f"{o.slug}-ar")
    slug_fr = factory.LazyAttribute(lambda o: f"{o.slug}-fr")
    slug_en = factory.LazyAttribute(lambda o: f"{o.slug}-en")


class CooperativeIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = CooperativeIndexPage

    title = "Cooperatives"
    title_ar = "التعاونيات"
    title_fr = "Coopératives"
    title_en = "Cooperatives"
    slug = "cooperatives"
    slug_ar = "altaawuniyat"
    slug_fr = "cooperatives"
    slug_en = "cooperatives"


class CooperativePageFactory(TranslatedPageFactory):
    class Meta:
        model = CooperativePage

    cooperative = factory.SubFactory(CooperativeFactory)
    title = factory.LazyAttribute(lambda o: o.cooperative.name_fr)
    title_ar = factory.LazyAttribute(lambda o: o.cooperative.name_ar)
    title_fr = factory.LazyAttribute(lambda o: o.cooperative.name_fr)
    title_en = factory.LazyAttribute(lambda o: o.cooperative.name_en)
    slug = factory.LazyAttribute(lambda o: o.cooperative.slug)


class StoryIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Stories"
    slug = "stories"


class StoryPageFactory(TranslatedPageFactory):
    class Meta:
        model = StoryPage

    date = factory.LazyFunction(datetime.date.today)
    intro_ar = "افتتاح متجر تضامني"
    intro_fr = "Ouverture d'une boutique solidaire"
    intro_en = "A solidarity store opens"


class StandardPageFactory(TranslatedPageFactory):
    class Meta:
        model = StandardPage

    intro_fr = "Qui sommes-nous"
