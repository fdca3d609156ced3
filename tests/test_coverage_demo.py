"""The demo's rosters: counts on the site equal the roster, and no member's
name appears on any public page (every address of the sitemap, in each
language)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from cms.models import CooperativePage
from cooperatives.coverage import Member, Sex
from cooperatives.models import today
from storefront.demo import content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _locations(client, path):
    xml = client.get(path).content.decode()
    found = []
    for location in re.findall(r"<loc>([^<]+)</loc>", xml):
        location = urlsplit(location).path
        if location.endswith(".xml"):
            found.extend(_locations(client, location))
        else:
            found.append(location)
    return found


def test_demo_rosters_match_the_counts_and_no_name_is_public(client):
    call_command("load_demo", "--without-season")

    for data in content.COOPERATIVES:
        members = Member.objects.current().filter(cooperative__slug=data["slug"])
        assert members.count() == data["members"]
        assert members.filter(sex=Sex.FEMALE).count() == data["women_members"]
    current = Member.objects.current()
    covered = current.covered_on(today()).count()
    assert 0 < covered < current.count()  # a mix of covered and uncovered

    names = set(Member.objects.values_list("name", flat=True))
    urls = _locations(client, "/sitemap.xml")
    assert len(urls) > 20
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        leaked = [name for name in names if name in html]
        assert not leaked, (url, leaked[:3])

    page = CooperativePage.objects.get(
        cooperative__slug=content.COOPERATIVES[3]["slug"]
    )
    html = client.get(page.url).content.decode()
    women = content.COOPERATIVES[3]["women_members"]
    assert f"<dd>{content.COOPERATIVES[3]['members']}</dd>" in html
    assert f"<dd>{women}</dd>" in html
