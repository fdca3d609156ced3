"""Meant for a scheduler (daily): issue every statement whose period closed."""

from django.core.management.base import BaseCommand

from cooperatives.models import Cooperative, today
from shop.services.settlements import (
    SettlementError,
    period_end_for,
    statement_issue,
)


class Command(BaseCommand):
    help = "Issue the settlement statements of periods that have ended."

    def handle(self, *args, **options):
        issued = []
        for cooperative in Cooperative.objects.order_by("pk"):
            period_end = period_end_for(cooperative, today())
            if period_end is None:
                continue
            try:
                statement = statement_issue(
                    cooperative_id=cooperative.pk, period_end=period_end
                )
            except SettlementError as error:  # e.g. a later period was settled
                self.stderr.write(f"{cooperative.slug}: {error}")
                continue
            issued.append(statement.number)
        self.stdout.write(f"{len(issued)} statement(s): {', '.join(issued)}")
