"""Listings run the same number of queries for 3 and for 30 cooperatives."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.models import HomeFeaturedCooperative
from cms.tests.factories import CooperativeIndexPageFactory, CooperativePageFactory
from cooperatives.models import ProductCategory
from cooperatives.tests.factories import CertificationFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = CooperativeIndexPageFactory(parent=home)
    categories = list(ProductCategory.objects.all())
    provinces = [ProvinceFactory(slug=slug) for slug in ("azilal", "taroudant")]
    made = []

    def add(count):
        for _ in range(count):
            page = CooperativePageFactory(
                parent=index,
                image=wagtail_factories.ImageFactory(),
                cooperative__province=provinces[len(made) % 2],
            )
            page.cooperative.categories.add(*categories[: 1 + len(made) % 3])
            CertificationFactory(cooperative=page.cooperative)
            if len(made) < 3:
                HomeFeaturedCooperative.objects.create(
                    page=home, cooperative_page=page, sort_order=len(made)
                )
            made.append(page)
        return made

    return add


def queries_for(client, url) -> int:
    client.get(url)  # the first visit makes the image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "cards"),
    [("/fr/cooperatives/", 30), ("/ar/", 3), ("/en/cooperatives/?category=honey", 30)],
)
def test_listing_queries_do_not_grow_with_cooperatives(
    client, grow, url, cards, django_assert_num_queries
):
    grow(3)
    with_three = queries_for(client, url)

    grow(27)
    client.get(url)
    with django_assert_num_queries(with_three):
        response = client.get(url)

    assert response.content.decode().count('class="card"') == cards
