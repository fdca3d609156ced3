from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["salessession", "salessessionline", "pooledcost", "statement", "ledgerentry"]


def grant(apps, schema_editor):
    config = apps.get_app_config("shop")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Foundation staff")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="shop",
            codename__in=[
                f"{action}_{model}"
                for model in MODELS
                for action in ("add", "change", "view")
            ],
        )
    )


class Migration(migrations.Migration):
    dependencies = [("shop", "0008_sales_sessions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
