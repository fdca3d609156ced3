"""Faults on the production stack (scripts/stack.py) slow the shop down,
never stop it.

- Redis stopped in the middle of a run of checkouts over HTTP: orders are
  still placed and pages still served (uncached); Redis started again, the
  page cache answers again by itself.
- PostgreSQL stopped for a few seconds and started again: the task worker
  (`manage.py run_worker`) is still running afterwards, without having been
  restarted; killed outright, the stack's supervisor starts it again; and
  every order gets exactly one confirmation email."""

import email
import itertools
import os
import re
import signal
import sys
import time
from email.header import decode_header, make_header
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from stack import Stack, _pg_bin  # noqa: E402

from tests.test_stack import Visitor, _services_missing  # noqa: E402

pytestmark = [
    pytest.mark.stack,
    pytest.mark.xdist_group("stack-faults"),
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="runs once, in the SQLite pass: it starts its own PostgreSQL",
    ),
]

DETAILS = {
    "email": "amina@example.ma",
    "phone": "0612345678",
    "full_name": "Amina Alaoui",
    "country": "MA",
    "province": "MA-RAB",
    "city": "Rabat",
    "address_line": "12 rue Oued Sebou, Agdal",
    "postal_code": "10090",
    "payment_method": "cod",
    "privacy_consent": "on",
}


@pytest.fixture(scope="module")
def stack():
    missing = _services_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} must be installed in CI (.ci/run does it)")
        pytest.skip(f"{missing} is not installed")
    with Stack(workers=2, season=False) as running:
        yield running


@pytest.fixture(scope="module")
def product(stack):
    """A product page of the demo, and SKUs of several products: orders
    take one unit of each in turn, so that none sells out."""
    visitor = Visitor(stack.url)
    _status, _headers, catalogue = visitor.request("/fr/produits/")
    urls = list(dict.fromkeys(re.findall(r'href="(/fr/produits/[^"?]+/)"', catalogue)))
    skus = []
    for url in urls[:6]:
        page = visitor.request(url)[2]
        skus += re.findall(r'name="sku" value="([^"]+)"', page)[:1]
    return urls[0], itertools.cycle(skus)


def checkout(base: str, skus) -> str:
    """A new visitor buys one unit, cash on delivery; the order's number."""
    sku = next(skus)
    visitor = Visitor(base)
    added = visitor.request(
        "/fr/cart/add/",
        {"sku": sku, "quantity": 1, "csrfmiddlewaretoken": visitor.token()},
    )
    assert added[0] == 302, added[2][:500]
    _status, _headers, form = visitor.request("/fr/checkout/")
    for delivery in re.findall(r'name="delivery_method" value="(\d+)"', form):
        details = visitor.request(
            "/fr/checkout/",
            {
                **DETAILS,
                "delivery_method": delivery,
                "csrfmiddlewaretoken": visitor.token(),
            },
        )
        if details[0] == 302:
            break
    review = visitor.request("/fr/checkout/review/")[2]
    token = re.search(r'name="checkout_token" value="([^"]+)"', review)
    assert token, (sku, details[0], review[:1500])
    token = token.group(1)
    placed = visitor.request(
        "/fr/checkout/review/",
        {
            "csrfmiddlewaretoken": visitor.token(),
            "accept_terms": "on",
            "checkout_token": token,
        },
    )
    assert placed[0] == 302 and "/fr/orders/" in placed[1]["Location"], placed[2][:500]
    return placed[1]["Location"].split("/fr/orders/")[1].split("/")[0]


def confirmations(mail_dir: Path) -> list[str]:
    """The subject of every message the file backend wrote."""
    subjects = []
    for path in mail_dir.glob("*.log"):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                message = email.message_from_bytes(raw)
                subjects.append(str(make_header(decode_header(message["Subject"]))))
    return subjects


def wait_for_emails(stack, numbers, timeout=40.0) -> dict[str, int]:
    """How many emails name each order, once each has one (or time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        subjects = confirmations(stack.mail_dir)
        counts = {n: sum(n in subject for subject in subjects) for n in numbers}
        if all(counts.values()) or time.monotonic() > deadline:
            return counts
        time.sleep(0.5)


def wait_until_healthy(base: str, timeout=30.0) -> None:
    """Until /healthz answers 200 a few times in a row (each gunicorn worker
    drops the connection the restart broke at its first request)."""
    deadline = time.monotonic() + timeout
    healthy = 0
    while healthy < 4:
        assert time.monotonic() < deadline, "the site did not recover"
        status = Visitor(base).request("/healthz")[0]
        healthy = healthy + 1 if status == 200 else 0
        time.sleep(0.1)


def test_orders_are_placed_and_pages_served_while_redis_is_down(stack, product):
    url, skus = product
    redis = next(p for p in stack.processes if "redis-server" in p.args[0])
    numbers = [checkout(stack.url, skus) for _ in range(2)]

    redis.terminate()
    redis.wait(timeout=10)
    started = time.monotonic()
    pages = []
    for _ in range(3):
        numbers.append(checkout(stack.url, skus))
        pages += [Visitor(stack.url).request(path) for path in ("/fr/", url)]
    down_for = time.monotonic() - started
    stack._start_redis()  # the same port, empty, as after a crash
    numbers.append(checkout(stack.url, skus))
    # The page cache comes back by itself: a miss stores the page, then hits.
    after = [Visitor(stack.url).request(url)[1].get("X-Page-Cache") for _ in range(8)]

    assert len(set(numbers)) == 6
    assert [page[0] for page in pages] == [200] * 6
    assert all(page[1].get("X-Page-Cache") != "hit" for page in pages)
    assert after[-1] == "hit", after
    assert down_for < 30
    counts = wait_for_emails(stack, numbers)
    assert counts == dict.fromkeys(numbers, 1)


def _pg_ctl(stack, *args: str) -> None:
    stack._run(
        stack._as_postgres(
            [str(_pg_bin() / "pg_ctl"), "-D", str(stack.folder / "pg"), *args]
        )
    )


def test_the_worker_outlives_a_database_restart_and_sends_each_email_once(
    stack, product
):
    _url, skus = product
    worker = stack.task_worker_process
    restarts = stack.task_worker_restarts
    before = [checkout(stack.url, skus) for _ in range(3)]

    data = stack.folder / "pg"
    _pg_ctl(stack, "-m", "fast", "-w", "stop")
    time.sleep(6)  # the worker meets the database down, more than once
    options = (
        f"-p {stack.pg_port} -k {data} -c listen_addresses=127.0.0.1 "
        "-c max_connections=200 -c fsync=off -c synchronous_commit=off"
    )
    _pg_ctl(stack, "-l", str(data / "log"), "-w", "-o", options, "start")
    wait_until_healthy(stack.url)
    after = [checkout(stack.url, skus) for _ in range(3)]
    counts = wait_for_emails(stack, before + after)

    # run_worker waited for the database itself: the supervisor had nothing
    # to restart.
    assert stack.task_worker_process is worker and worker.poll() is None
    assert stack.task_worker_restarts == restarts
    assert counts == dict.fromkeys(before + after, 1)

    # A worker killed outright is started again by the stack.
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    last = [checkout(stack.url, skus) for _ in range(2)]
    counts = wait_for_emails(stack, before + after + last)

    assert stack.task_worker_restarts == restarts + 1
    assert stack.task_worker_process.poll() is None
    assert counts == dict.fromkeys(before + after + last, 1)
