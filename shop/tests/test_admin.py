"""Staff screens: orders list and detail with only the allowed moves, notes,
the products' low-stock filter and certification ownership."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from cooperatives.tests.factories import CertificationFactory
from shop.models import Order, Product
from shop.orders.states import OrderStatus
from shop.tests.conftest import add_to_cart, place_order
from shop.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    return user


@pytest.fixture
def order(client, variant, checkout_post):
    add_to_cart(client, variant.sku, 2)
    place_order(client, checkout_post)
    client.logout()
    return Order.objects.get()


def test_staff_list_and_filter_orders(client, staff, order):
    client.force_login(staff)

    listing = client.get(reverse("shop_orders"))
    filtered = client.get(reverse("shop_orders"), {"status": "delivered"})

    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    assert order.number not in filtered.content.decode()


def test_detail_offers_only_allowed_moves_and_records_them(client, staff, order):
    client.force_login(staff)
    url = reverse("shop_order_detail", args=(order.pk,))

    content = client.get(url).content.decode()
    assert 'value="preparing"' in content and 'value="cancelled"' in content
    assert 'value="delivered"' not in content  # not from awaiting payment

    client.post(url, {"move": "preparing"})
    client.post(url, {"move": "delivered"})  # illegal now: refused
    client.post(url, {"note": "Client joint par téléphone"})

    order.refresh_from_db()
    assert order.status == OrderStatus.PREPARING
    events = list(order.events.values_list("kind", "to_status", "message"))
    assert ("status", "preparing", "") in events
    assert ("note", "", "Client joint par téléphone") in events
    assert not any(to == "delivered" for _kind, to, _msg in events)


def test_cancel_from_the_admin_returns_stock(client, staff, order, variant):
    client.force_login(staff)

    client.post(reverse("shop_order_detail", args=(order.pk,)), {"move": "cancelled"})

    variant.refresh_from_db()
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert variant.stock == 10


def test_editors_cannot_see_orders(client, django_user_model, order):
    editor = django_user_model.objects.create_user("ed", password="x-pass-12345")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(reverse("shop_order_detail", args=(order.pk,)))

    assert response.status_code in {302, 403}


def test_low_stock_filter(client, staff):
    low = VariantFactory(stock=2).product
    plenty = VariantFactory(stock=50).product
    client.force_login(staff)

    response = client.get(
        reverse("wagtailsnippets_shop_product:list"), {"low_stock": "true"}
    )

    content = response.content.decode()
    assert low.name_en in content or low.name_ar in content
    assert plenty.name_en not in content and plenty.name_ar not in content


def test_product_cannot_show_another_cooperatives_certification(client, staff):
    variant = VariantFactory()
    product = variant.product
    foreign = CertificationFactory()  # held by another cooperative
    client.force_login(staff)
    data = {
        "cooperative": product.cooperative_id,
        "category": product.category_id,
        "vat_rate": product.vat_rate_id,
        "certifications": [foreign.pk],
        "is_active": "on",
        "variants": inline_formset(
            [
                {
                    "id": variant.pk,
                    "sku": variant.sku,
                    "price": variant.price,
                    "weight_grams": variant.weight_grams,
                    "stock": variant.stock,
                    "is_active": "on",
                    **{f"label_{c}": "250 g" for c in ("ar", "fr", "en")},
                }
            ],
            initial=1,
        ),
        **{f"name_{c}": f"Miel {c}" for c in ("ar", "fr", "en")},
        **{f"description_{c}": "" for c in ("ar", "fr", "en")},
    }

    form_data = nested_form_data(data)
    form_data["certifications"] = [foreign.pk]  # a multiple choice, not nested

    response = client.post(
        reverse("wagtailsnippets_shop_product:edit", args=(product.pk,)), form_data
    )

    assert response.status_code == 200
    assert "belong to another cooperative" in response.content.decode()
    assert not Product.objects.get(pk=product.pk).certifications.exists()


def walk(client, order, *moves):
    url = reverse("shop_order_detail", args=(order.pk,))
    for move in moves:
        client.post(url, {"move": move})
    order.refresh_from_db()
    return url


def test_cash_on_delivery_runs_to_paid_through_the_staff_screens(
    client, staff, order, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(staff)
    url = walk(client, order, "preparing", "shipped", "delivered")
    assert order.status == OrderStatus.DELIVERED
    assert 'name="collect_cash"' in client.get(url).content.decode()
    assert 'value="paid"' not in client.get(url).content.decode()

    client.post(url, {"collect_cash": "1", "courier": "Amana", "amount": "100"})
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED  # wrong amount: refused
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"collect_cash": "1", "courier": "Amana", "amount": f"{order.total / 100}"},
        )

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.paid_at is not None
    payment = order.payments.get()
    assert (payment.provider, payment.amount, payment.status) == (
        "cod",
        order.total,
        "succeeded",
    )
    assert len(mail.outbox) == 1
    statuses = list(
        order.events.filter(kind="status").values_list("to_status", flat=True)
    )
    assert statuses == ["awaiting_payment", "preparing", "shipped", "delivered", "paid"]


def test_failed_delivery_cancels_and_restocks(client, staff, order, variant):
    client.force_login(staff)
    url = walk(client, order, "preparing", "shipped")
    assert "Delivery failed" in client.get(url).content.decode()

    client.post(url, {"move": "cancelled"})

    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert variant.stock == 10


def test_cash_refund_from_the_order_page(
    client, staff, order, variant, django_capture_on_commit_callbacks
):
    from django.core import mail

    from shop.models import Refund

    client.force_login(staff)
    url = walk(client, order, "preparing", "shipped", "delivered")
    client.post(
        url, {"collect_cash": "1", "courier": "Amana", "amount": f"{order.total / 100}"}
    )
    line = order.lines.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"refund": "1", f"line-{line.pk}": "3", "restock": "on"},
        )  # more than bought: refused
        client.post(url, {"refund": "1", f"line-{line.pk}": "1", "restock": "on"})

    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.provider) == (
        11500,
        "succeeded",
        "cod",
    )
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_REFUNDED
    assert variant.stock == 9
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Content-Language"] == order.language
    assert "Remboursement" in mail.outbox[0].subject


def test_the_same_refund_form_sent_twice_refunds_once(client, staff, order):
    from shop.models import LedgerEntry, Refund

    client.force_login(staff)
    url = walk(client, order, "preparing", "shipped", "delivered")
    client.post(
        url, {"collect_cash": "1", "courier": "Amana", "amount": f"{order.total / 100}"}
    )
    line = order.lines.get()  # 2 units: one refund of 1 would fit twice
    page = client.get(url).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    form = {"refund": "1", f"line-{line.pk}": "1", "form_token": token}

    client.post(url, form)
    client.post(url, form)

    assert Refund.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="refund").count() == 1
    client.post(url, {**form, "form_token": "another-form"})
    assert Refund.objects.count() == 2  # a new form may refund the second unit
