# 17a: invoices and credit notes
import django.db.models.deletion
import django.db.models.expressions
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Foundation staff"  # the staff who see the money (0009)


def grant(apps, schema_editor):
    config = apps.get_app_config("shop")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="shop", codename="view_invoice")
    )


class Migration(migrations.Migration):
    dependencies = [("shop", "0020_lot_at_pos")]

    operations = [
        migrations.CreateModel(
            name="InvoiceCounter",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("invoice", "Invoice"),
                            ("credit_note", "Credit note"),
                        ],
                        max_length=12,
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "year"), name="one_invoice_counter_per_series"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Invoice",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("invoice", "Invoice"),
                            ("credit_note", "Credit note"),
                        ],
                        db_index=True,
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                (
                    "number",
                    models.CharField(max_length=20, unique=True, verbose_name="number"),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("sequence", models.PositiveIntegerField(verbose_name="sequence")),
                (
                    "issued_on",
                    models.DateField(db_index=True, verbose_name="issue date"),
                ),
                ("language", models.CharField(max_length=5, verbose_name="language")),
                (
                    "seller_name",
                    models.CharField(max_length=200, verbose_name="seller"),
                ),
                (
                    "seller_ice",
                    models.CharField(max_length=20, verbose_name="seller's ICE"),
                ),
                (
                    "seller_if",
                    models.CharField(max_length=20, verbose_name="tax identifier (IF)"),
                ),
                (
                    "seller_rc",
                    models.CharField(max_length=40, verbose_name="trade register (RC)"),
                ),
                (
                    "seller_patente",
                    models.CharField(
                        max_length=20, verbose_name="business tax (patente)"
                    ),
                ),
                ("seller_cnss", models.CharField(max_length=20, verbose_name="CNSS")),
                (
                    "seller_address",
                    models.CharField(max_length=255, verbose_name="seller's address"),
                ),
                ("buyer_name", models.CharField(max_length=200, verbose_name="buyer")),
                (
                    "buyer_address",
                    models.CharField(max_length=400, verbose_name="buyer's address"),
                ),
                (
                    "buyer_country",
                    models.CharField(max_length=2, verbose_name="buyer's country"),
                ),
                (
                    "buyer_ice",
                    models.CharField(
                        blank=True, max_length=20, null=True, verbose_name="buyer's ICE"
                    ),
                ),
                ("lines", models.JSONField(default=list, verbose_name="lines")),
                (
                    "vat_breakdown",
                    models.JSONField(default=list, verbose_name="VAT per rate"),
                ),
                (
                    "delivery",
                    models.PositiveIntegerField(
                        default=0, verbose_name="delivery incl. VAT"
                    ),
                ),
                (
                    "delivery_vat",
                    models.PositiveIntegerField(
                        default=0, verbose_name="VAT on delivery"
                    ),
                ),
                (
                    "delivery_vat_bp",
                    models.PositiveIntegerField(
                        default=0, verbose_name="VAT rate on delivery"
                    ),
                ),
                (
                    "total_excl_vat",
                    models.BigIntegerField(verbose_name="total excl. VAT"),
                ),
                ("total_vat", models.BigIntegerField(verbose_name="total VAT")),
                ("total", models.BigIntegerField(verbose_name="total incl. VAT")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "booking",
                    models.OneToOneField(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoice",
                        to="shop.refundbooking",
                    ),
                ),
                (
                    "corrects",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="shop.invoice",
                        verbose_name="corrects",
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoices",
                        to="shop.order",
                        verbose_name="order",
                    ),
                ),
                (
                    "refund",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="invoices",
                        to="shop.refund",
                        verbose_name="refund",
                    ),
                ),
            ],
            options={
                "verbose_name": "invoice",
                "verbose_name_plural": "invoices",
                "ordering": ["issued_on", "kind", "sequence"],
                "default_permissions": ("view",),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "year", "sequence"), name="invoice_number_once"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("booking__isnull", True), ("kind", "invoice")
                        ),
                        fields=("order",),
                        name="one_sale_invoice_per_order",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "total",
                                django.db.models.expressions.CombinedExpression(
                                    models.F("total_excl_vat"),
                                    "+",
                                    models.F("total_vat"),
                                ),
                            )
                        ),
                        name="invoice_total_adds_up",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
