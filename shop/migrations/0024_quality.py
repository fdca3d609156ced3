# 20a: specification books and inspection checklists
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0023_coverage_deductions")]

    operations = []
