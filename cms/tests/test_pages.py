from django.utils import translation
from wagtail.models import Page, Site

from cms.models import (
    CooperativeIndexPage,
    CooperativePage,
    HomePage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from cms.tests.base import TranslatedPageTestCase
from cms.tests.factories import (
    CooperativeIndexPageFactory,
    CooperativePageFactory,
    StandardPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from cooperatives.tests.factories import CertificationFactory

LANGUAGES = ("ar", "fr", "en")


class PageTreeRulesTests(TranslatedPageTestCase):
    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_index_pages_only_under_home(self):
        self.assertAllowedParentPageTypes(CooperativeIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})

    def test_cooperative_pages_only_under_their_index(self):
        self.assertAllowedParentPageTypes(CooperativePage, {CooperativeIndexPage})
        self.assertAllowedSubpageTypes(CooperativeIndexPage, {CooperativePage})
        self.assertAllowedSubpageTypes(CooperativePage, set())

    def test_story_pages_only_under_their_index(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_standard_pages_under_home_or_standard(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_cannot_create_a_cooperative_page_under_home(self):
        self.assertCanNotCreateAt(HomePage, CooperativePage)
        self.assertCanNotCreateAt(StoryIndexPage, CooperativePage)
        self.assertCanCreateAt(CooperativeIndexPage, CooperativePage)


class PagesRenderInEachLanguageTests(TranslatedPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Site.objects.get(is_default_site=True).root_page.specific
        cls.cooperatives = CooperativeIndexPageFactory(parent=cls.home)
        cls.cooperative_page = CooperativePageFactory(parent=cls.cooperatives)
        CertificationFactory(cooperative=cls.cooperative_page.cooperative)
        cls.stories = StoryIndexPageFactory(parent=cls.home)
        cls.story = StoryPageFactory(
            parent=cls.stories, cooperative=cls.cooperative_page.cooperative
        )
        cls.about = StandardPageFactory(parent=cls.home)

    def all_pages(self):
        return [
            self.home,
            self.cooperatives,
            self.cooperative_page,
            self.stories,
            self.story,
            self.about,
        ]

    def test_every_page_is_routable_and_renderable_in_each_language(self):
        for language in LANGUAGES:
            for page in self.all_pages():
                with (
                    self.subTest(language=language, page=page),
                    translation.override(language),
                ):
                    page.refresh_from_db()
                    self.assertPageIsRoutable(page)
                    self.assertPageIsRenderable(page)

    def test_each_language_has_its_own_slug_in_the_url(self):
        urls = {}
        for language in LANGUAGES:
            with translation.override(language):
                urls[language] = self.cooperative_page.get_url()
        slug = self.cooperative_page.slug_fr.removesuffix("-fr")
        assert urls == {
            "ar": f"/ar/altaawuniyat/{slug}-ar/",
            "fr": f"/fr/cooperatives/{slug}-fr/",
            "en": f"/en/cooperatives/{slug}-en/",
        }
        for language, url in urls.items():
            response = self.client.get(url)
            assert response.status_code == 200, (language, url)
            title = getattr(self.cooperative_page, f"title_{language}")
            assert title in response.content.decode()
