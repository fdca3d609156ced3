from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.selectors import search_pages

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Please search with at most %(count)s characters.") % {
            "count": MAX_QUERY_LENGTH
        }
    elif query:
        results = Paginator(search_pages(query), RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(
        request,
        "cms/search.html",
        {"query": query[:MAX_QUERY_LENGTH], "results": results, "error": error},
    )
