# 19: member rosters and health coverage
"""Rosters, coverage schemes, enrolments and contributions; the agreement's
share of commission for coverage; the typed member counters go (the site
counts the roster). The "Foundation staff" group may confirm roster changes
and keep enrolments and contributions."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import core.encryption

GROUP = "Foundation staff"
CODENAMES = [
    "confirm_roster_changes",
    "view_member",
    "change_member",
    "view_rosterchange",
    "view_coveragescheme",
    "add_coveragescheme",
    "change_coveragescheme",
    "view_enrolment",
    "add_enrolment",
    "change_enrolment",
    "view_contribution",
    "add_contribution",
]


def _permissions(apps):
    config = apps.get_app_config("cooperatives")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="cooperatives", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cooperatives", "0007_export_channel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CoverageScheme",
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
                ("name", models.CharField(max_length=150, verbose_name="name")),
                (
                    "name_ar",
                    models.CharField(max_length=150, null=True, verbose_name="name"),
                ),
                (
                    "name_fr",
                    models.CharField(max_length=150, null=True, verbose_name="name"),
                ),
                (
                    "name_en",
                    models.CharField(max_length=150, null=True, verbose_name="name"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("amo_tns", "Mandatory health insurance (self-employed)"),
                            ("group", "Group policy"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "insurer",
                    models.CharField(
                        blank=True, max_length=150, verbose_name="insurer"
                    ),
                ),
                (
                    "monthly_contribution",
                    models.PositiveIntegerField(
                        verbose_name="monthly contribution (centimes)"
                    ),
                ),
                (
                    "requires_national_id",
                    models.BooleanField(
                        default=False, verbose_name="requires the national ID number"
                    ),
                ),
            ],
            options={
                "verbose_name": "coverage scheme",
                "verbose_name_plural": "coverage schemes",
                "ordering": ["name"],
            },
        ),
        migrations.RemoveField(
            model_name="cooperative",
            name="members_count",
        ),
        migrations.RemoveField(
            model_name="cooperative",
            name="women_members_count",
        ),
        migrations.AddField(
            model_name="partnershipagreement",
            name="coverage_share_bp",
            field=models.PositiveIntegerField(
                default=0,
                help_text="In basis points of the commission: 1000 is 10 %.",
                validators=[django.core.validators.MaxValueValidator(10000)],
                verbose_name="share of the commission for health coverage",
            ),
        ),
        migrations.CreateModel(
            name="Member",
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
                ("name", models.CharField(max_length=150, verbose_name="full name")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("president", "President"),
                            ("treasurer", "Treasurer"),
                            ("secretary", "Secretary"),
                            ("member", "Member"),
                        ],
                        default="member",
                        max_length=12,
                        verbose_name="role",
                    ),
                ),
                (
                    "sex",
                    models.CharField(
                        choices=[("f", "Woman"), ("m", "Man")],
                        max_length=1,
                        verbose_name="sex",
                    ),
                ),
                (
                    "birth_year",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1900),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="year of birth",
                    ),
                ),
                (
                    "phone",
                    models.CharField(blank=True, max_length=30, verbose_name="phone"),
                ),
                ("joined_on", models.DateField(verbose_name="joined on")),
                (
                    "left_on",
                    models.DateField(blank=True, null=True, verbose_name="left on"),
                ),
                ("consent_on", models.DateField(verbose_name="consent recorded on")),
                (
                    "consent_method",
                    models.CharField(
                        choices=[
                            ("signed_form", "Signed form"),
                            ("thumbprint", "Form with thumbprint, before a witness"),
                            ("oral", "Oral, before a witness"),
                        ],
                        max_length=12,
                        verbose_name="consent recorded by",
                    ),
                ),
                (
                    "national_id",
                    core.encryption.EncryptedCharField(
                        blank=True,
                        help_text="Only when her coverage scheme requires it. Stored encrypted.",
                        verbose_name="national ID number (CIN)",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "cooperative",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="members",
                        to="cooperatives.cooperative",
                        verbose_name="cooperative",
                    ),
                ),
            ],
            options={
                "verbose_name": "member",
                "verbose_name_plural": "members",
                "ordering": ["cooperative", "name", "pk"],
                "permissions": [
                    ("confirm_roster_changes", "Can confirm roster changes")
                ],
            },
        ),
        migrations.CreateModel(
            name="Enrolment",
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
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="to")),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("ended", "Ended")],
                        default="active",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                (
                    "payer",
                    models.CharField(
                        choices=[
                            ("foundation", "The foundation"),
                            ("cooperative", "The cooperative"),
                            ("member", "The member"),
                        ],
                        default="foundation",
                        max_length=12,
                        verbose_name="paid by",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "scheme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrolments",
                        to="cooperatives.coveragescheme",
                        verbose_name="scheme",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrolments",
                        to="cooperatives.member",
                        verbose_name="member",
                    ),
                ),
            ],
            options={
                "verbose_name": "enrolment",
                "verbose_name_plural": "enrolments",
                "ordering": ["-starts_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="RosterChange",
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
                            ("add", "New member"),
                            ("change", "Change"),
                            ("leave", "Departure"),
                        ],
                        max_length=8,
                        verbose_name="kind",
                    ),
                ),
                (
                    "values",
                    models.JSONField(default=dict, verbose_name="proposed values"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("confirmed", "Confirmed"),
                            ("rejected", "Rejected"),
                        ],
                        default="proposed",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("token", models.UUIDField(unique=True)),
                (
                    "proposed_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="proposed at"),
                ),
                (
                    "decided_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="decided at"
                    ),
                ),
                (
                    "cooperative",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="roster_changes",
                        to="cooperatives.cooperative",
                        verbose_name="cooperative",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="changes",
                        to="cooperatives.member",
                        verbose_name="member",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "roster change",
                "verbose_name_plural": "roster changes",
                "ordering": ["-proposed_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Contribution",
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
                    "month",
                    models.DateField(
                        help_text="The first day of the month.", verbose_name="month"
                    ),
                ),
                (
                    "amount",
                    models.PositiveIntegerField(verbose_name="amount (centimes)"),
                ),
                (
                    "payer",
                    models.CharField(
                        choices=[
                            ("foundation", "The foundation"),
                            ("cooperative", "The cooperative"),
                            ("member", "The member"),
                        ],
                        max_length=12,
                        verbose_name="paid by",
                    ),
                ),
                ("paid_on", models.DateField(verbose_name="paid on")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
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
                (
                    "enrolment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="cooperatives.enrolment",
                        verbose_name="enrolment",
                    ),
                ),
            ],
            options={
                "verbose_name": "contribution",
                "verbose_name_plural": "contributions",
                "ordering": ["-month", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("enrolment", "month"), name="one_contribution_per_month"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("month__day", 1)),
                        name="contribution_month_is_first_day",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="enrolment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "active")),
                fields=("member", "scheme"),
                name="one_active_enrolment_per_scheme",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
