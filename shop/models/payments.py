from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSING = "processing", _("Processing")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    FLAGGED = "flagged", _("Flagged for staff")


class Payment(models.Model):
    """Money received (or expected) for an order through one provider."""

    order = models.ForeignKey(
        "shop.Order", on_delete=models.PROTECT, related_name="payments"
    )
    provider = models.CharField(_("provider"), max_length=20)
    reference = models.CharField(_("provider reference"), max_length=100)
    amount = models.PositiveIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    fee = models.PositiveIntegerField(
        _("provider fee"),
        default=0,
        help_text=_("What the provider kept of this payment, in centimes."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
    )
    client_secret = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="unique_payment_reference"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.reference} {self.status}"


class ProviderEvent(models.Model):
    """Every event a provider sent, stored under its own id: the unique
    constraint is what makes a repeated delivery do nothing."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=100)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    order = models.ForeignKey(
        "shop.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_events",
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="unique_provider_event"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.event_id} {self.type}"


class Refund(models.Model):
    order = models.ForeignKey(
        "shop.Order", on_delete=models.PROTECT, related_name="refunds"
    )
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="refunds"
    )
    provider = models.CharField(_("provider"), max_length=20)
    reference = models.CharField(_("provider reference"), max_length=100, blank=True)
    amount = models.PositiveIntegerField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
    )
    delivery = models.PositiveIntegerField(_("delivery refunded"), default=0)
    booked = models.BooleanField(
        _("booked in the ledger"), default=False, editable=False
    )
    # The one-time token of the staff form that made this refund: the same
    # form sent again finds this refund instead of refunding twice.
    form_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # Sends to the provider after it definitively refused an earlier one: a
    # retry of a refund that failed is a new request (Stripe replays the
    # first answer to a key), a retry of one never answered is the same one.
    attempt = models.PositiveSmallIntegerField(default=0, editable=False)
    # When the provider said the status we hold (its event's time): an older
    # report arriving late never overrides a newer one.
    status_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the current attempt was handed to the CMI's API (committed before
    # the call). A pending refund with it set may have been made even though
    # no answer came back: it is never sent again until staff have checked the
    # merchant centre (the API takes no idempotency key).
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    restock = models.BooleanField(_("restocked"), default=False)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self):
        return f"refund {self.pk} of {self.amount} on {self.order_id}"

    @property
    def idempotency_key(self) -> str:
        if self.attempt:
            return f"tadamon-refund-{self.pk}-{self.attempt}"
        return f"tadamon-refund-{self.pk}"


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        "shop.OrderLine", on_delete=models.PROTECT, related_name="refund_lines"
    )
    quantity = models.PositiveIntegerField()
    amount = models.PositiveIntegerField()
    # Units of the line claimed by earlier refunds when this one was made: the
    # line's refunds share its sale entry out as consecutive slices
    # [units_before, units_before + quantity), so they add up exactly.
    units_before = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.quantity} of line {self.order_line_id}"


class RefundBooking(models.Model):
    """A refund entering the ledger (+1, the provider confirmed it) or leaving
    it (-1, a confirmed refund the provider later reported failed), on a day:
    the money side of the reconciliation reads these."""

    refund = models.ForeignKey(
        Refund, on_delete=models.PROTECT, related_name="bookings"
    )
    sign = models.SmallIntegerField(choices=[(1, "booked"), (-1, "voided")])
    day = models.DateField(db_index=True)
    amount = models.IntegerField()
    delivery = models.IntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"refund {self.refund_id} {self.sign:+d} on {self.day}"
