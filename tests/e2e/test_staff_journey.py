"""Cash on delivery, from order to cash, through the staff screens."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from shop.models import Cart, CartLine, Order
from shop.services.checkout import CheckoutDetails, order_place
from shop.tests.factories import DeliveryMethodFactory, VariantFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cod_order():
    variant = VariantFactory(price=9500, stock=5)
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=2)
    return order_place(
        cart=cart,
        details=CheckoutDetails(
            email="hind@example.ma",
            phone="+212612345678",
            full_name="Hind Bennani",
            address_line="5 avenue Hassan II",
            city="Fès",
            postal_code="30000",
            country="MA",
            delivery_method_id=DeliveryMethodFactory().pk,
            payment_method="cod",
        ),
        language="fr",
    )


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("salma", password="cle-de-test-123")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    return user


def test_staff_take_a_cash_order_to_paid(live_server, page, cod_order, staff):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "salma")
    page.fill("input[name=password]", "cle-de-test-123")
    page.click("button[type=submit]")
    page.goto(live_server.url + "/admin/orders/")
    page.get_by_role("link", name=cod_order.number).click()

    for step in ("Preparing", "Shipped", "Delivered"):
        page.get_by_role("button", name=step, exact=True).click()
        page.wait_for_load_state()
    page.get_by_label("Courier").fill("Amana")
    page.get_by_label("Amount (MAD)").fill(f"{cod_order.total / 100:.2f}")
    page.get_by_role("button", name="Record the cash").click()
    page.wait_for_load_state()

    order = Order.objects.get(pk=cod_order.pk)
    assert order.status == "paid"
    assert "Status:" in page.content() and "Paid" in page.inner_text("main")
    assert order.payments.get().amount == cod_order.total
