"""Build the demo site from storefront.demo.content. Running it twice gives the
same site: every object is found by a stable key and brought up to date."""

import datetime
import functools
import re
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import (
    CooperativeGalleryImage,
    CooperativeIndexPage,
    CooperativePage,
    HomeFeaturedCooperative,
    HomePage,
    ProductIndexPage,
    ProductPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from cooperatives.models import (
    Certification,
    Cooperative,
    PartnershipAgreement,
    ProductCategory,
    Province,
    today,
)
from cooperatives.validators import rib_key
from shop.models import (
    Consignment,
    ConsignmentLine,
    DeliveryMethod,
    DiscountCode,
    LegalPages,
    Product,
    Variant,
    VatRate,
)
from shop.services.lots import consignment_receive
from storefront.demo import content, images
from storefront.demo.export_data import hs_code, net_grams

LANGUAGES = ("ar", "fr", "en")

INDEX_TITLES = {
    "cooperatives": {"ar": "التعاونيات", "fr": "Coopératives", "en": "Cooperatives"},
    "stories": {"ar": "قصص وأخبار", "fr": "Histoires", "en": "Stories"},
    "products": {"ar": "المنتجات", "fr": "Produits", "en": "Products"},
}
INDEX_SLUGS = {
    "cooperatives": {"ar": "taawuniyat", "fr": "cooperatives", "en": "cooperatives"},
    "stories": {"ar": "qisas", "fr": "histoires", "en": "stories"},
    "products": {"ar": "muntajat", "fr": "produits", "en": "products"},
}
INDEX_INTROS = {
    "cooperatives": {
        "ar": "تعرّف على التعاونيات الشريكة: من يصنع ما تشتريه، وأين، وكيف.",
        "fr": "Découvrez les coopératives partenaires : qui fait ce que vous "
        "achetez, où et comment.",
        "en": "Meet the partner cooperatives: who makes what you buy, where and how.",
    },
    "products": {
        "ar": "عسل وأعشاب وزيوت من التعاونيات الشريكة، بأسعار تشمل الضريبة.",
        "fr": "Miels, plantes et huiles des coopératives partenaires, prix TTC.",
        "en": "Honey, herbs and oils from the partner cooperatives, VAT included.",
    },
    "stories": {
        "ar": "أخبار التعاونيات والمعارض والمتاجر التضامنية.",
        "fr": "Nouvelles des coopératives, des foires et des boutiques solidaires.",
        "en": "News of the cooperatives, the fairs and the solidarity stores.",
    },
}


def per_language(field: str, values: dict) -> dict:
    return {f"{field}_{code}": values[code] for code in LANGUAGES} | {
        field: values["fr"]
    }


@functools.cache
def _drawn(function, *args, **kwargs) -> bytes:
    # Drawing is deterministic: one process (a test run) draws each image once.
    return function(*args, **kwargs)


def demo_image(key: str, draw) -> "get_image_model()":
    """The image titled `key`, drawn the first time only."""
    Image = get_image_model()
    image = Image.objects.filter(title=key).first()
    if image is None:
        data = draw()
        image = Image(title=key)
        image.file = ImageFile(BytesIO(data), name=f"{slugify(key)}.png")
        image.save()
    return image


def ice_for(index: int) -> str:
    return f"00{1520 + index:07d}000{index % 90 + 10:02d}"[:15].ljust(15, "0")


def rib_for(index: int) -> str:
    first_22 = f"{190 + index % 7:03d}780{2110000000 + index * 7919:016d}"
    return first_22 + rib_key(first_22)


def paragraphs(texts: list[str]) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in texts]


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.home = Site.objects.get(is_default_site=True).root_page.specific

    def run(self):
        # Base (untranslated) field names write to the active language:
        # French, the default language, keeps them consistent.
        with translation.override("fr"):
            return self._run()

    def _run(self):
        cooperatives = [
            self.cooperative(index, data)
            for index, data in enumerate(content.COOPERATIVES, start=1)
        ]
        self.home_page()
        cooperative_index = self.index_page(CooperativeIndexPage, "cooperatives", 1)
        product_index = self.index_page(ProductIndexPage, "products", 2)
        story_index = self.index_page(StoryIndexPage, "stories", 3)
        pages = {
            cooperative.slug: self.cooperative_page(
                cooperative_index, cooperative, data
            )
            for cooperative, data in zip(
                cooperatives, content.COOPERATIVES, strict=True
            )
        }
        products = 0
        for cooperative, data in zip(cooperatives, content.COOPERATIVES, strict=True):
            for product_data in data["products"]:
                product = self.product(cooperative, product_data)
                self.product_page(product_index, product, product_data, data["color"])
                products += 1
            self.consignment(cooperative, data)
        self.delivery_methods()
        self.discount_codes()
        for data in content.STORIES:
            self.story_page(story_index, data)
        legal = {}
        for order, data in enumerate(content.STANDARD_PAGES):
            page = self.standard_page(data, order)
            if data.get("legal"):
                legal[data["legal"]] = page
        self.legal_pages(legal)
        self.featured(pages)
        return {
            "cooperatives": len(cooperatives),
            "products": products,
            "stories": len(content.STORIES),
        }

    # Producers -----------------------------------------------------------
    def cooperative(self, index: int, data: dict) -> Cooperative:
        province, _created = Province.objects.update_or_create(
            slug=slugify(data["province"]["fr"]),
            defaults=per_language("name", data["province"]),
        )
        logo = demo_image(
            f"demo {data['slug']} logo",
            lambda: _drawn(images.draw_logo, data["slug"], data["color"]),
        )
        cooperative, _created = Cooperative.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **per_language("name", data["name"]),
                **per_language("summary", data["summary"]),
                **per_language("commune", data["commune"]),
                "legal_form": data["legal_form"],
                "registration_number": data["registration_number"],
                "ice": ice_for(index),
                "rib": rib_for(index),
                "province": province,
                "year_founded": data["founded"],
                "contact_name": data["quote"]["author"],
                "phone": data["phone"],
                "email": data["email"],
                "logo": logo,
                "is_active": True,
            },
        )
        cooperative.categories.set(
            ProductCategory.objects.filter(slug__in=data["categories"])
        )
        self.agreement(index, cooperative)
        for certification in data["certifications"]:
            self.certification(cooperative, certification)
        return cooperative

    def agreement(self, index: int, cooperative: Cooperative):
        signed = today() - datetime.timedelta(days=420)
        PartnershipAgreement.objects.update_or_create(
            reference=f"MT-CONV-{index:03d}",
            defaults={
                "cooperative": cooperative,
                "signed_on": signed,
                "valid_from": signed,
                "valid_until": signed + datetime.timedelta(days=3 * 365),
                "commission_online_bp": 1800,
                "commission_store_bp": 1500,
                "commission_fair_bp": 1200,
                "commission_wholesale_bp": 1000,
                "commission_export_bp": 1100,
                # A tenth of the commission goes to the members' coverage fund.
                "coverage_share_bp": 1000,
                "settlement_period": "monthly" if index % 3 else "weekly",
            },
        )

    def certification(self, cooperative: Cooperative, data: dict):
        Certification.objects.update_or_create(
            kind=data["kind"],
            issuer=data["issuer"],
            number=data["number"],
            defaults={
                "cooperative": cooperative,
                "valid_from": today()
                + datetime.timedelta(days=data["valid_from_days"]),
                "valid_until": today()
                + datetime.timedelta(days=data["valid_until_days"]),
            },
        )

    # Pages ---------------------------------------------------------------
    def save_page(self, parent: Page, page: Page, created: bool) -> Page:
        if created:
            parent.add_child(instance=page)
            page.save_revision().publish()
        else:
            page.save()
        return page

    def child(self, parent: Page, model, **lookup):
        found = model.objects.child_of(parent).filter(**lookup).first()
        return (found, False) if found else (model(), True)

    def set_title_and_slug(self, page: Page, titles: dict, slugs: dict):
        for code in LANGUAGES:
            setattr(page, f"title_{code}", titles[code])
            setattr(page, f"slug_{code}", slugs[code])
        page.title = titles["fr"]
        page.slug = slugs["fr"]
        page.draft_title = titles["fr"]

    def home_page(self):
        home = self.home
        for field in ("hero_heading", "hero_text"):
            for code, value in per_language(field, content.HOME[field]).items():
                setattr(home, code, value)
        home.hero_image = demo_image(
            "demo home hero",
            lambda: _drawn(images.draw_cooperative_scene, "home", "#c8902e"),
        )
        home.save()

    def index_page(self, model, key: str, order: int):
        page, created = self.child(self.home, model)
        self.set_title_and_slug(page, INDEX_TITLES[key], INDEX_SLUGS[key])
        for code, value in per_language("intro", INDEX_INTROS[key]).items():
            setattr(page, code, value)
        page.show_in_menus = True
        return self.save_page(self.home, page, created)

    def cooperative_page(self, parent, cooperative: Cooperative, data: dict):
        page, created = self.child(parent, CooperativePage, cooperative=cooperative)
        slugs = dict.fromkeys(LANGUAGES, data["slug"])
        self.set_title_and_slug(page, data["name"], slugs)
        page.cooperative = cooperative
        page.image = demo_image(
            f"demo {data['slug']} scene",
            lambda: _drawn(images.draw_cooperative_scene, data["slug"], data["color"]),
        )
        for code in LANGUAGES:
            setattr(page, f"story_{code}", self.story_blocks(data, code))
        page.search_description = ""
        page = self.save_page(parent, page, created)
        self.gallery(page, data)
        return page

    def story_blocks(self, data: dict, code: str) -> list[dict]:
        story = data["story"][code]
        quote = data["quote"]
        facts = [
            {"label": f["label"][code], "value": f["value"][code]}
            for f in data["key_facts"]
        ]
        return [
            *paragraphs(story[:1]),
            {
                "type": "quote",
                "value": {
                    "text": quote["text"][code],
                    "author": quote["author"],
                    "role": quote["role"][code],
                },
            },
            *paragraphs(story[1:]),
            {"type": "key_facts", "value": facts},
        ]

    def gallery(self, page: CooperativePage, data: dict):
        wanted = [
            demo_image(
                f"demo {data['slug']} gallery {n}",
                lambda n=n: _drawn(
                    images.draw_cooperative_scene,
                    f"{data['slug']}-{n}",
                    data["color"],
                    width=960,
                    height=720,
                ),
            )
            for n in (1, 2)
        ]
        if list(page.gallery_images.values_list("image_id", flat=True)) == [
            image.pk for image in wanted
        ]:
            return
        page.gallery_images.all().delete()
        for order, image in enumerate(wanted):
            CooperativeGalleryImage.objects.create(
                page=page,
                image=image,
                sort_order=order,
                **per_language("caption", data["name"]),
            )

    # Shop ----------------------------------------------------------------
    def product(self, cooperative: Cooperative, data: dict) -> Product:
        product = Product.objects.filter(
            variants__sku=data["variants"][0]["sku"]
        ).first() or Product(cooperative=cooperative)
        product.cooperative = cooperative
        for field in ("name", "description"):
            for code, value in per_language(field, data[field]).items():
                setattr(product, code, value)
        product.category = ProductCategory.objects.get(slug=data["category"])
        product.vat_rate = VatRate.objects.get(code=data["vat"])
        product.hs_code = hs_code(data)
        product.is_active = True
        product.save()
        product.certifications.set(cooperative.certifications.all())
        for order, variant_data in enumerate(data["variants"]):
            # Stock arrives with the demo consignments, lot by lot.
            Variant.objects.update_or_create(
                sku=variant_data["sku"],
                defaults={
                    "product": product,
                    **per_language("label", variant_data["label"]),
                    "price": variant_data["price"],
                    "weight_grams": variant_data["weight"],
                    "net_weight_grams": net_grams(variant_data),
                    "is_active": True,
                    "sort_order": order,
                },
                create_defaults={
                    "product": product,
                    **per_language("label", variant_data["label"]),
                    "price": variant_data["price"],
                    "weight_grams": variant_data["weight"],
                    "net_weight_grams": net_grams(variant_data),
                    "stock": 0,
                    "is_active": True,
                    "sort_order": order,
                },
            )
        return product

    def consignment(self, cooperative: Cooperative, data: dict):
        """One consignment per cooperative, received once: its lots hold the
        demo stock."""
        if Consignment.objects.filter(cooperative=cooperative).exists():
            return
        consignment = Consignment(
            cooperative=cooperative,
            received_on=today() - datetime.timedelta(days=40),
            carrier="Transport solidaire",
            insured_value=1_500_000,
            transport_cost=45_000,
            insurance_cost=6_000,
            costs_deducted=True,
        )
        for product_data in data["products"]:
            for variant_data in product_data["variants"]:
                if not variant_data["stock"]:
                    continue
                consignment.lines.add(
                    ConsignmentLine(
                        variant=Variant.objects.get(sku=variant_data["sku"]),
                        lot_code=f"{variant_data['sku'][:14]}-L1",
                        quantity=variant_data["stock"],
                        production_date=today() - datetime.timedelta(days=60),
                        best_before=today() + datetime.timedelta(days=320),
                    )
                )
        consignment.save()
        consignment_receive(consignment_id=consignment.pk)

    def product_page(self, parent, product: Product, data: dict, color: str):
        page, created = self.child(parent, ProductPage, product=product)
        self.set_title_and_slug(
            page, data["name"], dict.fromkeys(LANGUAGES, data["slug"])
        )
        page.product = product
        page.image = demo_image(
            f"demo product {data['slug']}",
            lambda: _drawn(images.draw_product, data["slug"], data["category"], color),
        )
        for code, value in per_language("how_to_use", data["how_to_use"]).items():
            setattr(page, code, value)
        for code in LANGUAGES:
            setattr(page, f"story_{code}", paragraphs([data["description"][code]]))
        return self.save_page(parent, page, created)

    def delivery_methods(self):
        for order, (zone, price, free_above, names) in enumerate(DELIVERY):
            DeliveryMethod.objects.update_or_create(
                name_fr=names["fr"],
                defaults={
                    **per_language("name", names),
                    "zone": zone,
                    "price": price,
                    "free_above": free_above,
                    "max_delay_days": DELIVERY_DAYS[zone],
                    "is_active": True,
                    "sort_order": order,
                },
            )

    def discount_codes(self):
        DiscountCode.objects.update_or_create(
            code="BIENVENUE10",
            defaults={
                "kind": "percent",
                "value": 1000,
                "valid_from": timezone.now() - datetime.timedelta(days=30),
                "valid_until": timezone.now() + datetime.timedelta(days=365),
                "minimum_subtotal": 15000,
                "usage_limit": 500,
                "borne_by": "foundation",
                "is_active": True,
            },
        )

    def story_page(self, parent, data: dict):
        page, created = self.child(parent, StoryPage, slug_fr=data["slug"])
        slugs = dict.fromkeys(LANGUAGES, data["slug"])
        self.set_title_and_slug(page, data["title"], slugs)
        page.date = today() + datetime.timedelta(days=data["date_days"])
        page.cooperative = (
            Cooperative.objects.get(slug=data["cooperative"])
            if data.get("cooperative")
            else None
        )
        page.image = demo_image(
            f"demo story {data['slug']}",
            lambda: _drawn(images.draw_story, data["slug"], "#8a5a14"),
        )
        for code, value in per_language("intro", data["intro"]).items():
            setattr(page, code, value)
        for code in LANGUAGES:
            setattr(page, f"body_{code}", paragraphs(data["body"][code]))
        return self.save_page(parent, page, created)

    def standard_page(self, data: dict, order: int):
        page, created = self.child(self.home, StandardPage, slug_fr=data["slug"]["fr"])
        slugs = {code: _ascii_slug(data["slug"][code]) for code in LANGUAGES}
        self.set_title_and_slug(page, data["title"], slugs)
        for code, value in per_language("intro", data["intro"]).items():
            setattr(page, code, value)
        for code in LANGUAGES:
            setattr(page, f"body_{code}", paragraphs(data["body"][code]))
        page.show_in_menus = False
        return self.save_page(self.home, page, created)

    def legal_pages(self, pages: dict):
        """The terms of sale and the privacy notice the site links to from
        every page, the checkout and the sign-up (17c)."""
        LegalPages.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={
                "terms_page": pages.get("terms"),
                "privacy_page": pages.get("privacy"),
            },
        )

    def featured(self, pages: dict):
        wanted = [pages[slug].pk for slug in content.HOME["featured"]]
        current = list(
            HomePage.objects.get(pk=self.home.pk)
            .featured_cooperatives.order_by("sort_order")
            .values_list("cooperative_page_id", flat=True)
        )
        if current == wanted:
            return
        HomeFeaturedCooperative.objects.filter(page_id=self.home.pk).delete()
        for order, page_id in enumerate(wanted):
            HomeFeaturedCooperative.objects.create(
                page_id=self.home.pk, cooperative_page_id=page_id, sort_order=order
            )


DELIVERY = [
    (
        "MA-CAS",  # the prefecture of Casablanca
        2000,
        40000,
        {
            "fr": "Livraison à Casablanca (24 h)",
            "ar": "التوصيل داخل الدار البيضاء (24 ساعة)",
            "en": "Delivery in Casablanca (24 h)",
        },
    ),
    (
        "morocco",
        3500,
        60000,
        {
            "fr": "Livraison partout au Maroc (2 à 4 jours)",
            "ar": "التوصيل إلى جميع مدن المغرب (من يومين إلى 4 أيام)",
            "en": "Delivery anywhere in Morocco (2 to 4 days)",
        },
    ),
    (
        "pickup",
        0,
        None,
        {
            "fr": "Retrait à la boutique solidaire de Casablanca",
            "ar": "الاستلام من المتجر التضامني بالدار البيضاء",
            "en": "Pick-up at the Casablanca solidarity store",
        },
    ),
    (
        "abroad",
        15000,
        None,
        {
            "fr": "Livraison à l'étranger (7 à 12 jours)",
            "ar": "التوصيل إلى الخارج (من 7 إلى 12 يومًا)",
            "en": "Delivery abroad (7 to 12 days)",
        },
    ),
]


# The latest delivery (or collection) day of each method, in calendar days
# after the order: the descriptions' working days, and a margin.
DELIVERY_DAYS = {"MA-CAS": 2, "morocco": 6, "pickup": 3, "abroad": 16}


def _ascii_slug(value: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", slugify(value)) or "page"
