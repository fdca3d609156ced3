import pytest
from wagtail.models import Site


@pytest.fixture
def home_page(db):
    """The HomePage the migration created (its site's root page)."""
    return Site.objects.get(is_default_site=True).root_page.specific
