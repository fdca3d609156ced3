"""Replace Wagtail's welcome page by our HomePage, titled in three languages."""

from django.db import migrations

TITLES = {"ar": "الرئيسية", "fr": "Accueil", "en": "Home"}
HEROES = {
    "ar": (
        "منتجات التعاونيات، من المنتج إلى المستهلك",
        "عسل وأعشاب طبية وعطرية تصنعها تعاونيات نسائية مغربية، بثمن عادل.",
    ),
    "fr": (
        "Les produits des coopératives, du producteur au consommateur",
        "Miel, plantes aromatiques et médicinales de coopératives féminines "
        "marocaines, payées au juste prix.",
    ),
    "en": (
        "Cooperative products, from maker to table",
        "Honey and aromatic and medicinal herbs from Moroccan women's "
        "cooperatives, paid a fair price.",
    ),
}


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")

    # Wagtail's own welcome page (and the site pointing at it) make way.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    if HomePage.objects.exists():
        return

    content_type, _created = ContentType.objects.get_or_create(
        model="homepage", app_label="cms"
    )
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title=TITLES["fr"],
        draft_title=TITLES["fr"],
        slug="home",
        content_type=content_type,
        path=f"{root.path}0002",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=root.locale_id,
        live=True,
        hero_heading=HEROES["fr"][0],
        hero_text=HEROES["fr"][1],
        **{f"hero_heading_{code}": HEROES[code][0] for code in HEROES},
        **{f"hero_text_{code}": HEROES[code][1] for code in HEROES},
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk},
    )

    # The translated columns are not part of the historical Page model.
    table = Page._meta.db_table
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for code, title in TITLES.items():
            cursor.execute(
                f"UPDATE {table} SET {quote('title_' + code)} = %s, "  # noqa: S608
                f"{quote('slug_' + code)} = %s, {quote('url_path_' + code)} = %s "
                "WHERE id = %s",
                [title, "home", "/home/", home.pk],
            )
            cursor.execute(
                f"UPDATE {table} SET {quote('url_path_' + code)} = %s "  # noqa: S608
                "WHERE id = %s",
                ["/", root.pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_page_translation_columns"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
