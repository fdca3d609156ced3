"""Arabic becomes the default language of page content.

A page's address in a language is its slug in that language or, when it has
none, the slug in the default language (the rule by which
wagtail-modeltranslation builds ``url_path_xx``, and by which cms/routing.py
routes). French was the default until now, so a page without an Arabic or
English slug was served at its French one. So that no address changes:

- a page without an Arabic slug gets the one it was served at in Arabic;
- a French or English slug left empty is filled with the one the page was
  served at in that language, where that differs from the Arabic slug;

then every ``url_path_xx`` is rebuilt by the new rule: the same paths for
every page whose three slugs were filled, as the demo's are. The latest
revision of a page gets the same slugs, so that its next edit or publication
keeps them. Titles are left as they are: an empty Arabic title still shows
the French one (the Arabic fallback) and the editor is asked for it at the
page's next edit, where it is now required.
"""

import json

from django.db import migrations

LANGUAGES = ("ar", "fr", "en")
OLD_DEFAULT = "fr"
DEFAULT = "ar"
SLUGS = [f"slug_{code}" for code in LANGUAGES]
URL_PATHS = [f"url_path_{code}" for code in LANGUAGES]


def _last_segment(url_path):
    parts = [part for part in (url_path or "").split("/") if part]
    return parts[-1] if parts else None


def _served_at(row, code):
    """The slug a page was served at in `code` under the old rule."""
    return _last_segment(row[f"url_path_{code}"]) or (
        row[f"slug_{code}"] or row[f"slug_{OLD_DEFAULT}"] or row["slug"]
    )


def _new_slugs(row):
    slugs = {code: row[f"slug_{code}"] or None for code in LANGUAGES}
    slugs[DEFAULT] = slugs[DEFAULT] or _served_at(row, DEFAULT)
    for code in LANGUAGES:
        served = _served_at(row, code)
        if not slugs[code] and served and served != slugs[DEFAULT]:
            slugs[code] = served
    return slugs


def keep_addresses(apps, schema_editor):
    connection = schema_editor.connection
    quote = schema_editor.quote_name
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    table = quote(Page._meta.db_table)
    columns = ["id", "path", "depth", "slug", "latest_revision_id", *SLUGS, *URL_PATHS]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} "  # noqa: S608
            f"FROM {table} ORDER BY path"
        )
        rows = [dict(zip(columns, values, strict=True)) for values in cursor]

    url_paths = {}  # path -> {code: url_path}
    for row in rows:
        parent = url_paths.get(row["path"][:-4])
        if parent is None:  # the tree's root, or an orphan: left alone
            url_paths[row["path"]] = {
                code: row[f"url_path_{code}"] or "/" for code in LANGUAGES
            }
            continue
        slugs = _new_slugs(row)
        paths = {
            code: f"{parent[code]}{slugs[code] or slugs[DEFAULT]}/"
            for code in LANGUAGES
        }
        url_paths[row["path"]] = paths
        new = {
            **{f"slug_{code}": slugs[code] for code in LANGUAGES},
            **{f"url_path_{code}": paths[code] for code in LANGUAGES},
        }
        changes = {name: value for name, value in new.items() if value != row[name]}
        if not changes:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET "  # noqa: S608
                + ", ".join(f"{quote(name)} = %s" for name in changes)
                + " WHERE id = %s",
                [*changes.values(), row["id"]],
            )
        _keep_in_revision(Revision, row["latest_revision_id"], slugs)


def _keep_in_revision(Revision, revision_id, slugs):  # noqa: N803
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return
    content = revision.content
    if isinstance(content, str):
        content = json.loads(content)
    changed = False
    for code, slug in slugs.items():
        key = f"slug_{code}"
        if key in content and not content[key] and slug:
            content[key] = slug
            changed = True
    if changed:
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_product_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(keep_addresses, migrations.RunPython.noop)]
