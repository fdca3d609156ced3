"""The point of sale draws product names with JavaScript: a name that fell
back to another language than the till's or the receipt's is marked with
its own (lang, dir) on the element it is written in, from the language the
catalogue sends with each name."""

import pytest

from cooperatives.models import today
from pos.services import pos_session_open, pos_transfer_out
from pos.tests.conftest import receive
from shop.tests.factories import VariantFactory
from tests.e2e.test_pos_journey import open_till, record, signed_in_context, tap

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AR_NAME = "عسل السدر"


@pytest.fixture
def arabic_only_lot(django_user_model):
    from django.contrib.auth.models import Permission

    variant = VariantFactory(stock=0, sku="SIDR-250", price=20000)
    product = variant.product
    product.name_ar = AR_NAME
    product.name_fr = product.name_en = ""
    product.save()
    lot = receive(variant, "L-SIDR", 5)
    session = pos_session_open(channel="fair", place="Salon", date=today())
    pos_transfer_out(session_id=session.pk, quantities={lot.pk: 3})
    seller = django_user_model.objects.create_user(username="seller", password="x")
    seller.user_permissions.add(Permission.objects.get(codename="sell_at_pos"))
    return seller


def _marks(page, selector):
    """The element's lang and dir, and its text without the variant's
    label (the name and the label are one text in the catalogue)."""
    return page.eval_on_selector(
        selector, "e => [e.lang, e.dir, e.textContent.replace(/ 250 g$/, '')]"
    )


def test_a_french_till_marks_an_arabic_only_name(live_server, browser, arabic_only_lot):
    base = live_server.url
    context = signed_in_context(browser, base, arabic_only_lot, locale="fr-FR")
    page = context.new_page()
    open_till(page, f"{base}/fr/pos/")

    assert _marks(page, ".pos-product > span") == ["ar", "rtl", AR_NAME]
    tap(page, AR_NAME)
    assert _marks(page, "#pos-lines li span span") == ["ar", "rtl", AR_NAME]
    page.select_option("#pos-receipt-language", "fr")
    record(page)  # a French receipt: the name marked
    assert _marks(page, "#pos-receipt-body li span span") == ["ar", "rtl", AR_NAME]

    tap(page, AR_NAME)
    page.select_option("#pos-receipt-language", "ar")
    record(page)  # an Arabic receipt: the name is in its language
    assert _marks(page, "#pos-receipt-body li span span")[:2] == ["", ""]
    context.close()
