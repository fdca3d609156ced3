from django.conf import settings
from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class TransferKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Given back")


def transfers_held_sum(path: str = "bank_transfers"):
    """An aggregate of what orders hold by transfer: received less given
    back (the one formula, for `BankTransferQuerySet.held` and for reports
    annotating orders through `path`)."""
    amount = f"{path}__amount" if path else "amount"
    kind = f"{path}__kind" if path else "kind"
    return Coalesce(
        Sum(amount, filter=Q(**{kind: TransferKind.RECEIVED})), Value(0)
    ) - Coalesce(Sum(amount, filter=Q(**{kind: TransferKind.RETURNED})), Value(0))


class BankTransferQuerySet(models.QuerySet):
    def held(self) -> int:
        """Received less given back, in centimes."""
        return self.aggregate(held=transfers_held_sum(""))["held"]


class BankTransfer(models.Model):
    """Money a business client sent by bank transfer for an order, as staff
    read it on the bank statement, or money given back to the client by
    transfer (`kind`; the amount is always positive). Transfers add up; the
    one that brings what is held to the order's total pays it
    (`shop.services.transfers.transfer_record`, `transfer_return`)."""

    Kind = TransferKind

    order = models.ForeignKey(
        "shop.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="bank_transfers",
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=TransferKind.choices,
        default=TransferKind.RECEIVED,
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

    objects = BankTransferQuerySet.as_manager()

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
        return f"{self.order_id} {self.kind} {self.reference} {self.amount}"
