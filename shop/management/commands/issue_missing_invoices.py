"""Run once after upgrading a shop that took payments before invoicing
existed (and safe to run again at any time: it issues nothing twice)."""

from django.core.management.base import BaseCommand

from shop.services.invoices import invoices_issue_missing


class Command(BaseCommand):
    help = (
        "Issue the invoices and credit notes owed for orders paid and refunds "
        "booked without one, dated today, in the order the money moved."
    )

    def handle(self, *args, **options):
        issued = invoices_issue_missing()
        self.stdout.write(
            f"Issued {issued['invoices']} invoice(s) and "
            f"{issued['credit_notes']} credit note(s)."
        )
