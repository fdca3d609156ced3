"""Meant for a scheduler (cron, systemd timer): run on the first day of each
month. Drawing a month that has its plan changes nothing, so running it
again (or after staff pressed the admin button) is harmless."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from cooperatives.models import today
from shop.services.quality import DEFAULT_PLAN_SIZE, inspection_plan_draw


class Command(BaseCommand):
    help = "Draw this month's surprise inspections, weighted by risk."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: this month)")
        parser.add_argument("--size", type=int, default=DEFAULT_PLAN_SIZE)
        parser.add_argument(
            "--seed", type=int, help="Only to reproduce a draw; random otherwise."
        )

    def handle(self, *args, **options):
        month = today()
        if options["month"]:
            try:
                month = datetime.datetime.strptime(options["month"], "%Y-%m").date()
            except ValueError as error:
                raise CommandError("--month is YYYY-MM, e.g. 2026-12") from error
        if options["size"] < 1:
            raise CommandError("--size must be at least 1")
        plan = inspection_plan_draw(
            month=month, size=options["size"], seed=options["seed"]
        )
        drawn = plan.entries.filter(rank__isnull=False).count()
        self.stdout.write(
            f"Plan {plan}: {drawn} lot(s) drawn among {plan.entries.count()}, "
            f"seed {plan.seed}."
        )
