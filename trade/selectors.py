"""Reads of the business side: whose company a user buys for, its prices,
its quotes."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404

from shop.models import Variant
from shop.pricing import LineInput, PricedOrder, price_order
from trade.models import (
    AccountStatus,
    BusinessAccount,
    PriceListItem,
    PriceTier,
    Quote,
)


def member_account(user) -> BusinessAccount | None:
    """The approved company `user` buys for, or None (signed out, not a
    member, or the company not approved or in no group)."""
    if not getattr(user, "is_authenticated", False):
        return None
    account = (
        BusinessAccount.objects.filter(
            members__user=user, status=AccountStatus.APPROVED, group__isnull=False
        )
        .select_related("group")
        .first()
    )
    return account


def price_items(group_id: int, *, variant_ids=None, skus=None) -> list[PriceListItem]:
    """The group's price list entries (tiers prefetched, variants and
    products joined), of the given variants or SKUs if any are named."""
    items = (
        PriceListItem.objects.filter(group_id=group_id)
        .select_related("variant__product__vat_rate")
        .prefetch_related(
            Prefetch("tiers", queryset=PriceTier.objects.order_by("from_quantity"))
        )
    )
    if variant_ids is not None:
        items = items.filter(variant_id__in=variant_ids)
    if skus is not None:
        items = items.filter(variant__sku__in=skus)
    return list(items)


@dataclass(frozen=True)
class RowCheck:
    """One quick-order row, checked: the entry it matched, or its error."""

    sku: str
    quantity: int
    item: PriceListItem | None = None
    unit_price: int | None = None
    error: str | None = None
    field: str = "quantity"  # the row's field the error is shown next to


def quote_for(account: BusinessAccount, number: str) -> Quote:
    """The account's quote of that number; 404 for anyone else's."""
    quote = (
        Quote.objects.filter(account=account, number=number)
        .select_related("account", "order")
        .first()
    )
    if quote is None:
        raise Http404
    return quote


def quote_lines(quote: Quote) -> list:
    return list(
        quote.lines.select_related("variant__product__vat_rate").order_by(
            "sort_order", "pk"
        )
    )


def quote_priced(quote: Quote, lines=None) -> PricedOrder:
    """The quote priced the way its order will be (shop.pricing): VAT per
    rate included in the unit prices, delivery at the standard rate."""
    lines = quote_lines(quote) if lines is None else lines
    return price_order(
        [
            LineInput(
                unit_price=line.unit_price,
                quantity=line.quantity,
                vat_rate_bp=line.variant.product.vat_rate.rate_bp,
            )
            for line in lines
        ],
        delivery=quote.delivery,
        delivery_vat_bp=settings.SHOP_DELIVERY_VAT_BP,
    )


def variants_by_sku(skus) -> dict[str, Variant]:
    return {
        v.sku: v
        for v in Variant.objects.filter(sku__in=set(skus)).select_related(
            "product__cooperative"
        )
    }
