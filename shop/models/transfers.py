from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BankTransfer(models.Model):
    """Money a business client sent by bank transfer for an order, as staff
    read it on the bank statement. Transfers add up; the one that completes
    the order's total pays it (`shop.services.transfers.transfer_record`)."""

    order = models.ForeignKey(
        "shop.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="bank_transfers",
    )
    reference = models.CharField(_("bank reference"), max_length=60)
    received_on = models.DateField(_("received on"))
    amount = models.PositiveIntegerField(_("amount"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")
        constraints = [
            # The same bank line entered twice records it once.
            models.UniqueConstraint(
                fields=["order", "reference"], name="unique_transfer_per_order"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="transfer_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.order_id} {self.reference} {self.amount}"
