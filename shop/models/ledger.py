"""The sales ledger: what each cooperative earned, entry by entry.

Entries are immutable: a correction or a refund is a new entry, never an
edit. For every sale entry: gross - discount = vat + commission + net, to the
centime (a database constraint).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperatives.choices import SalesChannel


class EntryKind(models.TextChoices):
    SALE = "sale", _("Sale")
    # "Refund" is also a verb on a button: the entry kind has its own context.
    REFUND = "refund", pgettext_lazy("ledger entry kind", "Refund")
    # A booked refund the provider later reported failed: the exact opposite
    # of its refund entries, so the cooperative's share is restored.
    REFUND_VOID = "refund_void", _("Failed refund restored")
    DEDUCTION = "deduction", _("Deduction")


class LedgerEntry(models.Model):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    channel = models.CharField(
        _("channel"), max_length=12, choices=SalesChannel.choices, blank=True
    )
    occurred_on = models.DateField(_("date"), db_index=True)
    payable_on = models.DateField(_("payable from"), db_index=True)
    order_line = models.ForeignKey(
        "shop.OrderLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    refund_line = models.ForeignKey(
        "shop.RefundLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    deduction = models.ForeignKey(
        "shop.PooledCost",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    # A deduction for the transport and insurance of a consignment: the entry
    # keeps the reference, and is labelled in the reader's language when shown.
    consignment = models.ForeignKey(
        "shop.Consignment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    # A deduction for what a cooperative received from a pooled purchasing
    # round (shop.models.purchasing): one entry per received line.
    purchase = models.ForeignKey(
        "shop.PurchaseReceipt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    # A deduction for a member's health-coverage contribution the
    # cooperative bears (cooperatives.Contribution).
    contribution = models.ForeignKey(
        "cooperatives.Contribution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    quantity = models.IntegerField(_("quantity"), default=0)
    gross = models.IntegerField(_("gross incl. VAT"), default=0)
    discount = models.IntegerField(_("discount"), default=0)
    vat = models.IntegerField(_("VAT"), default=0)
    commission_bp = models.PositiveIntegerField(_("commission rate"), default=0)
    commission = models.IntegerField(_("commission"), default=0)
    fee = models.IntegerField(
        _("payment fee"),
        default=0,
        help_text=_("The part of the payment provider's fee the cooperative bears."),
    )
    net = models.IntegerField(_("net due"))
    statement = models.ForeignKey(
        "shop.Statement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    # The label as written when the entry was made (for the admin and the
    # audit trail); what a cooperative reads is made from the kind and the
    # references above, in its language (portal/entries.py).
    label = models.CharField(_("label"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            # The portal's sales list reads a cooperative's sale entries by
            # key (day, then order line), a page at a time.
            models.Index(
                fields=["cooperative", "kind", "occurred_on", "order_line"],
                name="ledger_entry_by_kind_and_day",
            ),
            # A statement's entries in their order, a page at a time.
            models.Index(
                fields=["statement", "occurred_on", "id"],
                name="ledger_entry_statement_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    gross=models.F("discount")
                    + models.F("vat")
                    + models.F("commission")
                    + models.F("fee")
                    + models.F("net")
                )
                | models.Q(kind="deduction"),
                name="ledger_parts_add_up_with_fee",
            ),
            models.UniqueConstraint(
                fields=["order_line"],
                condition=models.Q(kind="sale"),
                name="one_sale_entry_per_order_line",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.net} for {self.cooperative_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_assign_statement", False):
            raise ValidationError("Ledger entries are immutable: write a new entry.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Ledger entries are immutable: write a new entry.")


class PooledCost(models.Model):
    """A cost the foundation paid for several cooperatives (packaging bought in
    bulk, insured transport), shared out as deduction entries."""

    label = models.CharField(_("label"), max_length=200)
    incurred_on = models.DateField(_("date"))
    amount = models.PositiveIntegerField(_("amount (centimes)"))
    allocated = models.BooleanField(_("allocated"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-incurred_on", "-pk"]
        verbose_name = _("pooled cost")
        verbose_name_plural = _("pooled costs")

    def __str__(self):
        return f"{self.label} ({self.incurred_on})"


class StatementStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    PAID = "paid", _("Paid")
    # Not paid before the next statement was issued: its closing balance is
    # that statement's opening balance, and only the later one can be paid.
    CARRIED = "carried", _("Carried into the next statement")


class Statement(models.Model):
    """A cooperative's settlement for a period: numbered, immutable once
    issued; only the payment (reference and date) is added later."""

    # Sums over a period can pass 2^31 centimes (21 million dirhams): 64 bits.
    number = models.CharField(_("number"), max_length=30, unique=True)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    opening_balance = models.BigIntegerField(_("opening balance"))
    sales = models.BigIntegerField(_("sales"))
    refunds = models.BigIntegerField(_("refunds"))
    commission = models.BigIntegerField(_("commission"))
    vat = models.BigIntegerField(_("VAT"))
    fees = models.BigIntegerField(_("payment fees"), default=0)
    deductions = models.BigIntegerField(_("deductions"))
    net_payable = models.BigIntegerField(_("net of the period"))
    closing_balance = models.BigIntegerField(_("closing balance"))
    by_channel = models.JSONField(_("sales by channel"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.ISSUED,
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    transfer_reference = models.CharField(
        _("bank transfer reference"), max_length=60, blank=True
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous statement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_statement",
        editable=False,
    )

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "period_end"], name="one_statement_per_period"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(closing_balance__gt=0),
                name="statement_paid_only_when_positive",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def amount_to_pay(self) -> int:
        """What a transfer must pay now: only the latest statement of the
        chain is ever paid, and only a positive balance."""
        if self.status != StatementStatus.ISSUED:
            return 0
        return max(self.closing_balance, 0)
