# 20a: specification books per category, if they live here
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0008_members_coverage")]

    operations = []
