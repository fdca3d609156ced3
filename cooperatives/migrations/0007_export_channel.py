# 17d: export as its own channel in agreements, wholesale apart
import django.core.validators
from django.db import migrations, models
from django.db.models import F


def export_terms_from_wholesale(apps, schema_editor):
    # Existing agreements covered "wholesale and export" with one set of
    # terms: export keeps them until the parties sign new ones.
    PartnershipAgreement = apps.get_model("cooperatives", "PartnershipAgreement")
    PartnershipAgreement.objects.update(
        commission_export_bp=F("commission_wholesale_bp"),
        delay_export_days=F("delay_wholesale_days"),
    )


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0006_membership_language")]

    operations = [
        migrations.AddField(
            model_name="partnershipagreement",
            name="commission_export_bp",
            field=models.PositiveIntegerField(
                default=0,
                help_text="In basis points: 1500 is 15 %.",
                validators=[django.core.validators.MaxValueValidator(10000)],
                verbose_name="commission, export",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="partnershipagreement",
            name="delay_export_days",
            field=models.PositiveSmallIntegerField(
                default=30,
                help_text="Days after the sale before the money is payable.",
                validators=[django.core.validators.MaxValueValidator(365)],
                verbose_name="settlement delay, export",
            ),
        ),
        migrations.RunPython(export_terms_from_wholesale, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partnershipagreement",
            name="commission_wholesale_bp",
            field=models.PositiveIntegerField(
                help_text="In basis points: 1500 is 15 %.",
                validators=[django.core.validators.MaxValueValidator(10000)],
                verbose_name="commission, wholesale",
            ),
        ),
        migrations.AlterField(
            model_name="partnershipagreement",
            name="delay_wholesale_days",
            field=models.PositiveSmallIntegerField(
                default=30,
                help_text="Days after the sale before the money is payable.",
                validators=[django.core.validators.MaxValueValidator(365)],
                verbose_name="settlement delay, wholesale",
            ),
        ),
    ]
