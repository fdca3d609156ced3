from django.db import migrations

CATEGORIES = [
    ("honey", "Miel", "عسل", "Honey"),
    ("herbs", "Plantes et infusions", "أعشاب ونقيعات", "Herbs and infusions"),
    ("oils", "Huiles", "زيوت", "Oils"),
    ("cosmetics", "Cosmétiques", "مستحضرات تجميل", "Cosmetics"),
    ("food", "Épicerie", "مواد غذائية", "Food"),
    ("crafts", "Artisanat", "صناعة تقليدية", "Crafts"),
]


def seed(apps, schema_editor):
    ProductCategory = apps.get_model("cooperatives", "ProductCategory")
    for order, (slug, fr, ar, en) in enumerate(CATEGORIES):
        ProductCategory.objects.update_or_create(
            slug=slug,
            defaults={
                "sort_order": order,
                "name": fr,
                "name_fr": fr,
                "name_ar": ar,
                "name_en": en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
