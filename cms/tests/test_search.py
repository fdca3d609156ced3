"""Site search: Wagtail search over products, cooperatives and stories, in
every language, Arabic and French spelling variants folded (core/search.py,
cms/search.py). Runs on SQLite (FTS5) and, with DATABASE_URL, PostgreSQL."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.models import ProductIndexPage, ProductPage
from cms.tests.factories import (
    CooperativeIndexPageFactory,
    CooperativePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TranslatedPageFactory,
)
from cooperatives.models import ProductCategory
from cooperatives.tests.factories import CooperativeFactory
from core.search import index_text, query_words, words
from shop.tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


class ProductIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProductIndexPage

    title = "Products"
    slug = "products"
    slug_fr = "produits"
    slug_en = "products"
    slug_ar = "muntajat"


class ProductPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProductPage

    product = None


def category(slug):
    return ProductCategory.objects.get(slug=slug)


def add_product(index, *, names, descriptions=None, slug, image=None, **kwargs):
    """A product and its page; `names` and `descriptions` as (ar, fr, en)."""
    descriptions = descriptions or ("", "", "")
    product = ProductFactory(
        name=names[1],
        name_ar=names[0],
        name_fr=names[1],
        name_en=names[2],
        description_ar=descriptions[0],
        description_fr=descriptions[1],
        description_en=descriptions[2],
        **kwargs,
    )
    VariantFactory(product=product, price=8500)
    return ProductPageFactory(
        parent=index,
        product=product,
        title=names[1],
        title_ar=names[0],
        title_fr=names[1],
        title_en=names[2],
        slug=slug,
        image=image,
    )


@pytest.fixture
def site():
    home = Site.objects.get(is_default_site=True).root_page.specific
    products = ProductIndexPageFactory(parent=home)
    cooperatives = CooperativeIndexPageFactory(parent=home)
    stories = StoryIndexPageFactory(parent=home)
    tifawin = CooperativeFactory(
        slug="tifawin",
        name_fr="Coopérative Tifawin",
        name_ar="تعاونية تيفاوين",
        name_en="Tifawin Cooperative",
    )
    argan_makers = CooperativeFactory(
        slug="tamount",
        name_fr="Coopérative Tamount",
        name_ar="تعاونية تامونت",
        name_en="Tamount Cooperative",
        summary_fr="Huile d'argan pressée à froid.",
        summary_ar="زيت أركان معصور على البارد.",
        summary_en="Cold-pressed argan oil.",
    )
    thyme = add_product(
        products,
        names=("عسل الزعتر البري", "Miel de thym sauvage", "Wild thyme honey"),
        slug="thyme-honey",
        cooperative=tifawin,
        category=category("honey"),
    )
    # Harakat, and a hamza on the alef, in what the editor typed.
    jujube = add_product(
        products,
        names=("عَسَلُ السِّدْرِ الأصيل", "Miel de jujubier", "Jujube honey"),
        slug="jujube-honey",
        cooperative=tifawin,
        category=category("honey"),
    )
    argan = add_product(
        products,
        names=("زيت الأركان", "Huile d'argan", "Argan oil"),
        descriptions=("زيت للطبخ.", "Pour la cuisine.", "For cooking."),
        slug="argan-oil",
        cooperative=argan_makers,
        category=category("oils"),
    )
    sweets = add_product(
        products,
        names=("حلوى اللوز المغربية", "Gâteaux aux amandes", "Almond sweets"),
        descriptions=("حلوى تقليدية.", "Pâtisserie.", "Pastry."),
        slug="almond-sweets",
        cooperative=argan_makers,
        category=category("food"),
    )
    story = StoryPageFactory(
        parent=stories,
        title="Harvest",
        title_ar="جني العسل في دمنات",
        title_fr="La récolte du miel à Demnate",
        title_en="The honey harvest in Demnate",
        intro_ar="النساء يجنين العسل.",
        intro_fr="Les femmes récoltent le miel.",
        intro_en="Women gather the honey.",
        slug="harvest",
    )
    return {
        "products": products,
        "cooperative": CooperativePageFactory(
            parent=cooperatives, cooperative=tifawin, slug="tifawin"
        ),
        "argan_cooperative": CooperativePageFactory(
            parent=cooperatives, cooperative=argan_makers, slug="tamount"
        ),
        "thyme": thyme,
        "jujube": jujube,
        "argan": argan,
        "sweets": sweets,
        "story": story,
    }


def found(response, kind="product") -> set:
    assert response.status_code == 200
    return {page.pk for page in response.context["cards"][kind]}


def honey(site) -> set:
    return {site["thyme"].pk, site["jujube"].pk}


class TestNormalisation:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("عَسَلٌ", ["عسل"]),  # harakat
            ("عســـل", ["عسل"]),  # tatweel
            ("العسل", ["عسل"]),  # definite article
            ("بالعسل للعسل والعسل", ["عسل", "عسل", "عسل"]),
            ("أركان إبريق آمنة ٱلله", ["اركان", "ابريق", "امنه", "الله"]),
            ("مدرسة", ["مدرسه"]),  # taa marbuta
            ("حلوى", ["حلوي"]),  # alef maqsura
            ("مسؤول رئيس", ["مسوول", "رييس"]),
            ("أرڭان", ["اركان"]),  # the Moroccan g
            ("١٢٣ غ", ["123", "غ"]),
            ("MIEL Miél Œuf", ["miel", "miel", "oeuf"]),
            ("l'huile d'argan", ["l", "huile", "d", "argan"]),
            ("\x00miel\x00; DROP TABLE--", ["miel", "drop", "table"]),
            ("*** \" ' ( ) : ^", []),
        ],
    )
    def test_words_are_folded(self, text, expected):
        assert words(text) == expected

    def test_index_holds_words_after_a_joined_and(self):
        assert index_text("وعسل الزعتر", "ورد") == "وعسل عسل زعتر ورد"

    def test_query_words_leave_out_stop_and_one_letter_words(self):
        assert query_words("l'huile de l'argan") == ["huile", "argan"]
        assert query_words("de la") == ["de", "la"]  # nothing else left
        assert query_words("miel miel MIEL") == ["miel"]
        assert len(query_words(" ".join(f"w{n}" for n in range(50)))) == 8


class TestFindsProducts:
    @pytest.mark.parametrize("query", ["عسل", "عَسَل", "العسل", "عســل", "ٱلعسل"])
    def test_arabic_word_finds_the_honey_products_on_the_arabic_site(
        self, client, site, query
    ):
        response = client.get("/ar/search/", {"q": query})

        assert found(response) == honey(site)
        content = response.content.decode()
        # Product cards: the name in Arabic, the price, the link.
        assert 'class="card product-card"' in content
        assert "عسل الزعتر البري" in content
        assert 'href="/ar/muntajat/thyme-honey-ar/"' in content
        assert "85,00" in content

    @pytest.mark.parametrize("query", ["miel", "MIEL", "miél", "Miel "])
    def test_french_word_finds_them_on_the_french_site(self, client, site, query):
        response = client.get("/fr/search/", {"q": query})

        assert found(response) == honey(site)
        assert "Miel de thym sauvage" in response.content.decode()

    def test_english_word_finds_them_on_the_arabic_site(self, client, site):
        response = client.get("/ar/search/", {"q": "honey"})

        assert found(response) == honey(site)
        assert "عسل الزعتر البري" in response.content.decode()

    @pytest.mark.parametrize(
        ("query", "product"),
        [
            ("اركان", "argan"),  # the name has أ
            ("الأركان", "argan"),
            ("أرڭان", "argan"),
            ("argane", None),  # another word: no stemming
            ("Argan", "argan"),
            ("حلوي", "sweets"),  # the name has ى
            ("gateaux amandes", "sweets"),
            ("huile de argan", "argan"),
            ("السدر", "jujube"),  # the name has harakat
        ],
    )
    def test_spelling_variants(self, client, site, query, product):
        response = client.get("/fr/search/", {"q": query})

        assert found(response) == ({site[product].pk} if product else set())

    def test_every_word_must_match(self, client, site):
        response = client.get("/en/search/", {"q": "honey thyme"})

        assert found(response) == {site["thyme"].pk}

    def test_products_named_after_the_query_come_first(self, client, site):
        # The argan cooperative's sweets mention honey in their description.
        sweets = site["sweets"].product
        sweets.description_en = "Almonds, argan oil and honey."
        sweets.save()

        response = client.get("/en/search/", {"q": "honey"})

        pages = [page.pk for page in response.context["cards"]["product"]]
        assert set(pages[:2]) == honey(site)
        assert pages[2] == site["sweets"].pk

    def test_cooperatives_and_stories_are_found_too(self, client, site):
        response = client.get("/fr/search/", {"q": "tifawin"})

        assert found(response, "cooperative") == {site["cooperative"].pk}
        # A product is found by its cooperative's name.
        assert found(response) == honey(site)
        story = client.get("/ar/search/", {"q": "harvest"})
        assert found(story, "story") == {site["story"].pk}
        assert 'href="/ar/stories-ar/harvest-ar/"' in story.content.decode()

    def test_sections_and_kinds(self, client, site):
        response = client.get("/fr/search/", {"q": "miel"})

        content = response.content.decode()
        assert response.context["total"] == 4  # 2 products, Tifawin, the story
        assert '<h2 id="found-products">Produits</h2>' in content
        assert '<h2 id="found-cooperatives">Coopératives</h2>' in content
        assert '<h2 id="found-stories">Histoires</h2>' in content
        assert 'href="?q=miel&amp;kind=story"' in content
        stories = client.get("/fr/search/", {"q": "miel", "kind": "story"})
        assert found(stories, "story") == {site["story"].pk}
        assert found(stories) == set()
        unknown = client.get("/fr/search/", {"q": "miel", "kind": "<script>"})
        assert found(unknown) == honey(site)

    def test_unpublished_and_inactive_are_not_found(self, client, site):
        site["thyme"].unpublish()
        jujube = site["jujube"].product
        jujube.is_active = False
        jujube.save()
        site["story"].unpublish()

        response = client.get("/fr/search/", {"q": "miel"})

        assert found(response) == set()
        assert found(response, "story") == set()
        assert found(response, "cooperative") == {site["cooperative"].pk}


class TestIndexKeptCurrent:
    def test_a_renamed_product_is_found_by_its_new_name(self, client, site):
        product = site["argan"].product
        product.name_fr = "Huile d'amande"
        product.save()

        assert found(client.get("/fr/search/", {"q": "amande"})) == {site["argan"].pk}

    def test_a_renamed_cooperative_is_found_by_its_new_name(self, client, site):
        cooperative = site["cooperative"].cooperative
        cooperative.name_en = "Bees of Demnate"
        cooperative.save()

        response = client.get("/en/search/", {"q": "bees"})

        assert found(response, "cooperative") == {site["cooperative"].pk}
        assert found(response) == honey(site)

    def test_a_new_category_of_a_cooperative_is_found(self, client, site):
        site["argan_cooperative"].cooperative.categories.add(category("crafts"))

        response = client.get("/fr/search/", {"q": "artisanat"})

        assert found(response, "cooperative") == {site["argan_cooperative"].pk}

    def test_a_published_product_is_found(self, client, site):
        page = add_product(
            site["products"],
            names=("عسل الربيع", "Miel de printemps", "Spring honey"),
            slug="spring-honey",
            category=category("honey"),
        )

        assert page.pk in found(client.get("/ar/search/", {"q": "ربيع"}))


class TestBadInput:
    def test_overlong_query_gets_a_clear_message(self, client, site):
        response = client.get("/en/search/", {"q": "miel " * 50})

        assert response.status_code == 200
        assert "at most 100 characters" in response.content.decode()
        assert response.context["results"] is None

    @pytest.mark.parametrize("query", ["***", "  ", "?!", "'", "a", "« »"])
    def test_no_word_gets_a_clear_message(self, client, site, query):
        response = client.get("/fr/search/", {"q": query})

        assert response.status_code == 200
        if query.strip():
            assert "Tapez un mot de deux lettres ou plus." in (
                response.content.decode()
            )

    @pytest.mark.parametrize(
        "query",
        [
            "miel\x00",
            "\x00",
            "'; DROP TABLE cms_productpage; --",
            "miel' OR '1'='1",
            '"miel',
            'miel" OR "x',
            "NEAR(miel thym)",
            "miel*",
            "-miel",
            "title:miel",
            "{body}: miel",
            "miel & thym | !x",
            "miel:*",
            "%_%",
            "\\",
            "ٍّ",  # harakat alone
        ],
    )
    def test_hostile_queries_never_fail(self, client, site, query):
        response = client.get("/fr/search/", {"q": query})

        # A NUL byte may be refused as a bad request; nothing answers 500.
        assert response.status_code in (200, 400)
        # Nothing was dropped: the products are still found.
        assert found(client.get("/fr/search/", {"q": "miel"})) == honey(site)

    def test_nul_bytes_never_reach_the_database(self, rf, site):
        """Past the middleware that may refuse them: the view itself."""
        from django.utils import translation

        from cms.views import search

        request = rf.get(
            "/fr/search/", {"q": "miel\x00", "page": "\x00", "kind": "\x00"}
        )
        with translation.override("fr"):
            response = search(request)

        assert response.status_code == 200
        assert "Miel de thym sauvage" in response.content.decode()

    @pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e9", "\x00"])
    def test_odd_page_numbers(self, client, site, page):
        response = client.get("/fr/search/", {"q": "miel", "page": page})

        assert response.status_code in (200, 400)


class TestEmptyState:
    @pytest.mark.parametrize(
        ("language", "nothing", "suggestion", "catalogue"),
        [
            ("ar", "لم يتم العثور", "جرّب كتابة أخرى", "/ar/muntajat/?category=honey"),
            (
                "fr",
                "Aucun résultat",
                "Essayez une autre",
                "/fr/produits/?category=honey",
            ),
            ("en", "Nothing found", "Try another", "/en/products/?category=honey"),
        ],
    )
    def test_nothing_found_suggests_somewhere_to_go(
        self, client, site, language, nothing, suggestion, catalogue
    ):
        response = client.get(f"/{language}/search/", {"q": "zzzz"})

        content = response.content.decode()
        assert response.status_code == 200
        assert nothing in content
        assert suggestion in content
        assert f'href="{catalogue}"' in content

    def test_empty_query_shows_the_form_only(self, client, site):
        response = client.get("/fr/search/")

        content = response.content.decode()
        assert 'name="q"' in content
        assert "Aucun résultat" not in content
        assert response.context["results"] is None


class TestPagesAndQueries:
    @pytest.fixture
    def many(self, site, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        image = wagtail_factories.ImageFactory()
        for page in (site["thyme"], site["jujube"], site["cooperative"]):
            page.image = image
            page.save_revision().publish()

        def grow(count):
            for _ in range(count):
                number = ProductPage.objects.count()
                add_product(
                    site["products"],
                    names=(f"عسل {number}", f"Miel {number}", f"Honey {number}"),
                    slug=f"honey-{number}",
                    category=category("honey"),
                    image=wagtail_factories.ImageFactory(),
                )
                cooperative = CooperativeFactory(summary_fr="Du miel.")
                CooperativePageFactory(
                    parent=site["cooperative"].get_parent(),
                    cooperative=cooperative,
                    image=wagtail_factories.ImageFactory(),
                )
                StoryPageFactory(
                    parent=site["story"].get_parent(),
                    intro_fr="Le miel.",
                    image=wagtail_factories.ImageFactory(),
                )

        return grow

    def test_pages_of_results(self, client, site, many):
        many(12)  # 14 honey products, 13 cooperatives, 13 stories

        first = client.get("/fr/search/", {"q": "miel"})
        second = client.get("/fr/search/", {"q": "miel", "page": 2})
        products = client.get("/fr/search/", {"q": "miel", "kind": "product"})
        last = client.get("/fr/search/", {"q": "miel", "kind": "product", "page": 2})

        assert first.context["results"].paginator.num_pages == 4
        assert len(found(first)) == 12
        assert len(found(second)) == 2
        assert 'href="?q=miel&amp;page=2"' in first.content.decode()
        assert len(found(products)) == 12 and len(found(last)) == 2
        assert 'href="?q=miel&amp;kind=product&amp;page=1"' in last.content.decode()

    @pytest.mark.parametrize("kind", ["product", "cooperative", "story"])
    def test_queries_do_not_grow_with_the_results(self, client, site, many, kind):
        def queries():
            url = f"/fr/search/?q=miel&kind={kind}"
            client.get(url)  # makes the renditions
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            return len(captured), len(found(response, kind))

        many(1)
        few, shown_few = queries()
        many(14)
        more, shown_more = queries()

        assert shown_few < shown_more == 12
        assert more == few
        assert more <= 14


class TestCatalogueFilters:
    """The catalogue's filters (django-filter) keep their URL parameters."""

    def test_an_unknown_value_is_reported_and_the_others_still_apply(
        self, client, site
    ):
        response = client.get(
            "/en/products/", {"category": "atlantis", "cooperative": "tamount"}
        )

        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        names = {page.product.name_en for page in response.context["products"]}
        assert names == {"Argan oil", "Almond sweets"}

    def test_links_keep_working(self, client, site):
        response = client.get(
            "/fr/produits/",
            {"category": "honey", "in_stock": "on", "sort": "-price", "page": "1"},
        )

        names = {page.product.name_en for page in response.context["products"]}
        assert names == {"Wild thyme honey", "Jujube honey"}
        assert response.context["filters"].active

    @pytest.mark.parametrize(
        "query",
        [
            {"price_min": "\x00"},
            {"sort": "'; DROP TABLE x"},
            {"category": "x" * 5000},
            {"in_stock": "maybe"},
        ],
    )
    def test_odd_values_never_fail(self, client, site, query):
        response = client.get("/fr/produits/", query)

        assert response.status_code in (200, 400)
