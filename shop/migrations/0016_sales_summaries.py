"""Sales summaries beside the ledger (one row per cooperative, day, SKU and
channel), filled from the entries written before them; and the indexes the
portal's sales list and statement pages read through."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Sum

SUMMED = ("quantity", "gross", "discount", "vat", "commission", "fee", "net")
BATCH = 2000


def backfill(apps, schema_editor):
    """What `shop.services.ledger.ledger_entries_write` would have added up:
    the sale, refund and failed-refund-restored entries, by key."""
    LedgerEntry = apps.get_model("shop", "LedgerEntry")
    SalesSummary = apps.get_model("shop", "SalesSummary")
    rows = (
        LedgerEntry.objects.filter(
            kind__in=["sale", "refund", "refund_void"], order_line__isnull=False
        )
        .values("cooperative_id", "occurred_on", "order_line__sku", "channel")
        .annotate(**{name: Sum(name) for name in SUMMED})
        .order_by("cooperative_id", "occurred_on", "order_line__sku", "channel")
    )
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(
            SalesSummary(
                cooperative_id=row["cooperative_id"],
                day=row["occurred_on"],
                sku=row["order_line__sku"],
                channel=row["channel"],
                **{name: row[name] for name in SUMMED},
            )
        )
        if len(batch) == BATCH:
            SalesSummary.objects.bulk_create(batch)
            batch = []
    SalesSummary.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperatives", "0005_staff_view_every_portal"),
        ("shop", "0015_consignment_deductions_translated_costs"),
    ]

    operations = [
        migrations.CreateModel(
            name="SalesSummary",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("day", models.DateField(verbose_name="date")),
                ("sku", models.CharField(max_length=40, verbose_name="SKU")),
                (
                    "channel",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("online", "Online shop"),
                            ("store", "Solidarity store"),
                            ("fair", "Fair"),
                            ("wholesale", "Wholesale and export"),
                        ],
                        max_length=12,
                        verbose_name="channel",
                    ),
                ),
                (
                    "quantity",
                    models.BigIntegerField(default=0, verbose_name="quantity"),
                ),
                (
                    "gross",
                    models.BigIntegerField(default=0, verbose_name="gross incl. VAT"),
                ),
                (
                    "discount",
                    models.BigIntegerField(default=0, verbose_name="discount"),
                ),
                ("vat", models.BigIntegerField(default=0, verbose_name="VAT")),
                (
                    "commission",
                    models.BigIntegerField(default=0, verbose_name="commission"),
                ),
                ("fee", models.BigIntegerField(default=0, verbose_name="payment fee")),
                ("net", models.BigIntegerField(default=0, verbose_name="net due")),
                (
                    "cooperative",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cooperatives.cooperative",
                        verbose_name="cooperative",
                    ),
                ),
            ],
            options={
                "verbose_name": "sales summary",
                "verbose_name_plural": "sales summaries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("cooperative", "day", "sku", "channel"),
                        name="one_sales_summary_per_key",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="ledgerentry",
            index=models.Index(
                fields=["cooperative", "kind", "occurred_on", "order_line"],
                name="ledger_entry_by_kind_and_day",
            ),
        ),
        migrations.AddIndex(
            model_name="ledgerentry",
            index=models.Index(
                fields=["statement", "occurred_on", "id"],
                name="ledger_entry_statement_order",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
