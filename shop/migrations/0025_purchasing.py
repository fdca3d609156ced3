# 20b: pooled purchasing rounds
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0024_quality")]

    operations = []
