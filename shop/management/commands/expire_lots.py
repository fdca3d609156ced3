"""Meant for a scheduler (cron, systemd timer): run once a day, just after
midnight (Africa/Casablanca)."""

from django.core.management.base import BaseCommand

from shop.services.lots import lots_expire


class Command(BaseCommand):
    help = "Write off the stock of lots past their best-before date."

    def handle(self, *args, **options):
        written = lots_expire()
        total = sum(written.values())
        self.stdout.write(
            f"Wrote off {total} unit(s) from {len(written)} expired lot(s)"
            + (f": {', '.join(sorted(written))}" if written else ".")
        )
