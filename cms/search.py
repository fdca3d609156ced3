"""Site search over products, cooperatives and stories, in every language.

Wagtail search (its database backend: FTS5 on SQLite, full text on
PostgreSQL) does the matching and the ranking. What it indexes for each
page is `search_text`: the page's words in Arabic, French and English,
folded by `core.search` so that spelling variants meet. A query is folded
the same way, so "عَسَل", "العسل", "MIEL", "miél" and "honey" all find the
honey products, whatever the language of the site.

A search runs one query per kind of page for the ranked ids (bounded by
`MAX_HITS`), then, for the page of results shown, one card query per kind
with what the cards show prefetched.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_save
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.tasks import insert_or_update_object_task

from core.search import index_text, words

MAX_HITS = 200  # per kind; more than anybody pages through
KINDS = ("product", "cooperative", "story")
_TITLES = [f"title_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]


# What is indexed ------------------------------------------------------------
def _each_language(obj, field: str) -> list[str]:
    if obj is None:
        return []
    return [
        getattr(obj, f"{field}_{code}", None) or ""
        for code in settings.MODELTRANSLATION_LANGUAGES
    ]


def _stream_text(obj, field: str) -> list[str]:
    texts = []
    for code in settings.MODELTRANSLATION_LANGUAGES:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            texts.extend(value.stream_block.get_searchable_content(value))
    return texts


def product_page_text(page) -> str:
    product = page.product
    cooperative = product.cooperative
    return index_text(
        *_each_language(page, "title"),
        *_each_language(product, "name"),
        *_each_language(product.category, "name"),
        *_each_language(cooperative, "name"),
        *_each_language(cooperative.province, "name"),
        *_each_language(product, "description"),
        *_each_language(page, "how_to_use"),
        *_stream_text(page, "story"),
    )


def cooperative_page_text(page) -> str:
    cooperative = page.cooperative
    return index_text(
        *_each_language(page, "title"),
        *_each_language(cooperative, "name"),
        *_each_language(cooperative, "commune"),
        *_each_language(cooperative.province, "name"),
        *(
            name
            for category in cooperative.categories.all()
            for name in _each_language(category, "name")
        ),
        *_each_language(cooperative, "summary"),
        *_stream_text(page, "story"),
    )


def story_page_text(page) -> str:
    return index_text(
        *_each_language(page, "title"),
        *_each_language(page, "intro"),
        *_each_language(page.cooperative, "name"),
        *_stream_text(page, "body"),
    )


# What is searched -------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    pk: int


def _searchable(kind: str, private):
    """The pages a visitor may find, of one kind (the card querysets'
    conditions, without what the cards show); `private` is
    `Page.objects.private_q()`, asked once for the three kinds."""
    from cms.models import CooperativePage, ProductPage, StoryPage

    if kind == "product":
        pages = ProductPage.objects.filter(
            product__is_active=True, product__cooperative__is_active=True
        )
    elif kind == "cooperative":
        pages = CooperativePage.objects.filter(cooperative__is_active=True)
    else:
        pages = StoryPage.objects.all()
    return pages.live().exclude(private)


def _titled(page, wanted: set) -> bool:
    titles = (getattr(page, field) or "" for field in _TITLES)
    return wanted <= set(words(" ".join(titles)))


def search_hits(query_words: list[str]) -> list[Hit]:
    """Products first, then cooperatives, then stories. Within a kind, the
    pages whose title (in any language) holds every word come first, then
    the others, each by the backend's relevance. `query_words` come from
    `core.search.query_words`: folded letters and digits only, so nothing in
    them is an operator of the backend."""
    if not query_words:
        return []
    backend = get_search_backend()
    query, wanted = " ".join(query_words), set(query_words)
    private = Page.objects.private_q()
    hits = []
    for kind in KINDS:
        # Wagtail refuses to filter a search on fields it does not index
        # (the product's `is_active`...): the conditions go in a subquery
        # of ids, the one filter the search sees.
        pages = Page.objects.filter(id__in=_searchable(kind, private).values("pk"))
        found = list(
            backend.search(query, pages.only("id", *_TITLES), operator="and")[:MAX_HITS]
        )
        found.sort(key=lambda page: not _titled(page, wanted))  # stable
        hits.extend(Hit(kind, page.pk) for page in found)
    return hits


def _card_pages(kind: str):
    from cms import catalogue, selectors

    if kind == "product":
        return catalogue.product_pages()
    if kind == "cooperative":
        return selectors.cooperative_card_pages()
    return selectors.story_card_pages()


def result_cards(hits) -> dict[str, list]:
    """The cards for one page of hits, by kind, in the hits' order."""
    cards = {}
    for kind in KINDS:
        ids = [hit.pk for hit in hits if hit.kind == kind]
        if not ids:
            cards[kind] = []
            continue
        pages = {page.pk: page for page in _card_pages(kind).filter(pk__in=ids)}
        # A page unpublished since the search is left out.
        cards[kind] = [pages[pk] for pk in ids if pk in pages]
    return cards


# Keeping the index current ----------------------------------------------------
# Wagtail re-indexes a page when the page is saved. A page's text also holds
# its product's, cooperative's, category's and province's names, edited
# elsewhere (snippets): saving one of those re-indexes the pages that show it.
def _pages_showing(instance) -> list:
    from cms.models import CooperativePage, ProductPage, StoryPage

    label = instance._meta.label
    if label == "shop.Product":
        return [ProductPage.objects.filter(product=instance)]
    if label == "cooperatives.Cooperative":
        return [
            CooperativePage.objects.filter(cooperative=instance),
            ProductPage.objects.filter(product__cooperative=instance),
            StoryPage.objects.filter(cooperative=instance),
        ]
    if label == "cooperatives.ProductCategory":
        return [
            ProductPage.objects.filter(product__category=instance),
            CooperativePage.objects.filter(cooperative__categories=instance),
        ]
    if label == "cooperatives.Province":
        return [
            ProductPage.objects.filter(product__cooperative__province=instance),
            CooperativePage.objects.filter(cooperative__province=instance),
        ]
    return []


def _reindex_pages_showing(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    for pages in _pages_showing(instance):
        meta = pages.model._meta
        for pk in pages.values_list("pk", flat=True).distinct():
            insert_or_update_object_task.enqueue(
                meta.app_label, meta.model_name, str(pk)
            )


def _reindex_cooperative_categories(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        _reindex_pages_showing(type(instance), instance)


def connect() -> None:
    for label in (
        "shop.Product",
        "cooperatives.Cooperative",
        "cooperatives.ProductCategory",
        "cooperatives.Province",
    ):
        post_save.connect(
            _reindex_pages_showing,
            sender=apps.get_model(label),
            dispatch_uid=f"search-pages-showing-{label}",
        )
    m2m_changed.connect(
        _reindex_cooperative_categories,
        sender=apps.get_model("cooperatives.Cooperative").categories.through,
        dispatch_uid="search-cooperative-categories",
    )
