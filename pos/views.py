"""The point of sale: the installable app (its shell, manifest and service
worker), the JSON the app reads and posts, and the staff's close screen.
Views are thin: they check who asks, call a selector or a service and
answer."""

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pos.forms import CloseForm, SessionOpenForm
from pos.models import PaymentMethod, PosSession, Sale, Transfer
from pos.payload import PayloadError, sync_parse
from pos.selectors import (
    lots_to_send,
    session_catalogue,
    session_reconcile,
    sessions_open,
    sessions_recent,
)
from pos.services import (
    PosError,
    pos_sale_record,
    pos_session_close,
    pos_session_open,
    pos_shortfall_resolve,
    pos_transfer_out,
)

logger = logging.getLogger(__name__)

SELL = "pos.sell_at_pos"
MANAGE = "pos.manage_pos"
THEME_COLOR = "#f3e6cf"
BACKGROUND_COLOR = "#fffaf2"


def _api(permission):
    """JSON views for sellers: a device whose login expired gets a JSON
    403 (and keeps its sales), never a login page it cannot read."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return JsonResponse({"error": "login"}, status=403)
            if not request.user.has_perm(permission):
                return JsonResponse({"error": "forbidden"}, status=403)
            return never_cache(view)(request, *args, **kwargs)

        return wrapped

    return decorator


def _staff_page(permission):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return never_cache(view)(request, *args, **kwargs)

        return wrapped

    return decorator


def _receipt_strings() -> dict:
    """The receipt's words in every language: the buyer picks theirs."""
    strings = {}
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            strings[code] = {
                "dir": "rtl" if translation.get_language_bidi() else "ltr",
                "receipt": _("Receipt"),
                "total": _("Total"),
                "cash": _("Cash"),
                "card": _("Card terminal"),
                "given": _("Cash received"),
                "change": _("Change"),
                "reference": _("Reference"),
                "thanks": _("Thank you for supporting the cooperatives."),
            }
    return strings


def _app_text() -> dict:
    """The app's messages, in the seller's language."""
    return {
        "online": _("Online"),
        "offline": _("Offline: sales are kept on this device"),
        "waiting": _("Sales waiting to be sent:"),
        "synced": _("Sent"),
        "pending": _("Waiting"),
        "shortfall": _("Shortfall: staff will resolve it"),
        "rejected": _("Refused by the server"),
        "noSession": _(
            "No session is open. Ask staff to open one, then come back online."
        ),
        "unknownCode": _("No lot with this code at this session."),
        "emptySale": _("Add at least one product."),
        "notEnoughCash": _("The cash received is less than the total."),
        "needReference": _("Type the card terminal reference."),
        "login": _("Log in again to send the sales."),
        "left": _("left"),
        "remove": _("Remove"),
        "recorded": _("Sale recorded."),
    }


@require_GET
@_staff_page(SELL)
def pos_app(request):
    language = translation.get_language()
    return render(
        request,
        "pos/app.html",
        {
            "receipt_strings": _receipt_strings(),
            "pos_text": _app_text(),
            "pos_config": {
                "language": language,
                "sessions": reverse("pos:api_sessions"),
                "csrf": reverse("pos:api_csrf"),
                "worker": reverse("pos:service_worker"),
                "scope": reverse("pos:app"),
                "methods": list(PaymentMethod.values),
            },
        },
    )


@require_GET
def manifest(request):
    """The point of sale's own web app manifest, scoped to its pages."""
    language = translation.get_language()
    scope = reverse("pos:app")
    return JsonResponse(
        {
            "name": _("Tadamon point of sale"),
            "short_name": _("Tadamon till"),
            "lang": language,
            "dir": "rtl" if translation.get_language_bidi() else "ltr",
            "id": scope,
            "start_url": scope,
            "scope": scope,
            "display": "standalone",
            "orientation": "any",
            "theme_color": THEME_COLOR,
            "background_color": BACKGROUND_COLOR,
            "icons": [
                {
                    "src": static("icons/icon-192.png"),
                    "sizes": "192x192",
                    "type": "image/png",
                },
                {
                    "src": static("icons/icon-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                },
                {
                    "src": static("icons/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def service_worker(request):
    """Served under /<lang>/pos/ so that its scope is the point of sale."""
    response = render(
        request,
        "pos/sw.js",
        {
            "shell": reverse("pos:app"),
            "assets": [
                static("pos/pos.js"),
                static("pos/pos.css"),
                reverse("pos:manifest"),
                static("icons/icon-192.png"),
            ],
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@_api(SELL)
def api_csrf(request):
    return JsonResponse({"token": get_token(request)})


@require_GET
@_api(SELL)
def api_sessions(request):
    return JsonResponse(
        {
            "sessions": [
                {
                    "id": session.pk,
                    "label": str(session),
                    "url": reverse("pos:api_session", args=[session.pk]),
                    "sync": reverse("pos:api_sync", args=[session.pk]),
                }
                for session in sessions_open()
            ]
        }
    )


@require_GET
@_api(SELL)
def api_session(request, session_id: int):
    session = get_object_or_404(PosSession, pk=session_id)
    return JsonResponse(
        session_catalogue(session), json_dumps_params={"ensure_ascii": False}
    )


@require_http_methods(["POST"])
@_api(SELL)
def api_sync(request, session_id: int):
    """Accept a batch of sales from one device. Each sale is recorded in its
    own transaction; the answer says, per sale id, what became of it."""
    session = get_object_or_404(PosSession, pk=session_id)
    if request.content_type != "application/json":
        # A form post: its body was already read as a form (the invalid
        # characters middleware), and it is not a device's batch anyway.
        return JsonResponse({"error": "body is not JSON"}, status=400)
    try:
        _device, sales = sync_parse(request.body)
    except PayloadError as error:
        return JsonResponse({"error": str(error)}, status=400)
    results = []
    for sale in sales:
        if isinstance(sale, tuple):
            sale_id, error = sale
            results.append({"id": sale_id, "status": "rejected", "error": str(error)})
            continue
        try:
            record, created = pos_sale_record(
                session_id=session.pk, sale=sale, user=request.user
            )
        except PosError as error:
            results.append(
                {"id": str(sale.id), "status": "rejected", "error": str(error)}
            )
            continue
        results.append(
            {
                "id": str(record.pk),
                "status": record.status if created else "duplicate",
                "shortfall": record.shortfall,
                "order": record.order.number if record.order_id else None,
            }
        )
    return JsonResponse({"results": results})


@require_http_methods(["GET", "HEAD", "POST"])
@_staff_page(MANAGE)
def sessions(request):
    """Staff open a session at a fair or in a store."""
    form = SessionOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = pos_session_open(user=request.user, **form.cleaned_data)
        return redirect("pos:stock", session_id=session.pk)
    return render(
        request, "pos/sessions.html", {"form": form, "sessions": sessions_recent()}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_staff_page(MANAGE)
def session_stock(request, session_id: int):
    """Send lots from the warehouse to the session's place; each sending is
    one transfer document."""
    session = get_object_or_404(PosSession, pk=session_id)
    lots = list(lots_to_send(session))
    errors = []
    if request.method == "POST":
        quantities = {}
        for lot in lots:
            raw = request.POST.get(f"lot-{lot.pk}", "").strip()
            if not raw:
                continue
            if not raw.isdigit() or len(raw) > 6:
                errors.append(_("Type whole numbers of units."))
                break
            if int(raw):
                quantities[lot.pk] = int(raw)
        if not errors:
            try:
                pos_transfer_out(
                    session_id=session.pk, quantities=quantities, user=request.user
                )
            except PosError as error:
                errors.append(str(error))
            else:
                messages.success(request, _("The lots were sent to the session."))
                return redirect("pos:stock", session_id=session.pk)
    return render(
        request,
        "pos/stock.html",
        {
            "session": session,
            "lots": lots,
            "errors": errors,
            "at_place": session.lots.select_related("lot__variant").order_by("pk"),
            "transfers": session.transfers.prefetch_related("lines__lot"),
            "directions": Transfer.Direction,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_staff_page(MANAGE)
def session_close(request, session_id: int):
    """The close screen: expected money per device and payment method, the
    count typed beside it, the shortfalls, the units to bring back."""
    session = get_object_or_404(PosSession, pk=session_id)
    report = session_reconcile(session)
    errors = []
    form = CloseForm(request.POST or None, rows=report.rows)
    if request.method == "POST" and not session.is_closed:
        if not form.is_valid():
            errors.append(_("Type each count as an amount in MAD."))
        else:
            try:
                pos_session_close(
                    session_id=session.pk, counted=form.counted(), user=request.user
                )
            except PosError as error:
                errors.append(str(error))
            else:
                messages.success(request, _("The session is closed."))
                return redirect("pos:close", session_id=session.pk)
    return render(
        request,
        "pos/close.html",
        {"session": session, "report": report, "errors": errors},
    )


@require_http_methods(["POST"])
@_staff_page(MANAGE)
def shortfall_resolve(request, sale_id):
    sale = get_object_or_404(Sale, pk=sale_id)
    try:
        pos_shortfall_resolve(sale_id=sale.pk, user=request.user)
    except PosError as error:
        messages.error(request, str(error))
    return redirect("pos:close", session_id=sale.session_id)
