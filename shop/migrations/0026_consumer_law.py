# 17c: withdrawal requests and consent
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0025_purchasing")]

    operations = []
