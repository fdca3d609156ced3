import pytest

from shop.tests.factories import DeliveryMethodFactory, VariantFactory

CHECKOUT_POST = {
    "email": "amina@example.ma",
    "phone": "06 12 34 56 78",
    "full_name": "Amina Alaoui",
    "country": "MA",
    "province": "MA-RAB",
    "city": "Rabat",
    "address_line": "12 rue Oued Sebou, Agdal",
    "postal_code": "10090",
    "payment_method": "cod",
    "discount_code": "",
    "privacy_consent": "on",
}


@pytest.fixture
def variant(db):
    return VariantFactory(sku="TIF-THYM-250", price=11500, stock=10)


@pytest.fixture
def delivery(db):
    return DeliveryMethodFactory()


@pytest.fixture
def checkout_post(delivery):
    return {**CHECKOUT_POST, "delivery_method": str(delivery.pk)}


def add_to_cart(client, sku, quantity=1, language="fr"):
    return client.post(
        f"/{language}/cart/add/", {"sku": sku, "quantity": quantity}, follow=True
    )


def review_token(client, language="fr") -> str:
    """Open the review page as a buyer would; its form's one-time token."""
    client.get(f"/{language}/checkout/review/")
    return client.session.get("checkout_token", "")


def place_order(client, checkout_post, language="fr", **overrides):
    """Go through details, review and placement; return the last response."""
    client.post(f"/{language}/checkout/", {**checkout_post, **overrides})
    token = review_token(client, language)
    return client.post(
        f"/{language}/checkout/review/",
        {"accept_terms": "on", "checkout_token": token},
        follow=True,
    )
