"""Portal and statement speed for a cooperative with many order lines.

Usage (a scratch database: the script migrates it and fills it):
  DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/portal_bench.py
  DATABASE_URL=postgres://u@127.0.0.1:5432/bench .venv/bin/python bench/portal_bench.py

It creates one cooperative with LINES paid order lines (and their ledger
entries) spread over a year, then times the portal dashboard, the sales page,
issuing the statement, and rendering it as a page and as CSV, with the
number of SQL queries of each.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

LINES = int(os.environ.get("LINES", "200000"))
BATCH = 5000


def build():
    from cooperatives.models import CooperativeMembership
    from cooperatives.tests.factories import AgreementFactory
    from shop.models import LedgerEntry, Order, OrderLine
    from shop.tests.factories import VariantFactory

    variants = [VariantFactory(stock=10**6) for _ in range(5)]
    for variant in variants[1:]:
        variant.product.cooperative = variants[0].product.cooperative
        variant.product.save()
    cooperative = variants[0].product.cooperative
    AgreementFactory(cooperative=cooperative)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench", password="bench-password-1")
    CooperativeMembership.objects.create(user=user, cooperative=cooperative)
    rng = random.Random(1)  # noqa: S311
    start = timezone.now() - datetime.timedelta(days=365)
    made = 0
    while made < LINES:
        size = min(BATCH, LINES - made)
        orders = Order.objects.bulk_create(
            [
                Order(
                    number=f"B{made + i:08d}",
                    email="b@example.ma",
                    phone="+2126",
                    full_name="B",
                    city=rng.choice(["Rabat", "Fès", "Agadir"]),
                    language="fr",
                    payment_method="cod",
                    delivery_name="-",
                    subtotal=12000,
                    delivery=0,
                    vat=2000,
                    total=12000,
                    status="paid",
                    paid_at=start + datetime.timedelta(minutes=made + i),
                )
                for i in range(size)
            ]
        )
        lines = OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    variant=variants[i % 5],
                    cooperative=cooperative,
                    product_name="Miel",
                    sku=variants[i % 5].sku,
                    variant_label="250 g",
                    unit_price=12000,
                    quantity=1,
                    vat_rate_bp=2000,
                    gross=12000,
                    discount=0,
                    vat=2000,
                )
                for i, order in enumerate(orders)
            ]
        )
        LedgerEntry.objects.bulk_create(
            [
                LedgerEntry(
                    cooperative=cooperative,
                    kind="sale",
                    channel="online",
                    occurred_on=line.order.paid_at.date(),
                    payable_on=line.order.paid_at.date(),
                    order_line=line,
                    quantity=1,
                    gross=12000,
                    discount=0,
                    vat=2000,
                    commission=1500,
                    net=8500,
                    commission_bp=1500,
                    label="bench",
                )
                for line in lines
            ]
        )
        made += size
    return cooperative


def timed(label, function):
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
    print(f"| {label} | {elapsed * 1000:,.0f} ms | {len(queries)} |")
    return result


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    cooperative = build()
    print(
        f"{connection.vendor}: {LINES:,} order lines built in "
        f"{time.perf_counter() - started:,.1f} s\n"
    )
    client = Client()
    client.login(username="bench", password="bench-password-1")
    print("| step | time | SQL queries |\n| --- | --- | --- |")
    timed("portal dashboard", lambda: client.get("/fr/portal/"))
    timed("portal sales page (50 lines)", lambda: client.get("/fr/portal/sales/"))
    from shop.services.settlements import statement_issue

    statement = timed(
        "issue the statement",
        lambda: statement_issue(
            cooperative_id=cooperative.pk, period_end=timezone.localdate()
        ),
    )
    timed(
        "statement page",
        lambda: client.get(f"/fr/portal/statements/{statement.pk}/"),
    )
    timed(
        "statement CSV",
        lambda: b"".join(
            client.get(f"/fr/portal/statements/{statement.pk}/csv/").streaming_content
        ),
    )


if __name__ == "__main__":
    main()
