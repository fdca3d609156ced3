"""Upgrade tests for what the project builds on other libraries' insides.

One private API remains: Wagtail keeps the Site it found for a request on
the request as ``_wagtail_site`` (its docstring says so), and
storefront.middleware.CachedSiteMiddleware puts the cached Site there to
save the lookup, a query of several milliseconds on every uncached page
(bench/README.md, "Private APIs kept"). If a Wagtail upgrade changes that,
these tests fail: change or remove the middleware then.

The rest goes through public APIs: django-redis for the Redis cache (it
replaced a subclass of Django's private Redis client) and django-csp's
``get_policy_parts`` for the admin's allowance (it replaced a copy of the
middleware's header logic that read django-csp's private attributes)."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_wagtail_keeps_the_site_it_found_on_the_request(home_page):
    request = RequestFactory().get("/fr/")

    site = Site.find_for_request(request)

    assert isinstance(site, Site)
    assert request._wagtail_site is site


def test_wagtail_takes_a_site_set_on_the_request_without_a_query(
    home_page, django_assert_num_queries
):
    request = RequestFactory().get("/fr/")
    kept = Site.objects.select_related("root_page").get(is_default_site=True)
    request._wagtail_site = kept

    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is kept


def site_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in queries if '"wagtailcore_site"' in q["sql"]]


def test_the_cached_site_saves_the_lookup_of_the_next_request(home_page):
    first = site_queries(Client(), "/fr/")
    second = site_queries(Client(), "/fr/")

    assert len(first) >= 1
    assert second == []


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_the_admin_allows_inline_script_and_the_public_site_does_not(
    client, home_page, admin_user
):
    public = policy(Client().get("/fr/"))
    client.force_login(admin_user)
    admin = policy(client.get("/admin/"))

    assert "'unsafe-inline'" not in public["script-src"]
    assert "'unsafe-inline'" not in public["style-src"]
    assert "'unsafe-inline'" in admin["script-src"]
    assert "'unsafe-inline'" in admin["style-src"]
    # Only those two loosen: everything else is the public site's policy.
    assert admin["frame-ancestors"] == public["frame-ancestors"] == "'none'"
    assert admin["form-action"] == public["form-action"]
