# 17c: withdrawal requests and consent
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Foundation staff"  # the staff who handle orders (0003)


def grant(apps, schema_editor):
    """Staff who handle orders see and close withdrawal requests."""
    config = apps.get_app_config("shop")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="shop",
            codename__in=["view_withdrawalrequest", "change_withdrawalrequest"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0025_purchasing"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="deliverymethod",
            name="max_delay_days",
            field=models.PositiveSmallIntegerField(
                default=30,
                help_text="Calendar days from the order to the latest delivery (or collection) day, shown at checkout and in the confirmation. The law allows 30 unless the buyer agrees to more.",
                verbose_name="delivered within (days)",
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="delivery_by",
            field=models.DateField(
                blank=True, null=True, verbose_name="delivery at the latest"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="privacy_consent_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="personal data consent given at"
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="privacy_consent_version",
            field=models.CharField(
                blank=True, max_length=20, verbose_name="privacy notice version"
            ),
        ),
        migrations.CreateModel(
            name="LegalPages",
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
                    "privacy_page",
                    models.ForeignKey(
                        blank=True,
                        help_text="The page names the CNDP declaration number of the site's settings by itself: do not type it in the page.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="privacy notice",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
                (
                    "terms_page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="terms of sale",
                    ),
                ),
            ],
            options={
                "verbose_name": "terms and privacy pages",
            },
        ),
        migrations.CreateModel(
            name="PrivacyConsent",
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
                    "version",
                    models.CharField(
                        max_length=20, verbose_name="privacy notice version"
                    ),
                ),
                ("given_at", models.DateTimeField(verbose_name="consent given at")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="privacy_consent",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="customer",
                    ),
                ),
            ],
            options={
                "verbose_name": "personal data consent",
                "verbose_name_plural": "personal data consents",
            },
        ),
        migrations.CreateModel(
            name="WithdrawalRequest",
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
                    "reason",
                    models.CharField(
                        choices=[
                            ("changed_mind", "I changed my mind"),
                            ("not_as_described", "It does not match its description"),
                            ("damaged", "It arrived damaged"),
                            ("wrong_item", "I received another product"),
                            ("other", "Another reason"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                (
                    "comment",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="comment"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Open"),
                            ("refunded", "Refunded"),
                            ("closed", "Closed without refund"),
                        ],
                        db_index=True,
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "requested_at",
                    models.DateTimeField(db_index=True, verbose_name="requested at"),
                ),
                ("refund_due_on", models.DateField(verbose_name="refund due by")),
                (
                    "form_token",
                    models.CharField(editable=False, max_length=64, unique=True),
                ),
                (
                    "closed_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="closed at"
                    ),
                ),
                ("staff_note", models.TextField(blank=True, verbose_name="staff note")),
                (
                    "closed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="closed by",
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="withdrawals",
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
                        related_name="+",
                        to="shop.refund",
                        verbose_name="refund",
                    ),
                ),
            ],
            options={
                "verbose_name": "withdrawal request",
                "verbose_name_plural": "withdrawal requests",
                "ordering": ["requested_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="WithdrawalLine",
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
                (
                    "order_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="shop.orderline",
                        verbose_name="order line",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="shop.withdrawalrequest",
                    ),
                ),
            ],
            options={
                "ordering": ["pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("quantity__gt", 0)),
                        name="withdrawal_line_quantity",
                    )
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
