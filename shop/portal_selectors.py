"""Reads for the cooperative portal. Every function takes the cooperative and
filters by it: nothing here can return another cooperative's data."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from shop.models import EntryKind, LedgerEntry, OrderLine, Statement, Variant


def _sales(cooperative):
    return LedgerEntry.objects.filter(
        cooperative=cooperative, kind__in=[EntryKind.SALE, EntryKind.REFUND]
    )


def sales_by_month(cooperative) -> list[dict]:
    return list(
        _sales(cooperative)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(gross=Sum("gross"), net=Sum("net"))
        .order_by("month")
    )


def sales_by_product(cooperative) -> list[dict]:
    return list(
        _sales(cooperative)
        .values("order_line__sku", "order_line__product_name")
        .annotate(quantity=Sum("quantity"), gross=Sum("gross"), net=Sum("net"))
        .order_by("-gross")
    )


def sales_by_channel(cooperative) -> list[dict]:
    return list(
        _sales(cooperative)
        .values("channel")
        .annotate(gross=Sum("gross"), net=Sum("net"), entries=Count("pk"))
        .order_by("-gross")
    )


def order_lines(cooperative):
    """The cooperative's order lines with what it earned on each; the buyer
    appears only as a city."""
    earned = (
        LedgerEntry.objects.filter(order_line=OuterRef("pk"))
        .values("order_line")
        .annotate(total=Sum("net"))
        .values("total")
    )
    return (
        OrderLine.objects.filter(cooperative=cooperative, order__paid_at__isnull=False)
        .annotate(net=Coalesce(Subquery(earned, output_field=IntegerField()), 0))
        .values(
            "pk",
            "order__paid_at",
            "order__channel",
            "order__city",
            "product_name",
            "variant_label",
            "sku",
            "quantity",
            "gross",
            "net",
        )
        .order_by("-order__paid_at", "-pk")
    )


def stock(cooperative):
    return (
        Variant.objects.filter(product__cooperative=cooperative)
        .select_related("product")
        .order_by("product__name", "sort_order", "pk")
    )


def statements(cooperative):
    """The cooperative's statements, latest first, each with its neighbours
    in the chain (the one it carries from, the one it was carried into)."""
    return (
        Statement.objects.filter(cooperative=cooperative)
        .select_related("previous", "next_statement")
        .order_by("-period_end")
    )


def statement(cooperative, pk) -> Statement | None:
    return statements(cooperative).filter(pk=pk).first()


def statement_entries(statement_obj):
    return statement_obj.entries.order_by("occurred_on", "pk")


def balance(cooperative) -> int:
    """Entries not yet on a statement: earned, waiting for settlement."""
    return (
        LedgerEntry.objects.filter(
            cooperative=cooperative, statement__isnull=True
        ).aggregate(total=Sum("net"))["total"]
        or 0
    )
