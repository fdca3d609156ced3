"""The cooperative portal: a member sees their own cooperative's sales, stock
and statements, and nothing else (anything else answers 404). Staff may open
any cooperative's portal. Reads go through shop.portal_selectors: the one call
from this app up to the shop, kept in views as ARCHITECTURE.md says."""

import csv

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from cooperatives.models import Cooperative
from shop import portal_selectors as selectors


def portal_cooperative(request) -> Cooperative:
    """The cooperative this request may see, or 404."""
    wanted = request.GET.get("c", "")
    if request.user.is_staff:
        queryset = Cooperative.objects.all()
    else:
        queryset = Cooperative.objects.filter(memberships__user=request.user)
    cooperative = (
        queryset.filter(slug=wanted).first()
        if wanted
        else queryset.order_by("name").first()
    )
    if cooperative is None:
        raise Http404
    return cooperative


def _context(request, cooperative, **extra):
    memberships = (
        Cooperative.objects.all()
        if request.user.is_staff
        else Cooperative.objects.filter(memberships__user=request.user)
    )
    return {
        "cooperative": cooperative,
        "switchable": list(memberships.order_by("name"))
        if request.user.is_staff or memberships.count() > 1
        else [],
        "c": cooperative.slug,
        **extra,
    }


@login_required(login_url="portal:login")
def dashboard(request):
    cooperative = portal_cooperative(request)
    months = selectors.sales_by_month(cooperative)
    chart = {
        "labels": [row["month"].strftime("%Y-%m") for row in months],
        "gross": [row["gross"] / 100 for row in months],
        "net": [row["net"] / 100 for row in months],
    }
    return render(
        request,
        "cooperatives/portal/dashboard.html",
        _context(
            request,
            cooperative,
            months=months,
            chart=chart,
            products=selectors.sales_by_product(cooperative)[:10],
            channels=selectors.sales_by_channel(cooperative),
            balance=selectors.balance(cooperative),
        ),
    )


@login_required(login_url="portal:login")
def sales(request):
    cooperative = portal_cooperative(request)
    lines = Paginator(selectors.order_lines(cooperative), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "cooperatives/portal/sales.html",
        _context(request, cooperative, lines=lines),
    )


@login_required(login_url="portal:login")
def stock(request):
    cooperative = portal_cooperative(request)
    return render(
        request,
        "cooperatives/portal/stock.html",
        _context(request, cooperative, variants=selectors.stock(cooperative)),
    )


@login_required(login_url="portal:login")
def statements(request):
    cooperative = portal_cooperative(request)
    return render(
        request,
        "cooperatives/portal/statements.html",
        _context(request, cooperative, statements=selectors.statements(cooperative)),
    )


def _statement(request, pk):
    cooperative = portal_cooperative(request)
    statement = selectors.statement(cooperative, pk)
    if statement is None:
        raise Http404
    return cooperative, statement


STATEMENT_COLUMNS = [
    "date",
    "kind",
    "channel",
    "label",
    "quantity",
    "gross",
    "vat",
    "commission",
    "net",
]


def _rows(statement):
    for entry in selectors.statement_entries(statement).iterator(chunk_size=5000):
        yield [
            entry.occurred_on.isoformat(),
            entry.kind,
            entry.channel,
            entry.label,
            entry.quantity,
            entry.gross / 100,
            entry.vat / 100,
            entry.commission / 100,
            entry.net / 100,
        ]


@login_required(login_url="portal:login")
def statement_detail(request, pk):
    cooperative, statement = _statement(request, pk)
    entries = Paginator(selectors.statement_entries(statement), 200).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "cooperatives/portal/statement.html",
        _context(request, cooperative, statement=statement, entries=entries),
    )


@login_required(login_url="portal:login")
def statement_csv(request, pk):
    _cooperative, statement = _statement(request, pk)

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow(STATEMENT_COLUMNS)
        for row in _rows(statement):
            yield writer.writerow(row)
        yield writer.writerow([])
        yield writer.writerow(["opening_balance", statement.opening_balance / 100])
        yield writer.writerow(["net_of_period", statement.net_payable / 100])
        yield writer.writerow(["closing_balance", statement.closing_balance / 100])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{statement.number}.csv"'
    return response


@login_required(login_url="portal:login")
def statement_xlsx(request, pk):
    from openpyxl import Workbook

    _cooperative, statement = _statement(request, pk)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = statement.number[:31]
    sheet.append(STATEMENT_COLUMNS)
    for row in _rows(statement):
        sheet.append(row)
    sheet.append([])
    sheet.append(["opening_balance", statement.opening_balance / 100])
    sheet.append(["closing_balance", statement.closing_balance / 100])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{statement.number}.xlsx"'
    workbook.save(response)
    return response


class LoginView(auth_views.LoginView):
    template_name = "cooperatives/portal/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("portal:dashboard")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "cooperatives/portal/password_reset.html"
    email_template_name = "cooperatives/portal/password_reset_email.txt"
    subject_template_name = "cooperatives/portal/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "cooperatives/portal/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "cooperatives/portal/password_reset_confirm.html"
    success_url = reverse_lazy("portal:login")
