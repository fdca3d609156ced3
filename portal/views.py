"""The cooperative portal: a member sees their own cooperative's sales, stock
and statements, and nothing else (anything else answers 404). A user with the
"view every cooperative's portal" permission (the Foundation staff group) may
open any cooperative's portal with ?c=<slug>. Reads go through
portal.selectors: the one call from this app up to the shop, kept in
views as ARCHITECTURE.md says."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, get_language_bidi

from cooperatives.models import Cooperative, CooperativeMembership
from portal import documents, exports, selectors
from shop.money import number_symbols
from shop.views import PublicLinksPasswordResetView

VIEW_EVERY_PORTAL = "cooperatives.view_every_portal"


def _visible(user):
    """The cooperatives whose portal `user` may open: every one with the
    named permission (not `is_staff`, which only opens the admin), else
    those the user is a member of."""
    if user.has_perm(VIEW_EVERY_PORTAL):
        return Cooperative.objects.all()
    return Cooperative.objects.filter(memberships__user=user)


def portal_cooperative(request) -> Cooperative:
    """The cooperative this request may see, or 404."""
    wanted = request.GET.get("c", "")
    queryset = _visible(request.user)
    cooperative = (
        queryset.filter(slug=wanted).first()
        if wanted
        else queryset.order_by("name").first()
    )
    if cooperative is None:
        raise Http404
    return cooperative


LANGUAGE_SEEN = "portal_language"


def remember_language(request) -> None:
    """Keep the language the member reads the portal in, for the emails
    sent to them (statements). One write when it changes, none per page."""
    language = get_language()
    if request.session.get(LANGUAGE_SEEN) == language:
        return
    CooperativeMembership.objects.filter(user=request.user).exclude(
        language=language
    ).update(language=language)
    request.session[LANGUAGE_SEEN] = language


def _context(request, cooperative, **extra):
    remember_language(request)
    visible = list(_visible(request.user).order_by("name"))
    return {
        "cooperative": cooperative,
        "switchable": visible if len(visible) > 1 else [],
        "c": cooperative.slug,
        **extra,
    }


@login_required(login_url="portal:login")
def dashboard(request):
    cooperative = portal_cooperative(request)
    months = selectors.sales_by_month(cooperative)
    # The chart writes months and amounts as the tables beside it do: the
    # month names of the reader's language (Moroccan in Arabic), the
    # locale's grouping and decimal marks (portal-chart.js uses them).
    chart = {
        "labels": [date_format(row["month"], "F Y") for row in months],
        "gross": [row["gross"] / 100 for row in months],
        "net": [row["net"] / 100 for row in months],
        "symbols": number_symbols(get_language()),
    }
    return render(
        request,
        "portal/dashboard.html",
        _context(
            request,
            cooperative,
            months=months,
            chart=chart,
            products=selectors.sales_by_product(cooperative, limit=10),
            channels=selectors.sales_by_channel(cooperative),
            owed=selectors.owed(cooperative),
        ),
    )


@login_required(login_url="portal:login")
def sales(request):
    """The order lines a page at a time, by key: `after` and `before` are
    cursors this view wrote in its links; a damaged or forged one shows the
    first page."""
    cooperative = portal_cooperative(request)
    page = selectors.sales_page(
        cooperative,
        after=selectors.Cursor.parse(request.GET.get("after")),
        before=selectors.Cursor.parse(request.GET.get("before")),
    )
    return render(
        request,
        "portal/sales.html",
        _context(request, cooperative, lines=page.lines, page=page),
    )


@login_required(login_url="portal:login")
def stock(request):
    cooperative = portal_cooperative(request)
    return render(
        request,
        "portal/stock.html",
        _context(request, cooperative, variants=selectors.stock(cooperative)),
    )


@login_required(login_url="portal:login")
def statements(request):
    cooperative = portal_cooperative(request)
    return render(
        request,
        "portal/statements.html",
        _context(request, cooperative, statements=selectors.statements(cooperative)),
    )


def _statement(request, pk):
    cooperative = portal_cooperative(request)
    statement = selectors.statement(cooperative, pk)
    if statement is None:
        raise Http404
    return cooperative, statement


@login_required(login_url="portal:login")
def statement_detail(request, pk):
    cooperative, statement = _statement(request, pk)
    paginator = Paginator(selectors.statement_entries(statement), 200)
    # Counted on the entries alone: a count of the described entries would
    # join what describes each of a year's 200,000 (SQLite keeps the joins).
    paginator.count = selectors.statement_entry_count(statement)
    entries = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/statement.html",
        _context(request, cooperative, statement=statement, entries=entries),
    )


@login_required(login_url="portal:login")
def statement_csv(request, pk):
    _cooperative, statement = _statement(request, pk)
    table = exports.StatementTable(
        statement, selectors.statement_entries(statement, languages=False)
    )
    response = StreamingHttpResponse(
        exports.csv_chunks(table, get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{statement.number}.csv"
    )
    return response


@login_required(login_url="portal:login")
def statement_xlsx(request, pk):
    _cooperative, statement = _statement(request, pk)
    table = exports.StatementTable(
        statement, selectors.statement_entries(statement, languages=False)
    )
    workbook = exports.xlsx_workbook(table, right_to_left=get_language_bidi())
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{statement.number}.xlsx"
    )
    workbook.save(response)
    return response


@login_required(login_url="portal:login")
def statement_pdf(request, pk):
    cooperative, statement = _statement(request, pk)
    pdf = documents.statement_pdf(
        statement, selectors.statement_entries(statement), cooperative=cooperative
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{statement.number}.pdf"
    )
    return response


class LoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("portal:dashboard")


class PasswordResetView(PublicLinksPasswordResetView):
    template_name = "shop/password_reset.html"
    email_template_name = "portal/password_reset_email.txt"
    subject_template_name = "portal/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "shop/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "shop/password_reset_confirm.html"
    success_url = reverse_lazy("portal:login")
