# 17a: invoices and credit notes
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0020_lot_at_pos")]

    operations = []
