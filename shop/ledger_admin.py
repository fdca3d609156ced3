"""Staff screens for the money side: sales sessions (close, CSV import),
pooled costs (allocate), statements (issue, mark paid) and the reports."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from cooperatives.models import Cooperative, today
from shop.admin_views import require_permission
from shop.models import (
    PooledCost,
    SalesSession,
    Statement,
)
from shop.reports import reconciliation
from shop.services.ledger import AlreadyAllocated, pooled_cost_allocate
from shop.services.sessions import SessionError, session_close, session_import_csv
from shop.services.settlements import (
    SettlementError,
    statement_issue,
    statement_mark_paid,
)


def session_action(request, pk):
    require_permission(request, "shop.change_salessession")
    session = get_object_or_404(SalesSession, pk=pk)
    report = None
    if request.method == "POST" and "close" in request.POST:
        try:
            order = session_close(session_id=session.pk, user=request.user)
        except SessionError as error:
            for problem in error.problems:
                messages.error(request, problem)
        else:
            messages.success(
                request,
                gettext("Session closed as %(number)s.") % {"number": order.number},
            )
            return redirect("wagtailsnippets_shop_salessession:list")
    elif request.method == "POST" and request.FILES.get("csv"):
        upload = request.FILES["csv"]
        if upload.size > 1_000_000:
            messages.error(request, gettext("The file is larger than 1 MB."))
        else:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                messages.error(request, gettext("The file must be UTF-8 CSV."))
            else:
                report = session_import_csv(session_id=session.pk, text=text)
                if report.ok:
                    messages.success(
                        request,
                        gettext("%(rows)s lines imported.") % {"rows": report.rows},
                    )
    return render(
        request,
        "shop/admin/session.html",
        {
            "session": session,
            "lines": session.lines.select_related("variant"),
            "report": report,
        },
    )


def pooled_cost_allocate_view(request, pk):
    require_permission(request, "shop.change_pooledcost")
    cost = get_object_or_404(PooledCost, pk=pk)
    cooperatives = Cooperative.objects.active().order_by("name")
    if request.method == "POST":
        try:
            weights = {
                c.pk: int(request.POST.get(f"weight-{c.pk}") or 0) for c in cooperatives
            }
            weights = {k: v for k, v in weights.items() if v > 0}
            if not weights:
                raise ValueError
            pooled_cost_allocate(cost_id=cost.pk, weights=weights)
        except AlreadyAllocated:
            messages.error(request, gettext("This cost was already allocated."))
            return redirect("wagtailsnippets_shop_pooledcost:list")
        except ValueError:
            messages.error(
                request,
                gettext("Give a positive whole weight to at least one cooperative."),
            )
        else:
            messages.success(request, gettext("Cost allocated as deductions."))
            return redirect("wagtailsnippets_shop_pooledcost:list")
    return render(
        request,
        "shop/admin/pooled_cost.html",
        {"cost": cost, "cooperatives": cooperatives},
    )


def statements_view(request):
    require_permission(request, "shop.change_statement")
    if request.method == "POST":
        try:
            if "issue" in request.POST:
                period_end = datetime.date.fromisoformat(request.POST["period_end"])
                cooperative = get_object_or_404(
                    Cooperative, pk=request.POST.get("cooperative")
                )
                statement = statement_issue(
                    cooperative_id=cooperative.pk, period_end=period_end
                )
                messages.success(request, statement.number)
            elif "paid" in request.POST:
                raw = request.POST["paid"].strip()
                if not raw.isdigit() or len(raw) > 9:
                    raise ValueError
                statement = get_object_or_404(Statement, pk=int(raw))
                statement_mark_paid(
                    statement_id=statement.pk,
                    reference=request.POST.get("reference", ""),
                )
                messages.success(request, gettext("Payment recorded."))
        except (SettlementError, ValueError, KeyError) as error:
            messages.error(request, str(error) or gettext("Please check the form."))
        return redirect("shop_statements")
    return render(
        request,
        "shop/admin/statements.html",
        {
            "statements": Statement.objects.select_related(
                "cooperative", "previous", "next_statement"
            )[:200],
            "cooperatives": Cooperative.objects.order_by("name"),
            "today": today(),
        },
    )


def reports_view(request):
    """Sales by cooperative and channel, and the reconciliation of a period:
    collected - refunded = cooperative nets + commission + VAT + delivery."""
    require_permission(request, "shop.view_order")
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", ""))
        end = datetime.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        end = today()
        start = end.replace(day=1)
    report = reconciliation(start=start, end=end)
    return render(
        request,
        "shop/admin/reports.html",
        {"start": start, "end": end, **report},
    )
