"""Money given back to a business client by bank transfer: a transfer's
kind (received or given back); every transfer recorded so far was received."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0028_refund_sent_at")]

    operations = [
        migrations.AddField(
            model_name="banktransfer",
            name="kind",
            field=models.CharField(
                choices=[("received", "Received"), ("returned", "Given back")],
                default="received",
                max_length=10,
                verbose_name="kind",
            ),
        ),
    ]
