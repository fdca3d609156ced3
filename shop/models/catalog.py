from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from shop.admin_forms import ProductAdminForm
from shop.money import vat_included

MAX_PRICE = 100_000_000  # one million dirhams, in centimes
MAX_STOCK = 1_000_000

# The Harmonized System code of a product on export papers: the six digits of
# the international nomenclature, up to the ten of Morocco's tariff.
hs_code_validator = RegexValidator(
    r"^[0-9]{6,10}$", _("An HS code is 6 to 10 digits, e.g. 0409000000.")
)


def validate_country_code(value: str) -> None:
    from shop.places import country_codes

    if value not in country_codes() and value != "MA":
        raise ValidationError(
            _("Enter a country's two-letter ISO code, e.g. MA for Morocco.")
        )


class VatRate(models.Model):
    """A Moroccan VAT rate: 20 % standard, 14 %, 10 %, 7 % reduced, or exempt."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    rate_bp = models.PositiveIntegerField(
        _("rate"),
        validators=[MaxValueValidator(10_000)],
        help_text=_("In basis points: 2000 is 20 %."),
    )

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("rate_bp")]

    class Meta:
        ordering = ["-rate_bp"]
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")

    def __str__(self):
        return self.name

    @property
    def percent(self) -> str:
        whole, rest = divmod(self.rate_bp, 100)
        return f"{whole} %" if not rest else f"{whole}.{rest:02d} %"


class ProductQuerySet(models.QuerySet):
    def sellable(self):
        return self.filter(is_active=True, cooperative__is_active=True)


class Product(index.Indexed, ClusterableModel):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        "cooperatives.ProductCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    certifications = models.ManyToManyField(
        "cooperatives.Certification",
        verbose_name=_("certifications"),
        related_name="products",
        blank=True,
        help_text=_("Chosen among the cooperative's certifications."),
    )
    vat_rate = models.ForeignKey(
        VatRate, verbose_name=_("VAT rate"), on_delete=models.PROTECT
    )
    hs_code = models.CharField(
        _("HS code"),
        max_length=10,
        blank=True,
        validators=[hs_code_validator],
        help_text=_("Customs tariff code for export papers: 6 to 10 digits."),
    )
    origin_country = models.CharField(
        _("country of origin"),
        max_length=2,
        default="MA",
        validators=[validate_country_code],
        help_text=_("Two-letter ISO code: MA for Morocco."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()
    base_form_class = ProductAdminForm

    panels = [
        FieldPanel("cooperative"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("vat_rate")]),
        FieldPanel("certifications"),
        FieldRowPanel([FieldPanel("hs_code"), FieldPanel("origin_country")]),
        FieldPanel("is_active"),
        InlinePanel("variants", label=_("Variants"), min_num=1),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name


class VariantQuerySet(models.QuerySet):
    def sellable(self):
        return self.filter(
            is_active=True,
            product__is_active=True,
            product__cooperative__is_active=True,
        )


class Variant(models.Model):
    product = ParentalKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="variants",
    )
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=60, help_text=_("“250 g”"))
    price = models.PositiveIntegerField(
        _("price including VAT, in centimes"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE)],
    )
    weight_grams = models.PositiveIntegerField(
        _("gross weight in grams"),
        default=0,
        help_text=_("Packed, as shipped."),
    )
    net_weight_grams = models.PositiveIntegerField(
        _("net weight in grams"),
        default=0,
        help_text=_("The contents alone, for export papers."),
    )
    stock = models.PositiveIntegerField(
        _("stock"), default=0, validators=[MaxValueValidator(MAX_STOCK)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = VariantQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("label")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("price"),
                        FieldPanel("weight_grams"),
                        FieldPanel("net_weight_grams"),
                        FieldPanel("stock", read_only=True),
                    ]
                ),
                FieldPanel("is_active"),
            ],
            heading=_("Price and stock"),
        ),
    ]

    class Meta:
        ordering = ["sort_order", "price", "pk"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stock__gte=0), name="variant_stock_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(price__gt=0), name="variant_price_positive"
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.label} ({self.sku})"

    def save(self, *args, **kwargs):
        # Stock moves only through `variant_stock_add` (an F() update under the
        # variant's lock). Saving a variant loaded earlier — the product form
        # in the admin — must not write back the stock it read then.
        if self.pk is not None and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname != "stock"
            ]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.sku = (self.sku or "").strip().upper()
        if " " in self.sku:
            raise ValidationError({"sku": _("A SKU has no spaces.")})
        if self.net_weight_grams > self.weight_grams:
            raise ValidationError(
                {
                    "net_weight_grams": _(
                        "The net weight is the contents alone: it cannot be "
                        "more than the gross weight."
                    )
                }
            )

    @property
    def vat_cents(self) -> int:
        return vat_included(self.price, self.product.vat_rate.rate_bp)

    @property
    def is_sellable(self) -> bool:
        return (
            self.is_active
            and self.product.is_active
            and self.product.cooperative.is_active
        )
