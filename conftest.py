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
