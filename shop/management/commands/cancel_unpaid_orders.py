"""Meant for a scheduler (cron, systemd timer): run every few minutes."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from shop.payments import cmi
from shop.services.cmi_payments import cmi_orders_settle
from shop.services.orders import orders_cancel_unpaid


class Command(BaseCommand):
    help = "Cancel orders left unpaid online past the time limit; release stock."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=settings.SHOP_UNPAID_ORDER_MINUTES,
            help="Time limit in minutes (default: SHOP_UNPAID_ORDER_MINUTES).",
        )

    def handle(self, *args, minutes, **options):
        if cmi.api_available():
            # A card payment whose callback was lost is asked about first:
            # an order the gateway authorised is paid, not cancelled.
            cmi_orders_settle(older_than=datetime.timedelta(minutes=minutes))
        numbers = orders_cancel_unpaid(older_than=datetime.timedelta(minutes=minutes))
        self.stdout.write(f"Cancelled {len(numbers)} unpaid order(s): {numbers}")
