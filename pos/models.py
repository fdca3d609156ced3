"""Selling at fairs and in the solidarity stores: a session at a place, the
lots sent there (transfer documents), the sales the devices made offline
(each accepted once, by the id the device gave it) and the cash counted
when the session closes.

The point of sale is a layer above the shop: it holds shop lots and orders,
the shop knows nothing of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.models.sessions import SessionChannel


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    CARD = "card", _("Card terminal")


class PosSession(models.Model):
    """A day of selling at one place, from the lots sent there."""

    channel = models.CharField(
        _("channel"), max_length=10, choices=SessionChannel.choices
    )
    place = models.CharField(_("place"), max_length=120)
    date = models.DateField(_("date"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("point-of-sale session")
        verbose_name_plural = _("point-of-sale sessions")
        permissions = [
            ("sell_at_pos", _("Sell at a point of sale")),
            ("manage_pos", _("Stock and close a point of sale")),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} — {self.place} — {self.date}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class SessionLot(models.Model):
    """Units of one lot at the session's place, priced as they were sent."""

    session = models.ForeignKey(
        PosSession, on_delete=models.PROTECT, related_name="lots"
    )
    lot = models.ForeignKey("shop.Lot", on_delete=models.PROTECT, related_name="+")
    unit_price = models.PositiveIntegerField(_("unit price incl. VAT (centimes)"))
    transferred = models.PositiveIntegerField(_("sent"), default=0)
    sold = models.PositiveIntegerField(_("sold"), default=0)
    returned = models.PositiveIntegerField(_("brought back"), default=0)

    class Meta:
        ordering = ["lot__best_before", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "lot"], name="pos_session_lot_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    transferred__gte=models.F("sold") + models.F("returned")
                ),
                name="pos_session_lot_conserved",
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.at_place} of lot {self.lot_id}"

    @property
    def at_place(self) -> int:
        return self.transferred - self.sold - self.returned


class Transfer(models.Model):
    """The document of one stock movement between the warehouse and a
    session's place."""

    class Direction(models.TextChoices):
        OUT = "out", _("To the point of sale")
        BACK = "back", _("Back to the warehouse")

    session = models.ForeignKey(
        PosSession, on_delete=models.PROTECT, related_name="transfers"
    )
    direction = models.CharField(max_length=4, choices=Direction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"TR-{self.pk:06d}"


class TransferLine(models.Model):
    transfer = models.ForeignKey(
        Transfer, on_delete=models.CASCADE, related_name="lines"
    )
    lot = models.ForeignKey("shop.Lot", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.quantity} of lot {self.lot_id}"


class Sale(models.Model):
    """A sale made on a device, accepted once whatever the retries: its id
    is the one the device made."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        SHORTFALL = "shortfall", _("Shortfall")

    class Shortfall(models.TextChoices):
        STOCK = "stock", _("Not enough stock left at the point of sale")
        CLOSED = "closed", _("The session was already closed")
        REFUSED = "refused", _("The shop refused the sale")

    id = models.UUIDField(primary_key=True)
    session = models.ForeignKey(
        PosSession, on_delete=models.PROTECT, related_name="sales"
    )
    device_id = models.UUIDField(_("device"))
    receipt_number = models.PositiveIntegerField(_("receipt number"))
    made_at = models.DateTimeField(_("made at"))
    language = models.CharField(max_length=5)
    payment_method = models.CharField(
        _("payment method"), max_length=4, choices=PaymentMethod.choices
    )
    cash_received = models.PositiveIntegerField(default=0)
    card_reference = models.CharField(
        _("card terminal reference"), max_length=60, blank=True
    )
    # [{"lot": lot id, "quantity": units}] as checked on arrival.
    lines = models.JSONField(default=list)
    total = models.PositiveIntegerField(_("total"))
    status = models.CharField(max_length=10, choices=Status.choices)
    shortfall = models.CharField(max_length=10, choices=Shortfall.choices, blank=True)
    order = models.OneToOneField(
        "shop.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pos_sale",
    )
    synced_at = models.DateTimeField(auto_now_add=True)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["made_at", "receipt_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["device_id", "receipt_number"], name="pos_receipt_per_device"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="accepted", order__isnull=False)
                    | models.Q(status="shortfall", order__isnull=True)
                ),
                name="pos_sale_order_iff_accepted",
            ),
        ]

    def __str__(self):
        return f"{self.device_id}/{self.receipt_number}"


class CashCount(models.Model):
    """What staff counted at closing, per device and payment method, beside
    what the synced sales say should be there."""

    session = models.ForeignKey(
        PosSession, on_delete=models.PROTECT, related_name="counts"
    )
    device_id = models.UUIDField()
    payment_method = models.CharField(max_length=4, choices=PaymentMethod.choices)
    expected = models.PositiveIntegerField()
    counted = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "device_id", "payment_method"],
                name="pos_one_count_per_device_method",
            )
        ]

    def __str__(self):
        return f"{self.device_id} {self.payment_method}"

    @property
    def difference(self) -> int:
        return self.counted - self.expected
