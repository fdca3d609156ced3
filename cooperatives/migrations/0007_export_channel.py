# 17b: export as its own channel in agreements
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0006_membership_language")]

    operations = []
