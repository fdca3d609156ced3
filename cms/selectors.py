"""Reads for the pages. Each listing runs a fixed number of queries, whatever
the number of cooperatives or stories."""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from cooperatives.models import Certification, ProductCategory, Province, today

CARD_RENDITION = "fill-640x400"
GALLERY_RENDITION = "fill-480x360"


def _images_with_card_renditions():
    return get_image_model().objects.prefetch_renditions(CARD_RENDITION)


def impact_figures() -> dict:
    from cooperatives.models import Cooperative

    figures = Cooperative.objects.active().aggregate(
        cooperatives=Count("pk"),
        members=Sum("members_count"),
        women=Sum("women_members_count"),
    )
    return {key: value or 0 for key, value in figures.items()}


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
    )


def featured_cooperative_pages(home_page) -> list:
    featured_ids = list(
        home_page.featured_cooperatives.order_by("sort_order").values_list(
            "cooperative_page_id", flat=True
        )
    )
    pages = {page.pk: page for page in _cooperative_pages().filter(pk__in=featured_ids)}
    return [pages[pk] for pk in featured_ids if pk in pages]


class CooperativeFilterForm(forms.Form):
    province = forms.ChoiceField(label=_("Province"), required=False)
    category = forms.ChoiceField(label=_("Products"), required=False)

    def __init__(self, *args, provinces, categories, **kwargs):
        super().__init__(*args, **kwargs)
        everywhere = [("", _("All provinces"))]
        everything = [("", _("All products"))]
        self.fields["province"].choices = everywhere + [
            (p.slug, p.name) for p in provinces
        ]
        self.fields["category"].choices = everything + [
            (c.slug, c.name) for c in categories
        ]


@dataclass(frozen=True)
class CooperativeFilters:
    form: CooperativeFilterForm
    province: str = ""
    category: str = ""

    @classmethod
    def from_query(cls, query, *, provinces, categories) -> "CooperativeFilters":
        form = CooperativeFilterForm(
            query or None, provinces=provinces, categories=categories
        )
        if form.is_bound and form.is_valid():
            return cls(
                form, form.cleaned_data["province"], form.cleaned_data["category"]
            )
        return cls(form)

    @property
    def active(self) -> bool:
        return bool(self.province or self.category)


def provinces_with_cooperatives() -> list:
    return list(
        Province.objects.filter(cooperatives__is_active=True)
        .distinct()
        .order_by(f"name_{translation.get_language()}", "slug")
    )


def categories_with_cooperatives() -> list:
    return list(ProductCategory.objects.filter(cooperatives__is_active=True).distinct())


def cooperative_cards(*, parent, filters: CooperativeFilters) -> list:
    pages = _cooperative_pages().child_of(parent)
    if filters.province:
        pages = pages.filter(cooperative__province__slug=filters.province)
    if filters.category:
        pages = pages.filter(cooperative__categories__slug=filters.category)
    return list(pages.distinct().order_by("path"))


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
                queryset=renditions.filter(filter_spec=GALLERY_RENDITION),
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


def search_pages(query: str):
    """Cooperative and story pages matching `query` in the current language."""
    from cms.models import StoryPage

    language = translation.get_language()
    words = [word for word in query.split() if word][:8]
    if not words:
        return []
    cooperative_match = Q()
    story_match = Q()
    for word in words:
        cooperative_match &= (
            Q(**{f"title_{language}__icontains": word})
            | Q(**{f"cooperative__name_{language}__icontains": word})
            | Q(**{f"cooperative__summary_{language}__icontains": word})
            | Q(**{f"cooperative__commune_{language}__icontains": word})
            | Q(**{f"cooperative__province__name_{language}__icontains": word})
        )
        story_match &= Q(**{f"title_{language}__icontains": word}) | Q(
            **{f"intro_{language}__icontains": word}
        )
    cooperatives = list(
        _cooperative_pages().filter(cooperative_match).distinct().order_by("path")
    )
    stories = list(
        StoryPage.objects.live().public().filter(story_match).order_by("-date")
    )
    return [*cooperatives, *stories]
