"""Reads for the catalogue pages. The listing runs the same queries whatever
the number of products: prices and availability are annotations, images and
their renditions are prefetched."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from cooperatives.choices import CertificationKind
from cooperatives.models import (
    Certification,
    Cooperative,
    ProductCategory,
    Province,
    today,
)
from shop.models import Variant
from shop.selectors import cooperative_share, sellable_stock, variants_in_stock

CARD_RENDITION = "fill-480x480"
MAX_PRICE_MAD = 1_000_000

SORTS = {
    "name": ("title", _("Name")),
    "price": ("min_price", _("Price, lowest first")),
    "-price": ("-min_price", _("Price, highest first")),
    "new": ("-first_published_at", _("Newest")),
}


class CatalogueFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    cooperative = forms.ChoiceField(label=_("Cooperative"), required=False)
    certification = forms.ChoiceField(label=_("Certification"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    price_min = forms.IntegerField(
        label=_("Price from (MAD)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE_MAD,
    )
    price_max = forms.IntegerField(
        label=_("Price up to (MAD)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE_MAD,
    )
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_field, label) in SORTS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.slug, c.name)
            for c in ProductCategory.objects.filter(products__isnull=False).distinct()
        ]
        self.fields["cooperative"].choices = [("", _("All cooperatives"))] + [
            (c.slug, c.name)
            for c in Cooperative.objects.active()
            .filter(products__isnull=False)
            .distinct()
        ]
        self.fields["certification"].choices = [
            ("", _("Any certification")),
            *CertificationKind.choices,
        ]
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.slug, p.name)
            for p in Province.objects.filter(
                cooperatives__products__isnull=False
            ).distinct()
        ]

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "price_max", _("The highest price is lower than the lowest price.")
            )
        return data


@dataclass(frozen=True)
class CatalogueFilters:
    form: CatalogueFilterForm
    values: dict

    @classmethod
    def from_query(cls, query) -> "CatalogueFilters":
        form = CatalogueFilterForm(query or None)
        values = {}
        if form.is_bound and form.is_valid():
            values = {
                k: v for k, v in form.cleaned_data.items() if v not in ("", None, False)
            }
        return cls(form, values)

    @property
    def query_string(self) -> str:
        """The filters as a query string, for the pagination links."""
        pairs = [(k, "1" if v is True else v) for k, v in self.values.items()]
        return urlencode(pairs)

    @property
    def active(self) -> bool:
        return any(k != "sort" for k in self.values)


def _images():
    return get_image_model().objects.prefetch_renditions(CARD_RENDITION)


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


def product_cards(*, parent, filters: CatalogueFilters):
    values = filters.values
    pages = product_pages().child_of(parent)
    if "category" in values:
        pages = pages.filter(product__category__slug=values["category"])
    if "cooperative" in values:
        pages = pages.filter(product__cooperative__slug=values["cooperative"])
    if "province" in values:
        pages = pages.filter(product__cooperative__province__slug=values["province"])
    if "certification" in values:
        valid = Certification.objects.valid_on(today()).filter(
            kind=values["certification"], products=OuterRef("product")
        )
        pages = pages.filter(Exists(valid))
    if "price_min" in values:
        pages = pages.filter(min_price__gte=values["price_min"] * 100)
    if "price_max" in values:
        pages = pages.filter(min_price__lte=values["price_max"] * 100)
    if values.get("in_stock"):
        pages = pages.filter(in_stock=True)
    order = SORTS[values.get("sort", "name")][0]
    return pages.order_by(order, "pk")


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
