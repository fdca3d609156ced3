# 20b: pooled purchasing rounds
import django.db.models.deletion
import django.db.models.expressions
import modelcluster.fields
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# Foundation staff run the rounds: edit what a round offers, close it and
# record its delivery (the custom permission); they read orders and receipts.
EDIT = ["purchasinground", "purchaseitem", "pricetier"]
READ = ["purchaseorder", "purchasereceipt", "bulkorder"]


def grant(apps, schema_editor):
    config = apps.get_app_config("shop")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Foundation staff")
    codenames = [
        *(
            f"{action}_{model}"
            for model in EDIT
            for action in ("add", "change", "view")
        ),
        *(f"view_{model}" for model in READ),
        "run_purchasinground",
    ]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="shop", codename__in=codenames
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0024_quality"),
        ("cooperatives", "0008_members_coverage"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PurchaseItem",
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
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "name_ar",
                    models.CharField(max_length=120, null=True, verbose_name="name"),
                ),
                (
                    "name_fr",
                    models.CharField(max_length=120, null=True, verbose_name="name"),
                ),
                (
                    "name_en",
                    models.CharField(max_length=120, null=True, verbose_name="name"),
                ),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("piece", "piece"),
                            ("pack", "pack"),
                            ("roll", "roll"),
                            ("carton", "carton"),
                            ("kg", "kilogram"),
                        ],
                        default="piece",
                        max_length=10,
                        verbose_name="unit",
                    ),
                ),
                (
                    "solo_price",
                    models.PositiveIntegerField(
                        help_text=(
                            "What a cooperative would pay for one unit on its own."
                        ),
                        verbose_name="unit price when buying alone (centimes)",
                    ),
                ),
                (
                    "quantity",
                    models.PositiveIntegerField(
                        null=True, verbose_name="quantity ordered"
                    ),
                ),
                (
                    "unit_price",
                    models.PositiveIntegerField(
                        null=True, verbose_name="unit price reached"
                    ),
                ),
            ],
            options={
                "verbose_name": "purchase item",
                "verbose_name_plural": "purchase items",
                "ordering": ["purchasing_round", "pk"],
            },
        ),
        migrations.CreateModel(
            name="PurchasingRound",
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
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "name_ar",
                    models.CharField(max_length=120, null=True, verbose_name="name"),
                ),
                (
                    "name_fr",
                    models.CharField(max_length=120, null=True, verbose_name="name"),
                ),
                (
                    "name_en",
                    models.CharField(max_length=120, null=True, verbose_name="name"),
                ),
                (
                    "closes_at",
                    models.DateTimeField(
                        help_text=(
                            "Cooperatives may order and change their orders until then."
                        ),
                        verbose_name="closing date",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open for orders"),
                            ("closed", "Closed: bulk order placed"),
                            ("delivered", "Delivered"),
                        ],
                        default="open",
                        editable=False,
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "closed_at",
                    models.DateTimeField(
                        editable=False, null=True, verbose_name="closed at"
                    ),
                ),
                (
                    "delivered_on",
                    models.DateField(
                        editable=False, null=True, verbose_name="delivered on"
                    ),
                ),
            ],
            options={
                "verbose_name": "purchasing round",
                "verbose_name_plural": "purchasing rounds",
                "ordering": ["-closes_at", "-pk"],
                "permissions": [
                    (
                        "run_purchasinground",
                        "Can close purchasing rounds and record deliveries",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PurchaseReceipt",
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
                    "ordered",
                    models.PositiveIntegerField(verbose_name="quantity ordered"),
                ),
                (
                    "quantity",
                    models.PositiveIntegerField(verbose_name="quantity received"),
                ),
                ("unit_price", models.PositiveIntegerField(verbose_name="unit price")),
                ("amount", models.BigIntegerField(verbose_name="amount")),
                ("received_on", models.DateField(verbose_name="received on")),
                (
                    "cooperative",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="purchase_receipts",
                        to="cooperatives.cooperative",
                        verbose_name="cooperative",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="receipts",
                        to="shop.purchaseitem",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "pooled purchase received",
                "verbose_name_plural": "pooled purchases received",
                "ordering": ["item", "cooperative"],
            },
        ),
        migrations.AddField(
            model_name="ledgerentry",
            name="purchase",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ledger_entries",
                to="shop.purchasereceipt",
            ),
        ),
        migrations.AddField(
            model_name="purchaseitem",
            name="purchasing_round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="items",
                to="shop.purchasinground",
                verbose_name="purchasing round",
            ),
        ),
        migrations.CreateModel(
            name="BulkOrder",
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
                ("supplier", models.CharField(max_length=150, verbose_name="supplier")),
                (
                    "reference",
                    models.CharField(
                        max_length=60, verbose_name="supplier's reference"
                    ),
                ),
                ("placed_on", models.DateField(verbose_name="placed on")),
                ("cost", models.BigIntegerField(verbose_name="cost (centimes)")),
                (
                    "delivered_cost",
                    models.BigIntegerField(
                        null=True, verbose_name="delivered cost (centimes)"
                    ),
                ),
                (
                    "placed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "purchasing_round",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bulk_order",
                        to="shop.purchasinground",
                    ),
                ),
            ],
            options={
                "verbose_name": "bulk order",
                "verbose_name_plural": "bulk orders",
            },
        ),
        migrations.CreateModel(
            name="PriceTier",
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
                    "min_quantity",
                    models.PositiveIntegerField(
                        help_text=(
                            "The unit price applies when the round orders at least "
                            "this."
                        ),
                        verbose_name="from a round total of",
                    ),
                ),
                (
                    "unit_price",
                    models.PositiveIntegerField(verbose_name="unit price (centimes)"),
                ),
                (
                    "item",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tiers",
                        to="shop.purchaseitem",
                    ),
                ),
            ],
            options={
                "verbose_name": "unit price tier",
                "verbose_name_plural": "unit price tiers",
                "ordering": ["item", "min_quantity"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("item", "min_quantity"), name="one_tier_per_quantity"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PurchaseOrder",
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
                ("quantity", models.PositiveIntegerField(verbose_name="quantity")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "cooperative",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="purchase_orders",
                        to="cooperatives.cooperative",
                        verbose_name="cooperative",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="orders",
                        to="shop.purchaseitem",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "pooled purchase order",
                "verbose_name_plural": "pooled purchase orders",
                "ordering": ["item", "cooperative"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("item", "cooperative"),
                        name="one_purchase_order_per_item",
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="purchasereceipt",
            constraint=models.UniqueConstraint(
                fields=("item", "cooperative"), name="one_receipt_per_item"
            ),
        ),
        migrations.AddConstraint(
            model_name="purchasereceipt",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "amount",
                        django.db.models.expressions.CombinedExpression(
                            models.F("quantity"), "*", models.F("unit_price")
                        ),
                    )
                ),
                name="receipt_amount_is_quantity_times_price",
            ),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
