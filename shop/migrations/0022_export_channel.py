# 17d: wholesale and export channels, export data, bank transfers
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import shop.models.catalog

CHANNELS = [
    ("online", "Online shop"),
    ("store", "Solidarity store"),
    ("fair", "Fair"),
    ("wholesale", "Wholesale"),
    ("export", "Export"),
]
INCOTERMS = [
    ("EXW", "EXW: Ex Works"),
    ("FCA", "FCA: Free Carrier"),
    ("FOB", "FOB: Free On Board"),
    ("CFR", "CFR: Cost and Freight"),
    ("CIF", "CIF: Cost, Insurance and Freight"),
    ("CPT", "CPT: Carriage Paid To"),
    ("CIP", "CIP: Carriage and Insurance Paid To"),
    ("DAP", "DAP: Delivered At Place"),
    ("DPU", "DPU: Delivered at Place Unloaded"),
    ("DDP", "DDP: Delivered Duty Paid"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0021_invoices"),
        ("cooperatives", "0007_export_channel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="incoterm",
            field=models.CharField(
                blank=True, choices=INCOTERMS, max_length=3, verbose_name="Incoterm"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="buyer_ice",
            field=models.CharField(
                blank=True, max_length=15, verbose_name="buyer's ICE"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="payment_due_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="payment due on"
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="hs_code",
            field=models.CharField(
                blank=True,
                help_text="Customs tariff code for export papers: 6 to 10 digits.",
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[0-9]{6,10}$",
                        "An HS code is 6 to 10 digits, e.g. 0409000000.",
                    )
                ],
                verbose_name="HS code",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="origin_country",
            field=models.CharField(
                default="MA",
                help_text="Two-letter ISO code: MA for Morocco.",
                max_length=2,
                validators=[shop.models.catalog.validate_country_code],
                verbose_name="country of origin",
            ),
        ),
        migrations.AddField(
            model_name="variant",
            name="net_weight_grams",
            field=models.PositiveIntegerField(
                default=0,
                help_text="The contents alone, for export papers.",
                verbose_name="net weight in grams",
            ),
        ),
        migrations.AlterField(
            model_name="variant",
            name="weight_grams",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Packed, as shipped.",
                verbose_name="gross weight in grams",
            ),
        ),
        migrations.AlterField(
            model_name="ledgerentry",
            name="channel",
            field=models.CharField(
                blank=True, choices=CHANNELS, max_length=12, verbose_name="channel"
            ),
        ),
        migrations.AlterField(
            model_name="order",
            name="channel",
            field=models.CharField(
                choices=CHANNELS,
                default="online",
                max_length=12,
                verbose_name="channel",
            ),
        ),
        migrations.AlterField(
            model_name="salessummary",
            name="channel",
            field=models.CharField(
                blank=True, choices=CHANNELS, max_length=12, verbose_name="channel"
            ),
        ),
        migrations.CreateModel(
            name="BankTransfer",
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
                (
                    "reference",
                    models.CharField(max_length=60, verbose_name="bank reference"),
                ),
                ("received_on", models.DateField(verbose_name="received on")),
                ("amount", models.PositiveIntegerField(verbose_name="amount")),
                (
                    "recorded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="recorded at"),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bank_transfers",
                        to="shop.order",
                        verbose_name="order",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "bank transfer",
                "verbose_name_plural": "bank transfers",
                "ordering": ["received_on", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("order", "reference"),
                        name="unique_transfer_per_order",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)),
                        name="transfer_amount_positive",
                    ),
                ],
            },
        ),
    ]
