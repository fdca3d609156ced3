"""Row locks, taken the same way everywhere stock moves, and the one way
stock moves."""

from django.db import connection
from django.db.models import F

from core import page_cache
from shop.models import Variant
from shop.selectors import expired_stock


def lock_for_update(queryset):
    """SELECT ... FOR UPDATE, of the queryset's own rows only (PostgreSQL:
    joined tables stay unlocked). SQLite has no row locks and serialises
    writers on the whole database instead."""
    if connection.features.has_select_for_update_of:
        return queryset.select_for_update(of=("self",))
    return queryset.select_for_update()


def variants_lock(variant_ids, *, with_product: bool = False) -> dict[int, Variant]:
    """Lock the variants in id order (the shop's one lock order: variants,
    then their lots, then the discount code) and return them by id.

    Every path that moves stock starts here, inside its transaction, so two
    paths holding the same variants always queue instead of deadlocking."""
    queryset = Variant.objects.filter(pk__in=set(variant_ids)).order_by("pk")
    if with_product:
        queryset = queryset.select_related("product__cooperative", "product__vat_rate")
    return {variant.pk: variant for variant in lock_for_update(queryset)}


def variant_stock_add(variant_id: int, delta: int) -> None:
    """Move a variant's stock by ``delta`` (negative to take), inside the
    caller's transaction and under its lock.

    Cached pages show no stock figure (the visitor status request brings
    it), only whether a variant can be bought: the page cache is emptied,
    once the transaction commits, only when this movement sells the variant
    out or brings it back. Units of expired lots never count as sellable
    (`shop.selectors.sellable_stock`); a movement of such units leaves what
    can be sold unchanged, and at worst empties the cache once too often."""
    if not delta:
        return
    Variant.objects.filter(pk=variant_id).update(stock=F("stock") + delta)
    after = Variant.objects.filter(pk=variant_id).values_list("stock", flat=True)[0]
    before = after - delta
    if before <= 0 and after <= 0:
        return  # sold out before and after: no need to count expired lots
    expired = expired_stock([variant_id]).get(variant_id, 0)
    if (before > expired) != (after > expired):
        page_cache.invalidate_on_commit()
