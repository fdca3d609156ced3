# 19: member rosters and health coverage
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0007_export_channel")]

    operations = []
