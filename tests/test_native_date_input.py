"""Every form that asks for a date with the browser's picker writes its
value as ISO, whatever the reader's language (a French date format left the
field empty)."""

import datetime
import re

import pytest
from django.utils import translation

from pos.forms import SessionOpenForm
from shop.transfer_views import TransferForm


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize(
    ("form_class", "field"), [(TransferForm, "day"), (SessionOpenForm, "date")]
)
def test_a_date_field_shows_its_initial_date_in_iso(language, form_class, field):
    day = datetime.date(2026, 12, 31)
    with translation.override(language):
        html = str(form_class(initial={field: day})[field])
    assert re.search(r'type="date"', html)
    assert 'value="2026-12-31"' in html
