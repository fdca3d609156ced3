from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """400, in the language of the path's prefix: it may come before the
    locale middleware (from InvalidCharactersMiddleware)."""
    language = translation.get_language_from_path(request.path_info)
    with translation.override(language or settings.LANGUAGE_CODE):
        body = loader.get_template("400.html").render()
    return HttpResponseBadRequest(body)


def server_error(request):
    # No context processors: whatever broke may be what they need. The
    # template reads the active language itself.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())


def healthz(request):
    """For load balancers: 200 when the database answers. The cache is
    reported but not required: without it pages are served uncached (a
    balancer that dropped every node when Redis fails would stop the shop)."""
    from django.core.cache import cache
    from django.db import connection
    from django.http import JsonResponse

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - reported, not raised
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    healthy = checks["database"] == "ok"
    return JsonResponse(checks, status=200 if healthy else 503)


def csrf_failure(request, reason=""):
    """A POST without a valid CSRF token changes nothing and says why.

    Add-to-cart forms sit on pages shared from the cache, whose token
    visitor.js fills in; without JavaScript the token is missing. Then the
    visitor sees what they asked for and confirms it with a fresh token, on
    our own page, which another site can neither submit nor frame."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    confirm = None
    if match is not None and match.view_name == "shop:cart_add":
        from shop.models import Variant

        sku = request.POST.get("sku", "")[:40]
        confirm = {
            "variant": Variant.objects.select_related("product")
            .filter(sku=sku)
            .first(),
            "sku": sku,
            "quantity": request.POST.get("quantity", "1")[:4],
            "next": request.POST.get("next", "")[:500],
        }
    return render(request, "403_csrf.html", {"confirm": confirm}, status=403)
