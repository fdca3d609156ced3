# 19: contributions a cooperative bears
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0022_export_channel")]

    operations = []
