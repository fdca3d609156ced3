"""Reads for the pages. Each listing runs a fixed number of queries, whatever
the number of cooperatives or stories."""

from django.db.models import Count, OuterRef, Prefetch
from django.utils import translation
from wagtail.images import get_image_model

from cooperatives import coverage_selectors
from cooperatives.models import Certification, ProductCategory, Province, today

# The renditions the templates ask for (srcset_image in
# cms/components/*_card.html and cms/cooperative_page.html's gallery): WebP
# at a phone's, a tablet's and a desktop's width, prefetched in one query.
CARD_RENDITIONS = tuple(
    f"fill-{size}|format-webp" for size in ("320x200", "480x300", "640x400")
)
GALLERY_RENDITIONS = tuple(
    f"fill-{size}|format-webp" for size in ("320x240", "480x360")
)


def _images_with_card_renditions():
    return get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)


def impact_figures() -> dict:
    """The home page's figures: members, women members and women covered
    counted from the rosters (never typed), contributions paid this year.
    Aggregates only: no member is named on a public page."""
    from cooperatives.models import Cooperative

    figures = Cooperative.objects.active().aggregate(cooperatives=Count("pk"))
    figures.update(coverage_selectors.public_figures())
    return {key: value or 0 for key, value in figures.items()}


def cooperative_figures(cooperative) -> dict:
    """A cooperative page's figures, from its roster (aggregates only)."""
    return coverage_selectors.public_figures(cooperative_ids=[cooperative.pk])


def _cooperative_pages():
    from cms.models import CooperativePage

    return (
        CooperativePage.objects.live()
        .public()
        .filter(cooperative__is_active=True)
        .select_related("cooperative__province")
        .prefetch_related(
            "cooperative__categories",
            Prefetch("image", queryset=_images_with_card_renditions()),
        )
        # The card's member counts, from the roster, in the same query.
        .annotate(**coverage_selectors.roster_counts(OuterRef("cooperative_id")))
    )


def featured_cooperative_pages(home_page) -> list:
    featured_ids = list(
        home_page.featured_cooperatives.order_by("sort_order").values_list(
            "cooperative_page_id", flat=True
        )
    )
    pages = {page.pk: page for page in _cooperative_pages().filter(pk__in=featured_ids)}
    return [pages[pk] for pk in featured_ids if pk in pages]


def provinces_with_cooperatives() -> list:
    return list(
        Province.objects.filter(cooperatives__is_active=True)
        .distinct()
        .order_by(f"name_{translation.get_language()}", "slug")
    )


def categories_with_cooperatives() -> list:
    return list(ProductCategory.objects.filter(cooperatives__is_active=True).distinct())


def cooperative_cards(*, parent):
    """The index's cooperative pages, for `cms.filters.CooperativeFilterSet`."""
    return _cooperative_pages().child_of(parent).order_by("path")


def certifications_valid_today(cooperative) -> list:
    return list(
        Certification.objects.filter(cooperative=cooperative)
        .valid_on(today())
        .order_by("kind", "valid_until")
    )


def gallery_images(page) -> list:
    """A page's gallery, its images and their renditions, in two queries."""
    renditions = get_image_model().get_rendition_model().objects
    return list(
        page.gallery_images.select_related("image").prefetch_related(
            Prefetch(
                "image__renditions",
                queryset=renditions.filter(filter_spec__in=GALLERY_RENDITIONS),
                to_attr="prefetched_renditions",
            )
        )
    )


def _story_pages():
    from cms.models import StoryPage

    return (
        StoryPage.objects.live()
        .public()
        .select_related("cooperative")
        .prefetch_related(Prefetch("image", queryset=_images_with_card_renditions()))
        .order_by("-date", "-pk")
    )


def stories_under(index_page):
    return _story_pages().child_of(index_page)


def latest_stories(*, limit: int) -> list:
    return list(_story_pages()[:limit])


def cooperative_card_pages():
    """Cooperative pages with what their cards show (site search)."""
    return _cooperative_pages()


def story_card_pages():
    """Story pages with what their cards show (site search)."""
    return _story_pages()
