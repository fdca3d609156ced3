from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    config = apps.get_app_config("trade")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Foundation staff")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="trade", codename="manage_business_clients"
        )
    )


class Migration(migrations.Migration):
    dependencies = [("trade", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
