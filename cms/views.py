from collections import Counter

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms import search as site_search
from cms.models import CooperativeIndexPage, ProductIndexPage
from cooperatives.models import ProductCategory
from core.search import query_words

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 12


def search(request):
    """Products, cooperatives and stories matching the words asked for, in
    any of the three languages (cms/search.py); `kind` keeps one of them."""
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    kind = kind if kind in site_search.KINDS else ""
    context = {
        # Shown back in the form and the messages (escaped), never longer
        # than the form allows.
        "query": query[:MAX_QUERY_LENGTH].replace("\x00", ""),
        "kind": kind,
        "results": None,
        "error": "",
    }
    words = query_words(query) if query else []
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _("Please search with at most %(count)s characters.") % {
            "count": MAX_QUERY_LENGTH
        }
    elif query and not words:
        context["error"] = _("Type a word of two letters or more.")
    elif words:
        hits = site_search.search_hits(words)
        shown = [hit for hit in hits if hit.kind == kind] if kind else hits
        results = Paginator(shown, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            results=results,
            counts=Counter(hit.kind for hit in hits),
            total=len(hits),
            cards=site_search.result_cards(results.object_list),
            extra_query=f"kind={kind}" if kind else "",
        )
        if not hits:
            context["suggestions"] = _suggestions()
    return render(request, "cms/search.html", context)


def _suggestions() -> dict:
    """Where to go when nothing is found: the catalogue by category, and the
    cooperatives."""
    catalogue = ProductIndexPage.objects.live().first()
    categories = []
    if catalogue:
        categories = list(
            ProductCategory.objects.filter(
                products__is_active=True, products__page__live=True
            ).distinct()
        )
    return {
        "catalogue": catalogue,
        "categories": categories,
        "cooperatives": CooperativeIndexPage.objects.live().first(),
    }
