"""The cooperative portal at a year of data, over HTTP.

Usage (a scratch database, whose name must contain "bench": the script
empties it, migrates it and fills it):

  DATABASE_URL=sqlite:////tmp/portal-bench.sqlite3 \\
      .venv/bin/python bench/portal_bench.py
  DATABASE_URL=postgres://tadamon@127.0.0.1:54329/portal_bench \\
      .venv/bin/python bench/portal_bench.py

Options: --lines (200,000), --requests per page (50), --downloads of the
CSV (5), --workers (2), --quiet-wait (60 s), --reuse (time again what a
previous run built).

It builds one cooperative with --lines paid order lines over the last year
(five products ordered in Arabic, French and English, three channels, a few
refunds and failed refunds restored, monthly deductions) and a second
cooperative with a tenth of that, writing the ledger through the service
that keeps the sales summaries (`ledger_entries_write`). Then it starts the
site under gunicorn (storefront/gunicorn.conf.py, the production settings,
sync workers, no Redis: sessions in the database), signs in through the
portal's login form, and times, one request at a time, the dashboard, the
sales list's first page and its 2,000th (opened with the cursor of its
99,950th line; its "next" link is checked), then, once the statement of the
whole year is issued, the dashboard again, the statement page and its CSV.
Each page is requested --requests times after 3 unmeasured ones (the CSV
--downloads times), once the machine is quiet (bench/http_bench.py's
CpuWatch); the table gives p50 and p95 of the full request (status 200
checked), the SQL queries of one request of each, counted in this process,
and the CPU other processes used meanwhile.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import math
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from stack import VENV_BIN, free_port, wait_for_http  # noqa: E402

PASSWORD = "bench-password-1"  # noqa: S105 - a scratch database's user
BATCH = 5000
LANGUAGES = ("fr", "ar", "en")
CHANNELS = ("online",) * 7 + ("store",) * 2 + ("fair",)
CITIES = ("Rabat", "Fès", "Agadir", "Casablanca", "Marrakech")


def site_env(port: int) -> dict[str, str]:
    """The production settings on plain HTTP on loopback, as scripts/stack.py
    runs them, without Redis and with the tasks queued, never sent."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="storefront.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        PUBLIC_URL=f"http://127.0.0.1:{port}",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        TASKS_BACKEND="database",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="0",
    )
    return env


def empty_database(url: str, *, keep: bool = False) -> str:
    """Remove the SQLite file or drop and create the PostgreSQL database
    (unless `keep`); refuse a database whose name does not say it is a
    bench's. Returns the engine's name and version."""
    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in Path(name).name:
        sys.exit(f"refusing to empty {name!r}: its name must contain 'bench'")
    if parsed.scheme.startswith("sqlite"):
        import sqlite3

        path = parsed.path[1:]  # sqlite:////tmp/a → /tmp/a; sqlite:///a → a
        for suffix in ("", "-journal", "-wal", "-shm") if not keep else ():
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    server = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        if not keep:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        version = connection.info.server_version // 10000
    return f"PostgreSQL {version}"


# -- the data ---------------------------------------------------------------------


def catalogue(cooperative, count: int):
    from cooperatives.tests.factories import AgreementFactory
    from shop.tests.factories import VariantFactory

    AgreementFactory(cooperative=cooperative, commission_online_bp=1500)
    return [
        VariantFactory(
            product__cooperative=cooperative,
            price=price,
            stock=10**6,
        )
        for price in (12000, 4500, 8900, 2500, 15000)[:count]
    ]


def sell(cooperative, variants, lines: int, rng: random.Random) -> None:
    """`lines` paid orders of one line each over the last 365 days, oldest
    first, with their ledger entries; one line in 100 partly refunded three
    days later, one refund in 10 reported failed the day after."""
    from django.utils import timezone

    from shop.models import EntryKind, LedgerEntry, Order, OrderLine
    from shop.money import vat_included
    from shop.services.ledger import (
        ledger_entries_write,
        refund_line_parts,
        sale_parts,
    )

    today = timezone.localdate()
    start = timezone.now() - datetime.timedelta(days=365)
    step = datetime.timedelta(days=365) / lines
    agreement = cooperative.agreements.get()
    made = 0
    while made < lines:
        size = min(BATCH, lines - made)
        picks = []
        for i in range(size):
            variant = variants[rng.randrange(len(variants))]
            quantity = rng.choice((1, 1, 1, 2, 3))
            gross = variant.price * quantity
            paid_at = start + step * (made + i)
            picks.append((variant, quantity, gross, vat_included(gross, 2000), paid_at))
        orders = Order.objects.bulk_create(
            [
                Order(
                    number=f"B{cooperative.pk}-{made + i:07d}",
                    email="b@example.ma",
                    phone="+212612345678",
                    full_name="B",
                    city=rng.choice(CITIES),
                    language=rng.choice(LANGUAGES),
                    channel=rng.choice(CHANNELS),
                    payment_method="cod",
                    delivery_name="-",
                    subtotal=gross,
                    delivery=0,
                    vat=vat,
                    total=gross,
                    status="paid",
                    paid_at=paid_at,
                    paid_on=timezone.localdate(paid_at),
                )
                for i, (_v, _q, gross, vat, paid_at) in enumerate(picks)
            ]
        )
        order_lines = OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    variant=variant,
                    cooperative=cooperative,
                    # The snapshot in the order's language: three names a SKU.
                    product_name=getattr(variant.product, f"name_{order.language}"),
                    sku=variant.sku,
                    variant_label=variant.label,
                    unit_price=variant.price,
                    quantity=quantity,
                    vat_rate_bp=2000,
                    gross=gross,
                    discount=0,
                    vat=vat,
                    agreement=agreement,
                )
                for order, (variant, quantity, gross, vat, _p) in zip(
                    orders, picks, strict=True
                )
            ]
        )
        entries, refunds = [], []
        for order, line in zip(orders, order_lines, strict=True):
            bp = agreement.commission_bp(order.channel)
            sale = LedgerEntry(
                cooperative=cooperative,
                kind=EntryKind.SALE,
                channel=order.channel,
                occurred_on=order.paid_on,
                payable_on=order.paid_on,
                order_line=line,
                quantity=line.quantity,
                commission_bp=bp,
                label=f"{order.number} {line.product_name} ({line.sku})",
                **sale_parts(line, commission_bp=bp, foundation_bears_discount=True),
            )
            entries.append(sale)
            refund_day = order.paid_on + datetime.timedelta(days=3)
            if rng.random() < 0.01 and refund_day < today:
                part = SimpleNamespace(units_before=0, quantity=1)
                parts = refund_line_parts(part, sale)
                for sign, kind, day in (
                    (-1, EntryKind.REFUND, refund_day),
                    (1, EntryKind.REFUND_VOID, refund_day + datetime.timedelta(1)),
                ):
                    if sign > 0 and (rng.random() >= 0.1 or day >= today):
                        continue
                    refunds.append(
                        LedgerEntry(
                            cooperative=cooperative,
                            kind=kind,
                            channel=order.channel,
                            occurred_on=day,
                            payable_on=day,
                            order_line=line,
                            quantity=sign,
                            commission_bp=bp,
                            label=f"refund: {sale.label}",
                            **{name: sign * value for name, value in parts.items()},
                        )
                    )
        ledger_entries_write(entries + refunds)
        made += size


def build(lines: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cooperatives.models import CooperativeMembership
    from cooperatives.tests.factories import CooperativeFactory
    from shop.services.ledger import deduction_record

    rng = random.Random(1)  # noqa: S311 - reproducible data, not secrets
    cooperative = CooperativeFactory()
    sell(cooperative, catalogue(cooperative, 5), lines, rng)
    other = CooperativeFactory()
    sell(other, catalogue(other, 2), max(lines // 10, 1), rng)
    today = timezone.localdate()
    for month in range(12):
        deduction_record(
            cooperative_id=cooperative.pk,
            amount=25000,
            day=today - datetime.timedelta(days=30 * month + 5),
            label="transport",
        )
    user = get_user_model().objects.create_user("bench", password=PASSWORD)
    CooperativeMembership.objects.create(user=user, cooperative=cooperative)
    analyze()
    return cooperative


def analyze() -> None:
    """The planner's statistics, as autovacuum keeps them on a database in
    use: without them, PostgreSQL plans the freshly bulk-loaded tables as if
    they held a row each."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# -- HTTP ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of them reach."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def sign_in(base: str):
    """A member's browser, signed in through the portal's login form (the
    lock-out check sees a real request)."""
    from http_bench import Browser, form_token

    browser = Browser(base)
    form = browser.request("/fr/portal/login/")
    answer = browser.request(
        "/fr/portal/login/",
        {
            "username": "bench",
            "password": PASSWORD,
            "csrfmiddlewaretoken": form_token(form.text),
        },
    )
    if answer.status != 302 or browser.cookie("sessionid") is None:
        raise RuntimeError(f"sign-in failed: {answer.status} {answer.text[:300]}")
    return browser


def timed(
    browser, path: str, count: int, *, warm: int = 3, expect: str | None = None
) -> list[float]:
    """Milliseconds of `count` requests of `path`, after `warm` unmeasured."""
    times = []
    for index in range(count + warm):
        started = time.perf_counter()
        answer = browser.request(path)
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status != 200:
            raise RuntimeError(f"{path}: {answer.status} {answer.text[:300]}")
        if expect is not None and expect not in answer.text:
            raise RuntimeError(f"{path}: the page lacks {expect!r}")
        if index >= warm:
            times.append(elapsed)
    return times


def query_count(path: str) -> int:
    """SQL queries of one request of `path`, counted in this process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench"))
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int):
    folder = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    log = folder / "gunicorn.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [str(VENV_BIN / "gunicorn"), "-c", "storefront/gunicorn.conf.py"]
            + ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
            + ["--control-socket", str(folder / "gunicorn.ctl")]
            + ["storefront.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        try:
            wait_for_http(f"http://127.0.0.1:{port}/healthz")
        except RuntimeError:
            print(log.read_text(errors="replace")[-3000:])
            raise
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors = [
            line
            for line in log.read_text(errors="replace").splitlines()
            if '"level": "ERROR"' in line
        ]
        for line in errors[:5]:
            print("gunicorn:", line[:300])
        log.unlink()
        (folder / "gunicorn.ctl").unlink(missing_ok=True)
        folder.rmdir()


def prepare(lines: int, reuse: bool):
    """The bench's cooperative: built in an emptied database, or with
    `reuse`, the one a previous run built (to time again)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    if not reuse:
        call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    if reuse:
        member = get_user_model().objects.get(username="bench")
        cooperative = member.cooperative_memberships.get().cooperative
    else:
        cooperative = build(lines)
    return cooperative, time.perf_counter() - started


def page_cursors(entries, page: int):
    """The cursor that opens the sales list's page `page` (that of its last
    line but one page), and the one its "next" link must carry."""
    from portal.selectors import SALES_PAGE_SIZE, Cursor

    keys = (
        entries.filter(kind="sale")
        .order_by("-occurred_on", "-order_line_id")
        .values_list("occurred_on", "order_line_id")
    )
    before = keys[(page - 1) * SALES_PAGE_SIZE - 1]
    last = keys[page * SALES_PAGE_SIZE - 1]
    return Cursor(day=before[0], line_id=before[1]), Cursor(
        day=last[0], line_id=last[1]
    )


def measure_site(env, port, args, cooperative, page, cursors):
    """Time the pages over HTTP, each after waiting (up to --quiet-wait s)
    for the other processes of the machine to use less than 15 % of it;
    returns the rows of the table, the statement and the time it took to
    issue it."""
    from django.db import connection
    from django.utils import timezone
    from http_bench import CpuWatch

    from shop.services.settlements import statement_issue

    after, following = cursors
    cpu, rows = CpuWatch(), []
    with gunicorn(env, port, args.workers) as base:
        browser = sign_in(base)

        def measure(label, path, *, count=args.requests, warm=3, expect=None):
            cpu.wait_quiet(args.quiet_wait)
            before = cpu.snapshot()
            times = timed(browser, path, count, warm=warm, expect=expect)
            other = CpuWatch.share(before, cpu.snapshot())
            rows.append((label, times, query_count(path), other))
            connection.close()  # the bench's own, between measures

        measure("dashboard (nothing settled yet)", "/fr/portal/")
        measure("sales list, page 1 (50 lines)", "/fr/portal/sales/")
        measure(
            f"sales list, page {page:,} (`?after=` cursor)",
            f"/fr/portal/sales/?after={after}",
            expect=f"after={following}",
        )
        started = time.perf_counter()
        statement = statement_issue(
            cooperative_id=cooperative.pk, period_end=timezone.localdate()
        )
        analyze()
        issued = time.perf_counter() - started
        connection.close()
        measure("dashboard (after the statement)", "/fr/portal/")
        measure(
            "statement page (its first 200 entries)",
            f"/fr/portal/statements/{statement.pk}/",
        )
        rows_count = statement.entries.count()
        measure(
            f"statement CSV ({rows_count:,} rows), {args.downloads} downloads",
            f"/fr/portal/statements/{statement.pk}/csv/",
            count=args.downloads,
            warm=0,
        )
    return rows, statement, issued


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--downloads", type=int, default=5, help="of the CSV")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60,
        help="seconds to wait, before each page, for the machine to be quiet",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time again what a previous run built (its statement is issued)",
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("set DATABASE_URL to a scratch database (see the docstring)")
    engine = empty_database(url, keep=args.reuse)
    port = free_port()
    env = site_env(port)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from portal.selectors import SALES_PAGE_SIZE
    from shop.models import LedgerEntry, OrderLine, SalesSummary

    cooperative, built = prepare(args.lines, args.reuse)
    entries = LedgerEntry.objects.filter(cooperative=cooperative)
    lines = OrderLine.objects.filter(cooperative=cooperative).count()
    print(
        f"{engine}: {lines:,} order lines of one cooperative "
        f"({entries.count():,} ledger entries, "
        f"{SalesSummary.objects.filter(cooperative=cooperative).count():,} sales "
        f"summary rows) and {OrderLine.objects.count() - lines:,} of another, "
        f"built in {built:,.0f} s; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    # Page 2,000 starts after the 99,950th line, newest first (or the last
    # page but one of a smaller run).
    page = min(2000, lines // SALES_PAGE_SIZE - 1)
    cursors = page_cursors(entries, page)
    connection.close()  # gunicorn forks: no connection shared

    rows, _statement, issued = measure_site(env, port, args, cooperative, page, cursors)
    print(
        f"\nOne request at a time, {args.workers} gunicorn sync workers; "
        f"issuing the statement took {issued:,.1f} s; load average "
        f"{os.getloadavg()[0]:.1f}.\n"
    )
    print(
        "| page | requests | p50 ms | p95 ms | SQL queries | other load |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for label, times, queries, other in rows:
        print(
            f"| {label} | {len(times)} | {statistics.median(times):,.0f} | "
            f"{percentile(times, 0.95):,.0f} | {queries} | {other:.0%} |"
        )


if __name__ == "__main__":
    main()
