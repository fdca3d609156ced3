from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from shop.places import province_choices, province_region, region_choices


class DeliveryZone(models.TextChoices):
    MOROCCO = "morocco", _("Rest of Morocco")
    ABROAD = "abroad", _("Abroad")
    PICKUP = "pickup", _("Pick-up at the solidarity store")


def zone_choices():
    """What a delivery method may serve: the three zones above, a region of
    Morocco ("MA-05") or a province or prefecture ("MA-AZI"), named in the
    editor's language. A callable, so a renamed province needs no migration."""
    language = get_language()
    return [
        (_("General"), DeliveryZone.choices),
        (_("Regions of Morocco"), region_choices(language)),
        *(
            (
                _("Provinces and prefectures of %(region)s") % {"region": region},
                provinces,
            )
            for region, provinces in province_choices(language)
        ),
    ]


class DeliveryMethodQuerySet(models.QuerySet):
    def for_address(self, *, country: str, province: str = ""):
        """The active methods that serve an address. Abroad: the abroad
        methods. In Morocco: pick-up, and home delivery by the narrowest zone
        that has a method: the buyer's province, else its region, else the
        rest of Morocco (the first matching zone wins, as shipping zones do
        in most shops, so one address has one home-delivery price)."""
        active = self.filter(is_active=True)
        if country != "MA":
            return active.filter(zone=DeliveryZone.ABROAD)
        zones = [zone for zone in (province, province_region(province)) if zone]
        present = set(active.filter(zone__in=zones).values_list("zone", flat=True))
        home = next((zone for zone in zones if zone in present), DeliveryZone.MOROCCO)
        return active.filter(zone__in=[home, DeliveryZone.PICKUP])


class DeliveryMethod(models.Model):
    """A way to get an order to the buyer, with its rate, managed by staff."""

    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    zone = models.CharField(
        _("zone"),
        max_length=20,
        choices=zone_choices,
        help_text=_(
            "Home delivery to a province is priced by the narrowest zone that "
            "has a method: the province, else its region, else the rest of "
            "Morocco."
        ),
    )
    price = models.PositiveIntegerField(_("price in centimes, VAT included"))
    free_above = models.PositiveIntegerField(
        _("free above (centimes)"),
        null=True,
        blank=True,
        help_text=_("Orders whose products reach this amount travel free."),
    )
    # Consumer law 31-08: delivery within 30 days unless agreed otherwise.
    max_delay_days = models.PositiveSmallIntegerField(
        _("delivered within (days)"),
        default=30,
        help_text=_(
            "Calendar days from the order to the latest delivery (or collection) "
            "day, shown at checkout and in the confirmation. The law allows 30 "
            "unless the buyer agrees to more."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = DeliveryMethodQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("zone"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("free_above")]),
        FieldPanel("max_delay_days"),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "price"]
        verbose_name = _("delivery method")
        verbose_name_plural = _("delivery methods")

    def __str__(self):
        return self.name

    def cost_for(self, subtotal: int) -> int:
        if self.free_above is not None and subtotal >= self.free_above:
            return 0
        return self.price
