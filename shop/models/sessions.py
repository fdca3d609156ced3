from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel


class SessionChannel(models.TextChoices):
    STORE = "store", _("Solidarity store")
    FAIR = "fair", _("Fair")


class SalesSession(ClusterableModel):
    """A day of sales at the solidarity store or at a fair, recorded by staff."""

    channel = models.CharField(
        _("channel"), max_length=10, choices=SessionChannel.choices
    )
    place = models.CharField(_("place"), max_length=120)
    date = models.DateField(_("date"))
    payment_method = models.CharField(
        _("payment method"),
        max_length=10,
        choices=[("cash", _("Cash")), ("card", _("Card terminal"))],
        default="cash",
    )
    order = models.OneToOneField(
        "shop.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sales_session",
        editable=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("channel"), FieldPanel("place"), FieldPanel("date")]),
        FieldPanel("payment_method"),
        InlinePanel("lines", label=_("Sales"), min_num=1),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("sales session")
        verbose_name_plural = _("sales sessions")

    def __str__(self):
        return f"{self.get_channel_display()} — {self.place} — {self.date}"

    @property
    def is_closed(self) -> bool:
        return self.order_id is not None


class SalesSessionLine(models.Model):
    session = ParentalKey(SalesSession, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "shop.Variant",
        verbose_name=_("variant"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    unit_price = models.PositiveIntegerField(
        _("unit price incl. VAT (centimes)"), validators=[MinValueValidator(1)]
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("variant"), FieldPanel("quantity"), FieldPanel("unit_price")]
        )
    ]

    def __str__(self):
        return f"{self.quantity} × {self.variant_id}"
