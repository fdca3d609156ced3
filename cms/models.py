"""Wagtail pages. Each page declares its panels, parents, children and search."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import catalogue, filters, search, selectors
from cms.blocks import BaseStreamBlock
from cms.panels import content_by_language
from cms.translated import TranslatedPage
from core.seo import organization_ld, product_ld
from shop.selectors import paid_out_to_cooperatives
from shop.services.consumer import legal_page_ids


def _later(read):
    """A context value read only when the template uses it: a fragment of
    the page found in the cache (``{% fragment %}``) runs none of the
    queries behind what it shows."""
    return SimpleLazyObject(read)


class HomePage(TranslatedPage, Page):
    """The site's root page: one per site, created by a migration."""

    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = content_by_language(
        "hero_heading",
        "hero_text",
        shared=[
            FieldPanel("hero_image"),
            InlinePanel(
                "featured_cooperatives", label=_("Featured cooperatives"), max_num=6
            ),
        ],
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["impact"] = _later(
            lambda: {
                **selectors.impact_figures(),
                "paid_out": paid_out_to_cooperatives(),
            }
        )
        context["featured"] = _later(lambda: selectors.featured_cooperative_pages(self))
        context["latest_stories"] = _later(lambda: selectors.latest_stories(limit=3))
        return context


class HomeFeaturedCooperative(Orderable):
    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_cooperatives"
    )
    cooperative_page = models.ForeignKey(
        "cms.CooperativePage",
        verbose_name=_("cooperative page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("cooperative_page")]


class CooperativeIndexPage(TranslatedPage, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = content_by_language("intro")
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CooperativePage"]
    max_count = 1

    class Meta:
        verbose_name = _("cooperative index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cooperatives = _later(
            lambda: filters.CooperativeFilterSet(
                request.GET or None,
                selectors.cooperative_cards(parent=self),
                provinces=selectors.provinces_with_cooperatives(),
                categories=selectors.categories_with_cooperatives(),
            )
        )
        context["filters"] = cooperatives
        context["cooperative_pages"] = _later(lambda: list(cooperatives.qs))
        return context


class CooperativePage(TranslatedPage, Page):
    """A cooperative's public profile and story, tied to one Cooperative."""

    cooperative = models.OneToOneField(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    story = StreamField(BaseStreamBlock(), verbose_name=_("story"), blank=True)

    content_panels = content_by_language(
        "story",
        shared=[
            FieldPanel("cooperative"),
            FieldPanel("image"),
            InlinePanel("gallery_images", label=_("Gallery")),
        ],
    )
    # Every language's words, folded (cms/search.py): "miel", "honey" and
    # "عسل" find the cooperative on any language's site.
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["cms.CooperativeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cooperative page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["certifications"] = _later(
            lambda: selectors.certifications_valid_today(self.cooperative)
        )
        context["gallery"] = _later(lambda: selectors.gallery_images(self))
        context["figures"] = _later(
            lambda: selectors.cooperative_figures(self.cooperative)
        )
        context["products"] = _later(
            lambda: catalogue.cooperative_products(self.cooperative)
        )
        context["json_ld"] = _later(lambda: organization_ld(self, request))
        return context

    @property
    def description(self) -> str:
        return self.search_description or self.cooperative.summary

    def search_text(self) -> str:
        return search.cooperative_page_text(self)

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("cooperative__province")
            .prefetch_related("cooperative__categories")
        )


class GalleryImage(Orderable):
    """An image of a page's gallery, with a translated caption."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True


class CooperativeGalleryImage(GalleryImage):
    page = ParentalKey(
        CooperativePage, on_delete=models.CASCADE, related_name="gallery_images"
    )


class StoryIndexPage(TranslatedPage, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = content_by_language("intro")
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]
    max_count = 1
    stories_per_page = 12

    class Meta:
        verbose_name = _("story index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = _later(
            lambda: Paginator(
                selectors.stories_under(self), self.stories_per_page
            ).get_page(request.GET.get("page"))
        )
        return context


class StoryPage(TranslatedPage, Page):
    """News of cooperatives, fairs and store openings."""

    date = models.DateField(_("date"))
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = content_by_language(
        "intro",
        "body",
        shared=[FieldPanel("date"), FieldPanel("image"), FieldPanel("cooperative")],
    )
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @property
    def description(self) -> str:
        return self.search_description or self.intro

    def search_text(self) -> str:
        return search.story_page_text(self)

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("cooperative")


class StandardPage(TranslatedPage, Page):
    """About, terms of sale, privacy, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = content_by_language("intro", "body")
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    @property
    def description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page the site's settings name as the privacy notice says who
        # processes the data and the CNDP declaration (law 09-08), from the
        # settings: a new declaration number is not a page edit.
        if legal_page_ids(request)["privacy"] == self.pk:
            context["data_controller"] = {
                "name": settings.FOUNDATION_NAME,
                "address": settings.FOUNDATION_ADDRESS,
                "cndp": settings.FOUNDATION_CNDP_DECLARATION,
            }
        return context


class ProductIndexPage(TranslatedPage, Page):
    """The catalogue: every product page, with filters, sorting and pages."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = content_by_language("intro")
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProductPage"]
    max_count = 1
    products_per_page = 12

    class Meta:
        verbose_name = _("product index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        products = _later(
            lambda: filters.CatalogueFilterSet(
                request.GET or None, catalogue.product_cards(parent=self)
            )
        )
        context["filters"] = products
        context["products"] = _later(
            lambda: Paginator(products.qs, self.products_per_page).get_page(
                request.GET.get("page")
            )
        )
        context["query_string"] = _later(lambda: products.query_string)
        return context


class ProductPage(TranslatedPage, Page):
    """One product: its story, how to use it, where it comes from, its variants."""

    product = models.OneToOneField(
        "shop.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    story = StreamField(BaseStreamBlock(), verbose_name=_("story"), blank=True)
    how_to_use = models.TextField(_("how to use"), blank=True)

    content_panels = content_by_language(
        "story",
        "how_to_use",
        shared=[
            FieldPanel("product"),
            FieldPanel("image"),
            InlinePanel("gallery_images", label=_("Gallery")),
        ],
    )
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["cms.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("product page")

    @property
    def description(self) -> str:
        # While the page is served, the product comes with all the page
        # shows of it (catalogue.product_details), in one query.
        details = getattr(self, "served_details", None)
        product = details["product"] if details is not None else self.product
        return self.search_description or product.description

    def search_text(self) -> str:
        return search.product_page_text(self)

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("product__category", "product__cooperative__province")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        details = self.served_details = _later(lambda: catalogue.product_details(self))
        for name in catalogue.PRODUCT_DETAILS:
            context[name] = _later(lambda name=name: details[name])
        context["json_ld"] = _later(
            lambda: product_ld(self, request, details["variants"])
        )
        return context


class ProductGalleryImage(GalleryImage):
    page = ParentalKey(
        ProductPage, on_delete=models.CASCADE, related_name="gallery_images"
    )
