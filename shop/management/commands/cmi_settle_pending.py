"""Meant for a scheduler (cron, systemd timer): run every few minutes, more
often than cancel_unpaid_orders, so a payment whose callback never came is
found before its order is cancelled."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shop.payments import cmi
from shop.services.cmi_payments import cmi_orders_settle


class Command(BaseCommand):
    help = (
        "Ask the CMI's status API about orders still waiting for their card "
        "payment (their callback never came): capture and mark paid those the "
        "gateway authorised."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=settings.CMI_SETTLE_AFTER_MINUTES,
            help="Only orders placed this long ago (default: "
            "CMI_SETTLE_AFTER_MINUTES); younger ones may still get their "
            "callback.",
        )

    def handle(self, *args, minutes, **options):
        if not cmi.api_available():
            raise CommandError(
                "Set CMI_API_URL, CMI_API_USER and CMI_API_PASSWORD (and the "
                "CMI_CLIENT_ID, CMI_STORE_KEY and CMI_GATEWAY_URL) first."
            )
        results = cmi_orders_settle(older_than=datetime.timedelta(minutes=minutes))
        total = sum(len(numbers) for numbers in results.values())
        self.stdout.write(f"Asked the CMI about {total} order(s).")
        for result, numbers in sorted(results.items()):
            self.stdout.write(f"{result}: {len(numbers)} {numbers}")
        if results.get("error"):
            raise CommandError(
                f"The CMI's API could not be asked about {len(results['error'])} "
                "order(s); they are asked again next time."
            )
