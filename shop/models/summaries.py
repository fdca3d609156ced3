"""Sales totals kept beside the ledger, so reports read a few hundred rows
instead of every entry of a year.

One row per cooperative, day, SKU and channel holds the sums of the sale,
refund and failed-refund-restored entries of that key (deductions are not
sales and stay out). The ledger service adds to it in the same transaction
as it writes the entries (`shop.services.ledger.ledger_entries_write`), so
a row always equals the sum of its entries; nothing else writes it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperatives.choices import SalesChannel


class SalesSummary(models.Model):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    day = models.DateField(_("date"))
    # The order line's SKU, as sold: a product renamed later keeps its rows,
    # and its name is read from the catalogue in the reader's language.
    sku = models.CharField(_("SKU"), max_length=40)
    channel = models.CharField(
        _("channel"), max_length=12, choices=SalesChannel.choices, blank=True
    )
    # Sums over a day can pass 2^31 centimes: 64 bits.
    quantity = models.BigIntegerField(_("quantity"), default=0)
    gross = models.BigIntegerField(_("gross incl. VAT"), default=0)
    discount = models.BigIntegerField(_("discount"), default=0)
    vat = models.BigIntegerField(_("VAT"), default=0)
    commission = models.BigIntegerField(_("commission"), default=0)
    fee = models.BigIntegerField(_("payment fee"), default=0)
    net = models.BigIntegerField(_("net due"), default=0)

    class Meta:
        verbose_name = _("sales summary")
        verbose_name_plural = _("sales summaries")
        constraints = [
            # Also the index the reports use (it starts with the cooperative)
            # and the conflict target of the service's upsert.
            models.UniqueConstraint(
                fields=["cooperative", "day", "sku", "channel"],
                name="one_sales_summary_per_key",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.sku} {self.channel}: {self.gross}"
