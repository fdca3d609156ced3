# 17b: wholesale and export channels
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0021_invoices")]

    operations = []
