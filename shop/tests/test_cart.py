import pytest
from django.contrib.auth import get_user_model

from shop.models import Cart, CartLine, Variant
from shop.tests.conftest import add_to_cart
from shop.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db


def lines(client):
    return {
        line.variant.sku: line.quantity
        for line in CartLine.objects.select_related("variant")
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_add_then_change_then_remove(client, variant):
    add_to_cart(client, variant.sku, 2)
    assert lines(client) == {"TIF-THYM-250": 2}

    client.post("/fr/cart/update/", {"sku": variant.sku, "quantity": 5})
    assert lines(client) == {"TIF-THYM-250": 5}

    response = client.post("/fr/cart/update/", {"sku": variant.sku, "remove": "1"})
    assert lines(client) == {}
    assert response.status_code == 302


def test_cart_status_counts_the_items_for_the_header(client, variant):
    assert client.get("/fr/cart/status/").json()["count"] == 0
    add_to_cart(client, variant.sku, 3)

    response = client.get("/fr/cart/status/")

    status = response.json()
    assert status["count"] == 3 and status["signed_in"] is False
    assert status["csrf_token"] and "no-store" in response["Cache-Control"]


def test_quantity_is_capped_at_stock_with_a_message(client, variant):
    response = add_to_cart(client, variant.sku, 25, language="en")

    assert lines(client) == {"TIF-THYM-250": 10}
    assert "are left: your cart holds 10." in " ".join(messages_of(response))


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Please enter a quantity of at least 1."),
        ("-3", "Please enter a quantity of at least 1."),
        ("1000000000", "You can order at most 99 of one item at a time."),
        ("deux", "Please enter a whole number of items."),
        ("", "Please enter a whole number of items."),
    ],
)
def test_bad_quantities_are_refused_and_change_nothing(
    client, variant, quantity, message
):
    response = add_to_cart(client, variant.sku, quantity, language="en")

    assert response.status_code == 200
    assert message in messages_of(response)
    assert lines(client) == {}


def test_unknown_sku_is_refused(client, variant):
    response = add_to_cart(client, "NOPE-1", 1, language="en")

    assert "This product does not exist." in messages_of(response)
    assert not CartLine.objects.exists()


def test_inactive_or_out_of_stock_items_cannot_be_added(client):
    retired = VariantFactory(is_active=False)
    empty = VariantFactory(stock=0)

    add_to_cart(client, retired.sku, language="en")
    response = add_to_cart(client, empty.sku, language="en")

    assert "is out of stock" in " ".join(messages_of(response))
    assert not CartLine.objects.exists()


def test_cart_flags_items_that_became_short_or_inactive(client, variant):
    other = VariantFactory(stock=5)
    add_to_cart(client, variant.sku, 4)
    add_to_cart(client, other.sku, 2)
    Variant.objects.filter(pk=variant.pk).update(stock=1)
    other.product.is_active = False
    other.product.save()

    response = client.get("/en/cart/")

    summary = response.context["summary"]
    assert {row.variant.sku for row in summary.problems} == {variant.sku, other.sku}
    assert summary.subtotal == 0
    content = response.content.decode()
    assert "please lower the quantity" in content
    assert "is no longer sold" in content
    assert 'href="/en/checkout/"' not in content


def test_prices_come_from_the_variant_not_the_form(client, variant):
    client.post(
        "/fr/cart/add/",
        {"sku": variant.sku, "quantity": 1, "price": "1", "unit_price": "1"},
    )

    response = client.get("/fr/cart/")

    assert response.context["summary"].subtotal == 11500


def test_guest_cart_is_merged_at_sign_in(client, variant):
    other = VariantFactory(stock=50)
    user = get_user_model().objects.create_user(
        "amina@example.ma", "amina@example.ma", "un-mot-de-passe-long"
    )
    saved = Cart.objects.create(user=user)
    CartLine.objects.create(cart=saved, variant=variant, quantity=3)
    add_to_cart(client, variant.sku, 9)  # 3 + 9 is more than the 10 in stock
    add_to_cart(client, other.sku, 2)
    session_key = client.session.session_key

    response = client.post(
        "/fr/account/login/",
        {"username": "amina@example.ma", "password": "un-mot-de-passe-long"},
    )

    assert response.status_code == 302
    assert client.session.session_key != session_key  # rotated at sign-in
    assert Cart.objects.count() == 1
    assert lines(client) == {variant.sku: 10, other.sku: 2}
    status = client.get("/fr/cart/status/").json()
    assert status["count"] == 12 and status["signed_in"] is True
