"""Plain-text emails are not HTML: nothing in them is HTML-escaped. A name
like "L'Atelier & Fils" reads as typed, not as "L&#x27;Atelier &amp; Fils"."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from shop.emails import send_templated
from shop.models import Order
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

ROOT = Path(settings.BASE_DIR)


def text_templates():
    return sorted(
        path
        for app in ("shop", "cms", "portal", "storefront", "cooperatives")
        for path in (ROOT / app).glob("templates/**/*.txt")
    )


@pytest.mark.parametrize("path", text_templates(), ids=lambda p: p.name)
def test_every_text_template_turns_autoescaping_off(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("{% autoescape off %}"), path
    assert text.rstrip().endswith("{% endautoescape %}"), path


@pytest.mark.django_db
def test_a_name_with_an_apostrophe_and_an_ampersand_reads_as_typed():
    order = paid_order((VariantFactory(stock=5), 1))
    Order.objects.filter(pk=order.pk).update(full_name="L'Atelier & Fils <3")
    order.refresh_from_db()
    mail.outbox.clear()

    send_templated(order, "order_confirmation")

    message = mail.outbox[0]
    assert "L'Atelier & Fils <3" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    # The HTML part still escapes it.
    assert "L&#x27;Atelier &amp; Fils &lt;3" in message.alternatives[0][0]
