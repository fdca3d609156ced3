"""How long the PDF of a statement takes, by number of entries.

Usage (a scratch database: the script migrates it and fills it):
  LINES=2000 DAYS=30 DATABASE_URL=sqlite:////tmp/pdf-bench.sqlite3 \
      .venv/bin/python bench/statement_pdf_bench.py

It builds one cooperative with LINES paid order lines and their sale entries
over the last DAYS days (three channels, five products), issues its statement
and times the PDF view in Arabic and French, twice each (the first render of
a process also loads WeasyPrint and decompresses the fonts). Set MAX_LISTED
to change portal.documents.MAX_LISTED_ENTRIES, e.g. to time a statement
listed entry by entry past the usual limit.
"""

import datetime
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from cooperatives.models import CooperativeMembership  # noqa: E402
from portal import documents  # noqa: E402
from shop.models import LedgerEntry, Order, OrderLine  # noqa: E402
from shop.services.settlements import statement_issue  # noqa: E402
from shop.tests.factories import VariantFactory  # noqa: E402

LINES = int(os.environ.get("LINES", "2000"))
DAYS = int(os.environ.get("DAYS", "30"))
CHANNELS = ("online", "store", "fair")
BATCH = 5000


def build():
    """One cooperative, five variants, LINES paid lines with their sale
    entries, spread evenly over the last DAYS days; and its member."""
    variants = [VariantFactory(stock=10**6) for _ in range(5)]
    cooperative = variants[0].product.cooperative
    for variant in variants[1:]:
        variant.product.cooperative = cooperative
        variant.product.save()
    user = get_user_model().objects.create_user("bench")
    CooperativeMembership.objects.create(user=user, cooperative=cooperative)
    start = timezone.now() - datetime.timedelta(days=DAYS)
    step = datetime.timedelta(days=DAYS) / LINES
    for first in range(0, LINES, BATCH):
        numbers = range(first, min(first + BATCH, LINES))
        orders = Order.objects.bulk_create(
            Order(
                number=f"B{i:08d}",
                email="b@example.ma",
                phone="+212600000000",
                full_name="B",
                city="Rabat",
                language="fr",
                channel=CHANNELS[i % 3],
                payment_method="cod",
                delivery_name="-",
                subtotal=12000,
                delivery=0,
                vat=2000,
                total=12000,
                status="paid",
                paid_at=start + step * i,
            )
            for i in numbers
        )
        lines = OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                variant=variants[i % 5],
                cooperative=cooperative,
                product_name=variants[i % 5].product.name,
                sku=variants[i % 5].sku,
                variant_label=variants[i % 5].label,
                unit_price=12000,
                quantity=1,
                vat_rate_bp=2000,
                gross=12000,
                discount=0,
                vat=2000,
            )
            for i, order in zip(numbers, orders, strict=True)
        )
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                cooperative=cooperative,
                kind="sale",
                channel=line.order.channel,
                occurred_on=timezone.localdate(line.order.paid_at),
                payable_on=timezone.localdate(line.order.paid_at),
                order_line=line,
                quantity=1,
                gross=12000,
                vat=2000,
                commission_bp=1500,
                commission=1500,
                net=8500,
            )
            for line in lines
        )
    return cooperative, user


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main():
    if "MAX_LISTED" in os.environ:
        documents.MAX_LISTED_ENTRIES = int(os.environ["MAX_LISTED"])
    call_command("migrate", verbosity=0)
    cooperative, user = build()
    statement = statement_issue(
        cooperative_id=cooperative.pk, period_end=timezone.localdate()
    )
    client = Client()
    client.force_login(user)
    listed = "listed one by one" if LINES <= documents.MAX_LISTED_ENTRIES else "summed"
    print(f"{LINES:,} entries over {DAYS} days, {listed}")
    print(
        "| language | run | time | CPU time | pages | PDF size |\n"
        "| --- | --- | ---: | ---: | ---: | ---: |"
    )
    for language in ("ar", "fr"):
        for run in (1, 2):
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/{language}/portal/statements/{statement.pk}/pdf/")
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
            assert response.status_code == 200, response.status_code
            size = len(response.content) // 1024
            print(
                f"| {language} | {run} | {elapsed * 1000:,.0f} ms "
                f"| {cpu * 1000:,.0f} ms | {pages(response.content)} | {size:,} KiB |"
            )


if __name__ == "__main__":
    main()
