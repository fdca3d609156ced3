from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: whatever broke may be what they need. The
    # template reads the active language itself.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())


def healthz(request):
    """For load balancers: 200 when the database and the cache answer."""
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
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
