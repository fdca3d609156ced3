from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class DeliveryZone(models.TextChoices):
    SAME_CITY = "same_city", _("Same city")
    MOROCCO = "morocco", _("Rest of Morocco")
    ABROAD = "abroad", _("Abroad")
    PICKUP = "pickup", _("Pick-up at the solidarity store")


class DeliveryMethod(models.Model):
    """A way to get an order to the buyer, with its rate, managed by staff."""

    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    zone = models.CharField(_("zone"), max_length=20, choices=DeliveryZone.choices)
    city = models.CharField(
        _("city"),
        max_length=60,
        blank=True,
        help_text=_("For “same city” and pick-up: the city it serves."),
    )
    price = models.PositiveIntegerField(_("price in centimes, VAT included"))
    free_above = models.PositiveIntegerField(
        _("free above (centimes)"),
        null=True,
        blank=True,
        help_text=_("Orders whose products reach this amount travel free."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("zone"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("free_above")]),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "price"]
        verbose_name = _("delivery method")
        verbose_name_plural = _("delivery methods")

    def __str__(self):
        return self.name

    def serves(self, *, country: str, city: str) -> bool:
        if self.zone == DeliveryZone.ABROAD:
            return country != "MA"
        if country != "MA":
            return False
        if self.zone == DeliveryZone.SAME_CITY:
            return self.city.casefold() == city.casefold()
        # Rest of Morocco, and pick-up at the store, serve any Moroccan address.
        return True

    def cost_for(self, subtotal: int) -> int:
        if self.free_above is not None and subtotal >= self.free_above:
            return 0
        return self.price
