"""The filters of the catalogue and of the cooperatives' index, as
django-filter FilterSets. The URL parameters are those the pages always had,
so shared links keep working. A value that does not validate (an unknown
slug, a price that is not a whole number) is reported under its field and
that filter is left out; the others still apply."""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cooperatives.choices import CertificationKind
from cooperatives.models import (
    Certification,
    Cooperative,
    ProductCategory,
    Province,
    today,
)
from core import fallback
from core.widgets import LanguageMarkedSelect

MAX_PRICE_MAD = 1_000_000

SORTS = {
    "name": ("title", _("Name")),
    "price": ("min_price", _("Price, lowest first")),
    "-price": ("-min_price", _("Price, highest first")),
    "new": ("-first_published_at", _("Newest")),
}
DEFAULT_SORT = "name"


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CheckboxFilter(django_filters.BooleanFilter):
    """A checkbox: "on" (what a browser sends) is yes, absent is no filter."""

    field_class = forms.BooleanField


class FilterSet(django_filters.FilterSet):
    """What the templates read besides the form."""

    @property
    def values(self) -> dict:
        """The filters that validated and say something."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in ("", None, False)
        }

    @property
    def active(self) -> bool:
        return any(name != "sort" for name in self.values)

    @property
    def query_string(self) -> str:
        """The filters as a query string, for the pagination links."""
        pairs = [(k, "on" if v is True else v) for k, v in self.values.items()]
        return urlencode(pairs)

    def _choices(self, name: str, choices) -> None:
        # Set once here, so that rendering and validating the field read
        # the same list and run its query once.
        self.filters[name].extra["choices"] = list(choices)

    def _named_choices(self, name: str, objects) -> None:
        """Choices of `objects` by slug and translated name; each option
        says its name's language where it is not the page's (a province
        named only in Arabic on a French page)."""
        objects = list(objects)
        self._choices(name, ((o.slug, o.name) for o in objects))
        self.filters[name].extra["widget"] = LanguageMarkedSelect(
            languages={o.slug: fallback.shown_language(o, "name") for o in objects}
        )


class CatalogueForm(forms.Form):
    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "price_max", _("The highest price is lower than the lowest price.")
            )
        return data


class CatalogueFilterSet(FilterSet):
    """Filters over `cms.catalogue.product_pages()`: its `min_price` and
    `in_stock` annotations are what the price and stock filters read."""

    category = django_filters.ChoiceFilter(
        field_name="product__category__slug",
        label=_("Category"),
        empty_label=_("All categories"),
    )
    cooperative = django_filters.ChoiceFilter(
        field_name="product__cooperative__slug",
        label=_("Cooperative"),
        empty_label=_("All cooperatives"),
    )
    certification = django_filters.ChoiceFilter(
        label=_("Certification"),
        empty_label=_("Any certification"),
        choices=CertificationKind.choices,
        method="filter_certification",
    )
    province = django_filters.ChoiceFilter(
        field_name="product__cooperative__province__slug",
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    price_min = WholeNumberFilter(
        label=_("Price from (MAD)"),
        min_value=0,
        max_value=MAX_PRICE_MAD,
        method="filter_price_min",
    )
    price_max = WholeNumberFilter(
        label=_("Price up to (MAD)"),
        min_value=0,
        max_value=MAX_PRICE_MAD,
        method="filter_price_max",
    )
    in_stock = CheckboxFilter(label=_("In stock only"), method="filter_in_stock")
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (_field, label) in SORTS.items()],
        empty_label=None,
        method="filter_sort",
    )

    class Meta:
        form = CatalogueForm

    def __init__(self, data=None, queryset=None, **kwargs):
        # Without a sort asked for (or with one that does not validate), by name.
        queryset = queryset.order_by(SORTS[DEFAULT_SORT][0], "pk")
        super().__init__(data, queryset, **kwargs)
        self._named_choices(
            "category",
            ProductCategory.objects.filter(products__isnull=False).distinct(),
        )
        self._named_choices(
            "cooperative",
            Cooperative.objects.active().filter(products__isnull=False).distinct(),
        )
        self._named_choices(
            "province",
            Province.objects.filter(cooperatives__products__isnull=False).distinct(),
        )

    def filter_certification(self, queryset, name, value):
        valid = Certification.objects.valid_on(today()).filter(
            kind=value, products=OuterRef("product")
        )
        return queryset.filter(Exists(valid))

    def filter_price_min(self, queryset, name, value):
        return queryset.filter(min_price__gte=value * 100)

    def filter_price_max(self, queryset, name, value):
        return queryset.filter(min_price__lte=value * 100)

    def filter_in_stock(self, queryset, name, value):
        return queryset.filter(in_stock=True) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(SORTS[value][0], "pk")


class CooperativeFilterSet(FilterSet):
    province = django_filters.ChoiceFilter(
        field_name="cooperative__province__slug",
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    category = django_filters.ChoiceFilter(
        field_name="cooperative__categories__slug",
        label=_("Products"),
        empty_label=_("All products"),
        distinct=True,
    )

    def __init__(self, data=None, queryset=None, *, provinces, categories, **kw):
        super().__init__(data, queryset, **kw)
        self._named_choices("province", provinces)
        self._named_choices("category", categories)
