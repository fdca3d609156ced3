"""The "Foundation staff" group: orders, catalogue, delivery, discounts and the
producer registry; no pages, users or settings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "shop": ["product", "variant", "deliverymethod", "discountcode", "order"],
    "cooperatives": [
        "cooperative",
        "partnershipagreement",
        "certification",
        "cooperativemembership",
        "province",
        "productcategory",
    ],
}
VAT_VIEW_ONLY = ("shop", "view_vatrate")


def create_group(apps, schema_editor):
    for label in ("shop", "cooperatives", "wagtailadmin"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Foundation staff")
    for app_label, models in GRANTS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[
                    f"{action}_{model}"
                    for model in models
                    for action in ("add", "change", "delete", "view")
                ],
            )
        )
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=VAT_VIEW_ONLY[0], codename=VAT_VIEW_ONLY[1]
        ),
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_seed_vat_rates"),
        ("cooperatives", "0002_seed_categories"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
