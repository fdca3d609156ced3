# 19: contributions a cooperative bears
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0022_export_channel"),
        ("cooperatives", "0008_members_coverage"),
    ]

    operations = [
        migrations.AddField(
            model_name="ledgerentry",
            name="contribution",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ledger_entries",
                to="cooperatives.contribution",
            ),
        ),
    ]
