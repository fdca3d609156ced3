"""Fixtures for every test in the project."""

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. Tests roll back instead of
    committing, so nothing would otherwise empty the page cache or the
    site menu kept under its generation between one test and the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A test that
    activates a language and does not put it back would otherwise change
    what the next test on the same worker reverses URLs and formats in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(items):
    """Every test that commits (``transaction=True``) must also restore the
    serialized database (``serialized_rollback=True``).

    A committing test without it ends by flushing the tables and re-creating
    content types and permissions under new ids; the next committing test
    on the same worker that does restore the serialized copy then collides
    with them (duplicate content type), depending on which tests xdist
    happened to give that worker. Refused at collection, so it cannot pass
    by luck of the distribution."""
    offenders = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            offenders.append(item.nodeid)
    if offenders:
        raise pytest.UsageError(
            "committing tests must restore the serialized database "
            "(django_db(transaction=True, serialized_rollback=True)): "
            + ", ".join(offenders)
        )
