"""With the cache (Redis) down, the shop goes on: pages are rendered
uncached, a cart is filled and an order placed; when Redis answers again,
pages are cached again without anyone restarting anything.

The cache is configured as production configures it (django-redis, from
storefront.settings.production), pointed at a port where nothing listens,
or at a redis-server this test starts and stops."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import Client

from cms.tests.test_catalogue import ProductIndexPageFactory, add_product
from core.page_cache import HEADER
from shop.models import Order
from shop.tests.conftest import CHECKOUT_POST, add_to_cart, place_order
from shop.tests.factories import DeliveryMethodFactory
from tests.test_production_settings import load

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def use_redis(monkeypatch, settings, port: int) -> None:
    production = load(monkeypatch, REDIS_URL=f"redis://127.0.0.1:{port}/0")
    settings.CACHES = production.CACHES
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.PAGE_CACHE_SECONDS = production.PAGE_CACHE_SECONDS
    settings.SESSION_ENGINE = production.SESSION_ENGINE


@pytest.fixture
def product(settings, tmp_path, home_page):
    settings.MEDIA_ROOT = tmp_path
    index = ProductIndexPageFactory(parent=home_page)
    page, variant = add_product(index, price=12000, stock=40)
    return f"/fr/produits/{page.slug_fr}/", variant


@pytest.fixture
def redis_down(monkeypatch, settings):
    use_redis(monkeypatch, settings, free_port())  # nothing listens there


def test_pages_are_served_uncached_while_redis_is_down(redis_down, product, caplog):
    url, _variant = product

    with caplog.at_level(logging.ERROR, logger="storefront.cache"):
        started = time.monotonic()
        answers = [Client().get(path) for path in ("/fr/", url, url, "/ar/")]
        elapsed = time.monotonic() - started

    assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
    assert all(answer.get(HEADER) != "hit" for answer in answers)
    # Every failed cache call is a miss that is logged, not an error page.
    assert any(r.name == "storefront.cache" for r in caplog.records)
    # A refused connection costs nothing like the connect timeout.
    assert elapsed < 10


def test_a_cart_is_filled_and_an_order_placed_while_redis_is_down(
    redis_down, product, client
):
    _url, variant = product
    checkout = {**CHECKOUT_POST, "delivery_method": DeliveryMethodFactory().pk}

    added = add_to_cart(client, variant.sku, 2)
    placed = place_order(client, checkout)

    assert added.status_code == 200
    assert placed.status_code == 200
    order = Order.objects.get()
    assert order.lines.get().sku == variant.sku
    assert order.email == CHECKOUT_POST["email"]
    variant.refresh_from_db()
    assert variant.stock == 38


@pytest.fixture
def redis_server(monkeypatch, settings, tmp_path):
    """A redis-server of our own, stopped and started again by the test."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(tmp_path)]

    def start():
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return process
            time.sleep(0.05)
        process.kill()
        raise RuntimeError("redis-server did not start")

    running = {"process": start()}

    def stop():
        running["process"].terminate()
        running["process"].wait(timeout=10)

    def restart():
        running["process"] = start()

    use_redis(monkeypatch, settings, port)
    yield stop, restart
    running["process"].kill()
    running["process"].wait(timeout=10)


def test_the_page_cache_comes_back_by_itself(redis_server, product):
    stop, restart = redis_server
    url, _variant = product
    assert Client().get(url)[HEADER] == "miss"
    assert Client().get(url)[HEADER] == "hit"

    stop()
    while_down = [Client().get(url) for _ in range(3)]
    restart()
    # The first calls may meet the connections Redis closed when it
    # stopped; the next ones use new ones.
    after = [Client().get(url).get(HEADER) for _ in range(4)]

    assert [r.status_code for r in while_down] == [200, 200, 200]
    assert all(r.get(HEADER) != "hit" for r in while_down)
    assert after[-2:] == ["hit", "hit"]
    assert cache.get("page-cache:generation") is not None
