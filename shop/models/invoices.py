"""Invoices and credit notes (Moroccan tax code, art. 145).

Each kind has one continuous series per year ("FA-2026-000001",
"AV-2026-000001"): the next number is taken from a counter row locked in the
transaction that pays the order or books the refund, so numbers are never
skipped nor repeated, however many payments run at once. A document is
immutable once issued: it keeps a snapshot of the seller, the buyer, the
lines and the VAT, and a correction is a new document (a credit note, or an
invoice restoring a credit note whose refund failed), never an edit.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


# The prefix of each series, as printed in the number.
SERIES_PREFIX = {InvoiceKind.INVOICE: "FA", InvoiceKind.CREDIT_NOTE: "AV"}


class InvoiceCounter(models.Model):
    """The last number issued in the series of a kind and a year."""

    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"], name="one_invoice_counter_per_series"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


class Invoice(models.Model):
    kind = models.CharField(
        _("kind"), max_length=12, choices=InvoiceKind.choices, db_index=True
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_on = models.DateField(_("issue date"), db_index=True)
    language = models.CharField(_("language"), max_length=5)
    order = models.ForeignKey(
        "shop.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    refund = models.ForeignKey(
        "shop.Refund",
        verbose_name=_("refund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    # The refund's entry into the books (+1: a credit note) or its exit
    # (-1: the invoice that restores a credit note whose refund failed): one
    # document per booking, which is what makes booking twice issue once.
    booking = models.OneToOneField(
        "shop.RefundBooking",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice",
        editable=False,
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_ice = models.CharField(_("seller's ICE"), max_length=20)
    seller_if = models.CharField(_("tax identifier (IF)"), max_length=20)
    seller_rc = models.CharField(_("trade register (RC)"), max_length=40)
    seller_patente = models.CharField(_("business tax (patente)"), max_length=20)
    seller_cnss = models.CharField(_("CNSS"), max_length=20)
    seller_address = models.CharField(_("seller's address"), max_length=255)
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_address = models.CharField(_("buyer's address"), max_length=400)
    buyer_country = models.CharField(_("buyer's country"), max_length=2)
    buyer_ice = models.CharField(_("buyer's ICE"), max_length=20, null=True, blank=True)
    # [{"name", "variant", "sku", "quantity", "unit_price", "vat_rate_bp",
    #   "gross", "discount", "amount", "vat"}]: amounts in centimes, VAT
    # included ("amount" = gross - discount, what the buyer paid).
    lines = models.JSONField(_("lines"), default=list)
    # [{"rate_bp", "base", "vat"}], highest rate first; "base" excludes VAT.
    vat_breakdown = models.JSONField(_("VAT per rate"), default=list)
    delivery = models.PositiveIntegerField(_("delivery incl. VAT"), default=0)
    delivery_vat = models.PositiveIntegerField(_("VAT on delivery"), default=0)
    delivery_vat_bp = models.PositiveIntegerField(_("VAT rate on delivery"), default=0)
    total_excl_vat = models.BigIntegerField(_("total excl. VAT"))
    total_vat = models.BigIntegerField(_("total VAT"))
    total = models.BigIntegerField(_("total incl. VAT"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "kind", "sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        # Issued, never added, changed or deleted by hand: staff who see the
        # money may view and export them ("shop.view_invoice").
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"], name="invoice_number_once"
            ),
            models.UniqueConstraint(
                fields=["order"],
                condition=models.Q(kind="invoice", booking__isnull=True),
                name="one_sale_invoice_per_order",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    total=models.F("total_excl_vat") + models.F("total_vat")
                ),
                name="invoice_total_adds_up",
            ),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("An issued invoice is immutable: issue a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("An issued invoice is immutable: issue a new one.")

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE


class InvoicePdf(models.Model):
    """An issued document's PDF, made once: the invoice is immutable, so its
    PDF is too, and the accountant's ZIP of a period only gathers stored
    files instead of laying out hundreds of documents in one request."""

    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, related_name="stored_pdf"
    )
    content = models.BinaryField()
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invoice PDF")
        verbose_name_plural = _("invoice PDFs")

    def __str__(self):
        return f"{self.invoice_id}.pdf"
