"""Editors and Moderators manage the producer snippets shown on the site.

Wagtail's own migrations created both groups with page permissions
(Editors: add and edit, so they submit for moderation; Moderators: publish)
and the "Moderators approval" workflow on the root page, which covers the
cooperative and story pages. Neither group gets user, settings, agreement or
portal-membership permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["cooperative", "certification", "province", "productcategory"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("cooperatives")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="cooperatives",
        codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
    )
    for name in ("Editors", "Moderators"):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_content_pages"),
        ("cooperatives", "0002_seed_categories"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
