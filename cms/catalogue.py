"""Reads for the catalogue pages. The listing runs the same queries whatever
the number of products: prices and availability are annotations, images and
their renditions are prefetched."""

from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from wagtail.images import get_image_model

from cms.selectors import CARD_RENDITIONS
from cooperatives.models import today
from shop.models import Variant
from shop.selectors import cooperative_share, sellable_stock, variants_in_stock


def _images():
    return get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)


def _sellable_variants():
    return Variant.objects.filter(is_active=True)


def product_pages():
    from cms.models import ProductPage

    return (
        ProductPage.objects.live()
        .public()
        .filter(product__is_active=True, product__cooperative__is_active=True)
        .annotate(
            min_price=Min(
                "product__variants__price",
                filter=Q(product__variants__is_active=True),
            ),
            # Stock that can be bought today (expired lots do not count).
            in_stock=Exists(variants_in_stock().filter(product=OuterRef("product"))),
        )
        .select_related("product__cooperative", "product__category")
        .prefetch_related(Prefetch("image", queryset=_images()))
    )


def product_cards(*, parent):
    """The catalogue's product pages, for `cms.filters.CatalogueFilterSet`."""
    return product_pages().child_of(parent)


# What `product_details` gives.
PRODUCT_DETAILS = (
    "product",
    "variants",
    "certifications",
    "cooperative_page",
    "sellable",
)


def product_details(page) -> dict:
    """Everything a product page shows, in a fixed number of queries."""
    from shop.models import Product

    # One query for the product and all it points to; the page, its
    # template and its JSON-LD then read this one object.
    product = Product.objects.select_related(
        "category", "vat_rate", "cooperative__province", "cooperative__page"
    ).get(pk=page.product_id)
    page.product = product
    variants = list(_sellable_variants().filter(product=product).order_by("price"))
    certifications = list(
        product.certifications.valid_on(today()).order_by("kind", "valid_until")
    )
    cooperative_page = (
        getattr(product.cooperative, "page", None)
        if product.cooperative.is_active
        else None
    )
    # The agreement in force, asked once for all the variants.
    agreement = product.cooperative.agreement_on(today()) if variants else None
    # Stock shown is what can be sold today: expired lots no longer count.
    stock = sellable_stock(variants) if variants else {}
    for variant in variants:
        variant.product = product
        variant.stock = stock[variant.pk]
        variant.cooperative_share = cooperative_share(variant, today(), agreement)
    return {
        "product": product,
        "variants": variants,
        "certifications": certifications,
        "cooperative_page": cooperative_page
        if cooperative_page is not None and cooperative_page.live
        else None,
        # Without an agreement in force the cooperative's products are not sold.
        "sellable": product.is_active
        and product.cooperative.is_active
        and agreement is not None,
    }


def cooperative_products(cooperative) -> list:
    return list(
        product_pages().filter(product__cooperative=cooperative).order_by("title")
    )
