"""Give the "Foundation staff" group the permission to open any cooperative's
portal (so the admin's statement "View" link works for staff who are not
superusers). The group is created by shop's 0003 migration; whichever runs
first creates it (get_or_create), as shop's 0009 does."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Foundation staff"
CODENAME = "view_every_portal"


def _permission(apps):
    config = apps.get_app_config("cooperatives")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label="cooperatives", codename=CODENAME
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(_permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cooperatives", "0004_cooperative_view_every_portal"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
