"""Who may open an order's pages: its buyer (signed in, or with the order's
link), staff for reading only; paying is the buyer's alone."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from shop.models import Order
from shop.tests.conftest import add_to_cart, place_order

pytestmark = pytest.mark.django_db


def test_staff_read_an_order_but_never_open_its_payment_pages(
    client, variant, checkout_post
):
    add_to_cart(client, variant.sku, 1)
    place_order(client, checkout_post, payment_method="cod")
    order = Order.objects.get()
    from django.contrib.auth.models import Group

    # Foundation staff (a Wagtail group: is_staff is not set for them).
    staff = get_user_model().objects.create_user("agent", password="x-pass-12345")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    buyer_lookalike = get_user_model().objects.create_user("other", password="x-p-123")
    buyer_lookalike.is_staff = True  # the flag alone opens nothing
    buyer_lookalike.save()
    other = Client()
    other.force_login(buyer_lookalike)
    desk = Client()
    desk.force_login(staff)

    with_link = f"?token={order.access_token}"
    page = reverse("shop:order_detail", kwargs={"number": order.number})
    pay = reverse("shop:order_pay", kwargs={"number": order.number})
    assert desk.get(page).status_code == 200
    assert other.get(page).status_code == 404
    assert desk.get(pay).status_code == 404
    assert Client().get(pay).status_code == 404  # nobody without the link
    assert Client().get(pay + with_link).status_code != 404  # the buyer's link
