"""Add the per-language columns of wagtailcore.Page that modeltranslation uses.

wagtail-modeltranslation adds title_xx, slug_xx, url_path_xx, seo_title_xx and
search_description_xx to Wagtail's Page table after migrations have run
(`sync_page_translation_fields`). Adding them here instead lets the next
migration create the home page with its title and URL in every language; the
sync that follows finds the columns present and does nothing.
"""

from django.db import migrations, models

LANGUAGES = ("ar", "fr", "en")


def _columns():
    for language in LANGUAGES:
        yield f"title_{language}", models.CharField(max_length=255, null=True)
        yield f"slug_{language}", models.SlugField(
            max_length=255, null=True, allow_unicode=True
        )
        yield f"url_path_{language}", models.TextField(null=True, blank=True)
        yield f"seo_title_{language}", models.CharField(max_length=255, null=True)
        yield f"search_description_{language}", models.TextField(null=True)


def add_columns(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    table = Page._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        existing = {
            column.name
            for column in schema_editor.connection.introspection.get_table_description(
                cursor, table
            )
        }
    for name, field in _columns():
        if name in existing:
            continue
        field.set_attributes_from_name(name)
        field.model = Page
        schema_editor.add_field(Page, field)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_columns, migrations.RunPython.noop)]
