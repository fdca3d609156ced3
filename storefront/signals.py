"""What empties the page cache: publishing, and any change to what the
public pages show (products, prices, cooperatives, their agreements and
certificates, lots, images, statements paid). Stock is not among them:
pages show no stock figure, only whether a variant can be bought, and
``shop.services.locks.variant_stock_add`` (stock moves by ``UPDATE ... SET
stock = stock - n``, which sends no signal) empties the cache itself when a
variant sells out or comes back."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import page_cache

WATCHED_MODELS = (
    "shop.Product",
    "shop.Variant",
    "shop.Lot",
    "cooperatives.Cooperative",
    # The agreement sets the cooperative's share shown on product pages and
    # whether its products can be sold.
    "cooperatives.PartnershipAgreement",
    "cooperatives.Certification",
    # A statement issued or paid changes the home page's "paid out" figure.
    "shop.Statement",
    "cooperatives.Province",
    "cooperatives.ProductCategory",
    "wagtailimages.Image",
    "wagtailcore.Page",
    "wagtailcore.Site",
)


def _changed(sender, **kwargs):
    page_cache.invalidate_on_commit()


def _restrictions_changed(sender, **kwargs):
    # Forgotten again once the change commits: a request in between could
    # have read the old list back into the cache, and it is kept for good.
    page_cache.forget_restrictions()
    transaction.on_commit(page_cache.forget_restrictions)
    page_cache.invalidate_on_commit()


def connect() -> None:
    restriction = apps.get_model("wagtailcore.PageViewRestriction")
    post_save.connect(_restrictions_changed, sender=restriction, dispatch_uid="pc-r-s")
    post_delete.connect(
        _restrictions_changed, sender=restriction, dispatch_uid="pc-r-d"
    )
    page_published.connect(_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(_changed, dispatch_uid="page-cache-moved")
    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"page-cache-s-{label}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"page-cache-d-{label}"
        )
