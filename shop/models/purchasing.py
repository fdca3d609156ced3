"""Pooled purchasing: packaging and preserving materials bought together.

Staff open a round (items, the unit price of buying alone, unit price tiers
by the round's total quantity of an item, a closing date); cooperatives
order quantities in the portal until it closes; at closing the tier each
item reached is fixed and one bulk order is placed; on delivery what each
cooperative received becomes a deduction at that tier price (one
`PurchaseReceipt` per cooperative and item, referenced by its ledger entry).

Writes go through shop.services.purchasing; the admin forms here only edit
what a round offers while it is open.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for orders")
    CLOSED = "closed", _("Closed: bulk order placed")
    DELIVERED = "delivered", _("Delivered")


class PurchaseUnit(models.TextChoices):
    PIECE = "piece", _("piece")
    PACK = "pack", _("pack")
    ROLL = "roll", _("roll")
    CARTON = "carton", _("carton")
    KILOGRAM = "kg", _("kilogram")


class OpenRoundOnlyForm(WagtailAdminModelForm):
    """What a round offers is fixed once it closes: its orders, bulk order
    and deductions were made from it."""

    def clean(self):
        data = super().clean()
        purchasing_round = (
            self.instance if isinstance(self.instance, PurchasingRound) else None
        )
        if purchasing_round is None:
            purchasing_round = data.get("purchasing_round") or (
                self.instance.purchasing_round
                if self.instance.purchasing_round_id
                else None
            )
        if purchasing_round is not None and purchasing_round.pk:
            # The status as stored, not as the form might post it.
            stored = PurchasingRound.objects.filter(pk=purchasing_round.pk).first()
            if stored is not None and stored.status != RoundStatus.OPEN:
                raise ValidationError(
                    _("This round is closed: what it offers can no longer change.")
                )
        return data


class PurchaseItemForm(OpenRoundOnlyForm):
    """Tiers make buying together cheaper: each tier's unit price is below
    the price of buying alone, and a larger total never costs more a unit."""

    def clean(self):
        data = super().clean()
        tiers = self.formsets.get("tiers")
        solo = data.get("solo_price")
        # The tiers' own errors first (ClusterForm cleans them after us).
        if tiers is None or solo is None or not tiers.is_valid():
            return data
        rows = sorted(
            (form.cleaned_data["min_quantity"], form.cleaned_data["unit_price"])
            for form in tiers.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("min_quantity") is not None
            and form.cleaned_data.get("unit_price") is not None
        )
        if any(price > solo for _quantity, price in rows):
            self.add_error(
                "solo_price",
                _("A tier's unit price is above the price of buying alone."),
            )
        prices = [price for _quantity, price in rows]
        if prices != sorted(prices, reverse=True):
            raise ValidationError(
                _("A larger round total must never cost more per unit.")
            )
        return data


class PurchasingRound(models.Model):
    name = models.CharField(_("name"), max_length=120)
    closes_at = models.DateTimeField(
        _("closing date"),
        help_text=_("Cooperatives may order and change their orders until then."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RoundStatus.choices,
        default=RoundStatus.OPEN,
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, editable=False)
    delivered_on = models.DateField(_("delivered on"), null=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("closes_at")]
    base_form_class = OpenRoundOnlyForm

    class Meta:
        ordering = ["-closes_at", "-pk"]
        verbose_name = _("purchasing round")
        verbose_name_plural = _("purchasing rounds")
        # Closing a round (its bulk order) and recording its delivery (the
        # deductions): beyond editing what the round offers.
        permissions = [
            ("run_purchasinground", "Can close purchasing rounds and record deliveries")
        ]

    def __str__(self):
        return self.name


class PurchaseItem(ClusterableModel):
    purchasing_round = models.ForeignKey(
        PurchasingRound,
        verbose_name=_("purchasing round"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(
        _("unit"), max_length=10, choices=PurchaseUnit.choices, default="piece"
    )
    solo_price = models.PositiveIntegerField(
        _("unit price when buying alone (centimes)"),
        help_text=_("What a cooperative would pay for one unit on its own."),
    )
    # Fixed when the round closes: the round's total and the price it reached.
    quantity = models.PositiveIntegerField(_("quantity ordered"), null=True)
    unit_price = models.PositiveIntegerField(_("unit price reached"), null=True)

    panels = [
        FieldPanel("purchasing_round"),
        FieldPanel("name"),
        FieldPanel("unit"),
        FieldPanel("solo_price"),
        InlinePanel("tiers", label=_("Unit price tiers"), min_num=1),
    ]
    base_form_class = PurchaseItemForm

    class Meta:
        ordering = ["purchasing_round", "pk"]
        verbose_name = _("purchase item")
        verbose_name_plural = _("purchase items")

    def __str__(self):
        return f"{self.name} ({self.purchasing_round})"


class PriceTier(models.Model):
    item = ParentalKey(PurchaseItem, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField(
        _("from a round total of"),
        help_text=_("The unit price applies when the round orders at least this."),
    )
    unit_price = models.PositiveIntegerField(_("unit price (centimes)"))

    panels = [FieldPanel("min_quantity"), FieldPanel("unit_price")]

    class Meta:
        ordering = ["item", "min_quantity"]
        verbose_name = _("unit price tier")
        verbose_name_plural = _("unit price tiers")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "min_quantity"], name="one_tier_per_quantity"
            )
        ]

    def __str__(self):
        return f"≥ {self.min_quantity}: {self.unit_price}"


class PurchaseOrder(models.Model):
    """A cooperative's quantity of one item of a round (none: no row)."""

    item = models.ForeignKey(
        PurchaseItem, on_delete=models.CASCADE, related_name="orders"
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="purchase_orders",
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["item", "cooperative"]
        verbose_name = _("pooled purchase order")
        verbose_name_plural = _("pooled purchase orders")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "cooperative"], name="one_purchase_order_per_item"
            )
        ]

    def __str__(self):
        return f"{self.quantity} × {self.item_id} for {self.cooperative_id}"


class BulkOrder(models.Model):
    """The one order the foundation placed with its supplier for a round."""

    purchasing_round = models.OneToOneField(
        PurchasingRound, on_delete=models.PROTECT, related_name="bulk_order"
    )
    supplier = models.CharField(_("supplier"), max_length=150)
    reference = models.CharField(_("supplier's reference"), max_length=60)
    placed_on = models.DateField(_("placed on"))
    # The sum over the items of the round's quantity × the tier price reached.
    cost = models.BigIntegerField(_("cost (centimes)"))
    # What was delivered at the same prices, once the delivery is recorded:
    # the sum of the round's deductions.
    delivered_cost = models.BigIntegerField(_("delivered cost (centimes)"), null=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bulk order")
        verbose_name_plural = _("bulk orders")

    def __str__(self):
        return f"{self.supplier} {self.reference}"


class PurchaseReceipt(models.Model):
    """What one cooperative received of one item: deducted once, at the
    tier price the round reached."""

    item = models.ForeignKey(
        PurchaseItem, on_delete=models.PROTECT, related_name="receipts"
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="purchase_receipts",
    )
    ordered = models.PositiveIntegerField(_("quantity ordered"))
    quantity = models.PositiveIntegerField(_("quantity received"))
    unit_price = models.PositiveIntegerField(_("unit price"))
    amount = models.BigIntegerField(_("amount"))
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["item", "cooperative"]
        verbose_name = _("pooled purchase received")
        verbose_name_plural = _("pooled purchases received")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "cooperative"], name="one_receipt_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    amount=models.F("quantity") * models.F("unit_price")
                ),
                name="receipt_amount_is_quantity_times_price",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.item_id} for {self.cooperative_id}"
