import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.users.models import UserProfile

from cooperatives.models import today
from shop.models import Cart, CartLine, Consignment, Lot, LotStatus, Order, Variant
from shop.services.checkout import CheckoutDetails, CheckoutError, order_place
from shop.services.lots import (
    LotError,
    consignment_receive,
    lot_recall,
    lot_remove,
    lot_set_status,
)
from shop.services.orders import order_cancel
from shop.tests.factories import DeliveryMethodFactory, VariantFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def receive(variant, *lots):
    """Receive [(code, quantity, days to best-before)] for `variant`."""
    consignment = Consignment.objects.create(
        cooperative=variant.product.cooperative, received_on=today(), carrier="CTM"
    )
    for code, quantity, days in lots:
        consignment.lines.create(
            variant=variant,
            lot_code=code,
            quantity=quantity,
            production_date=today() - 30 * DAY,
            best_before=today() + days * DAY,
        )
    consignment.save()  # modelcluster keeps child lines in memory until saved
    return consignment_receive(consignment_id=consignment.pk)


def buy(variant, quantity, email="buyer@example.ma", language="fr"):
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    return order_place(
        cart=cart,
        details=CheckoutDetails(
            email=email,
            phone="+212612345678",
            full_name="Buyer",
            address_line="1 rue",
            city="Rabat",
            postal_code="",
            country="MA",
            delivery_method_id=DeliveryMethodFactory().pk,
            payment_method="cod",
        ),
        language=language,
    )


@pytest.fixture
def honey():
    return VariantFactory(stock=0, sku="TIF-THYM-250")


def lot(code) -> Lot:
    return Lot.objects.get(code=code)


def test_receiving_adds_stock_to_lots_and_variant(honey):
    receive(honey, ("L-OLD", 4, 30), ("L-NEW", 6, 200))

    honey.refresh_from_db()
    assert honey.stock == 10
    assert (lot("L-OLD").received, lot("L-OLD").stock) == (4, 4)
    assert len(lot("L-NEW").public_code) == 10
    with pytest.raises(LotError):
        consignment_receive(consignment_id=Consignment.objects.get().pk)


def test_a_lot_of_another_cooperatives_product_is_refused(honey):
    other = VariantFactory()
    consignment = Consignment.objects.create(
        cooperative=honey.product.cooperative, received_on=today()
    )
    consignment.lines.create(
        variant=other,
        lot_code="X",
        quantity=1,
        production_date=today(),
        best_before=today() + DAY,
    )
    consignment.save()

    with pytest.raises(LotError):
        consignment_receive(consignment_id=consignment.pk)
    assert not Lot.objects.exists()


def test_first_expiry_first_out(honey):
    receive(honey, ("L-LATE", 5, 300), ("L-SOON", 3, 20))

    order = buy(honey, 4)

    line = order.lines.get()
    taken = {a.lot.code: a.quantity for a in line.allocations.all()}
    assert taken == {"L-SOON": 3, "L-LATE": 1}
    assert line.lot == "L-SOON, L-LATE"
    assert (lot("L-SOON").stock, lot("L-SOON").sold) == (0, 3)


def test_held_and_expired_lots_are_not_sold(honey):
    receive(honey, ("L-HELD", 5, 30), ("L-GOOD", 2, 300))
    lot_set_status(lot_id=lot("L-HELD").pk, status=LotStatus.ON_HOLD)
    honey.refresh_from_db()
    assert honey.stock == 2

    with pytest.raises(CheckoutError):
        buy(honey, 3)
    assert buy(honey, 2).lines.get().lot == "L-GOOD"

    expired = VariantFactory(stock=0)
    receive(expired, ("L-PAST", 5, 10))
    Lot.objects.filter(code="L-PAST").update(best_before=today() - DAY)
    with translation.override("en"), pytest.raises(CheckoutError) as error:
        buy(expired, 1, language="en")
    assert "out of stock" in str(error.value)
    assert not Order.objects.filter(lines__variant=expired).exists()


def test_cancellation_returns_units_to_their_lots(honey):
    receive(honey, ("L-A", 2, 30), ("L-B", 5, 300))
    order = buy(honey, 4)

    order_cancel(order_id=order.pk)

    honey.refresh_from_db()
    assert honey.stock == 7
    assert (lot("L-A").stock, lot("L-A").sold) == (2, 0)
    assert (lot("L-B").stock, lot("L-B").sold) == (5, 0)


def test_recall_lists_exactly_the_affected_orders_and_emails_each_buyer_once(
    honey, django_capture_on_commit_callbacks
):
    receive(honey, ("L-BAD", 3, 30), ("L-OK", 10, 300))
    first = buy(honey, 1, email="amina@example.ma", language="ar")
    again = buy(honey, 1, email="AMINA@example.ma", language="ar")
    other = buy(honey, 2, email="karim@example.ma", language="en")  # 1 bad + 1 ok
    clean = buy(honey, 1, email="sara@example.ma")  # only L-OK remains
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        orders = lot_recall(lot_id=lot("L-BAD").pk)

    assert {o.number for o in orders} == {first.number, again.number, other.number}
    assert clean.number not in {o.number for o in orders}
    assert sorted(m.to[0].lower() for m in mail.outbox) == [
        "amina@example.ma",
        "karim@example.ma",
    ]
    arabic = next(m for m in mail.outbox if m.to[0].lower() == "amina@example.ma")
    assert arabic.extra_headers["Content-Language"] == "ar"
    assert "L-BAD" in arabic.body
    assert lot("L-BAD").status == LotStatus.RECALLED
    with pytest.raises(LotError):
        lot_set_status(lot_id=lot("L-BAD").pk, status=LotStatus.RELEASED)


def test_write_offs_and_returns_keep_the_identity(honey):
    receive(honey, ("L-W", 10, 30))
    buy(honey, 3)

    lot_remove(lot_id=lot("L-W").pk, quantity=2, reason="breakage")
    lot_remove(lot_id=lot("L-W").pk, quantity=1, reason="returned")
    with pytest.raises(LotError):
        lot_remove(lot_id=lot("L-W").pk, quantity=99, reason="sample")

    current = lot("L-W")
    assert (current.sold, current.stock, current.written_off, current.returned) == (
        3,
        4,
        2,
        1,
    )
    honey.refresh_from_db()
    assert honey.stock == 4


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    operations=st.lists(
        st.tuples(
            st.sampled_from(
                ["buy", "cancel", "hold", "release", "write_off", "return"]
            ),
            st.integers(min_value=1, max_value=6),
        ),
        max_size=12,
    )
)
def test_received_equals_sold_plus_stock_plus_returned_plus_written_off(operations):
    variant = VariantFactory(stock=0)
    receive(variant, (f"P{variant.pk}A", 8, 40), (f"P{variant.pk}B", 8, 400))
    orders = []
    for operation, amount in operations:
        try:
            if operation == "buy":
                orders.append(buy(variant, amount))
            elif operation == "cancel" and orders:
                order_cancel(order_id=orders.pop(0).pk)
            elif operation in {"hold", "release"}:
                target = Lot.objects.filter(variant=variant).order_by("pk")[amount % 2]
                status = (
                    LotStatus.ON_HOLD if operation == "hold" else LotStatus.RELEASED
                )
                lot_set_status(lot_id=target.pk, status=status)
            elif operation in {"write_off", "return"}:
                target = Lot.objects.filter(variant=variant).order_by("pk")[amount % 2]
                reason = "breakage" if operation == "write_off" else "returned"
                lot_remove(lot_id=target.pk, quantity=amount, reason=reason)
        except (LotError, CheckoutError):
            pass

    lots = list(Lot.objects.filter(variant=variant))
    for item in lots:
        assert (
            item.received == item.sold + item.stock + item.returned + item.written_off
        )
    released = sum(item.stock for item in lots if item.status == LotStatus.RELEASED)
    assert Variant.objects.get(pk=variant.pk).stock == released


def test_public_lot_page_shows_origin_and_nothing_private(client, honey):
    cooperative = honey.product.cooperative
    cooperative.rib = "011780000000000000123459"
    cooperative.save()
    receive(honey, ("L-PUB", 5, 90))
    order = buy(honey, 1, email="secret-buyer@example.ma")
    public = lot("L-PUB")

    redirect = client.get(f"/lot/{public.public_code}/", HTTP_ACCEPT_LANGUAGE="fr")
    response = client.get(f"/fr/lot/{public.public_code}/")

    assert redirect.status_code == 302
    assert redirect["Location"] == f"/fr/lot/{public.public_code}/"
    content = response.content.decode()
    assert response.status_code == 200
    assert honey.product.name_fr in content
    assert cooperative.name_fr in content
    assert "L-PUB" in content
    for private in (
        "secret-buyer@example.ma",
        order.number,
        cooperative.rib,
        cooperative.ice,
        "CTM",
    ):
        assert private not in content
    assert client.get("/fr/lot/NOPE123456/").status_code == 404


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x-pass-12345")
    user.groups.add(Group.objects.get(name="Foundation staff"))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)
    return client


def test_failed_inspection_from_the_admin_puts_the_lot_on_hold(staff_client, honey):
    receive(honey, ("L-INS", 5, 90))
    target = lot("L-INS")

    response = staff_client.post(
        reverse("wagtailsnippets_shop_inspection:add"),
        {
            "kind": "surprise",
            "date": today().isoformat(),
            "body": "onssa",
            "cooperative": target.cooperative_id,
            "lot": target.pk,
            "result": "fail",
            "notes": "Humidité trop élevée",
        },
    )

    assert response.status_code == 302
    assert lot("L-INS").status == LotStatus.ON_HOLD
    honey.refresh_from_db()
    assert honey.stock == 0


def test_staff_lot_screen_labels_csv_and_expiry_report(staff_client, honey):
    receive(honey, ("L-SOON", 5, 10), ("L-LATER", 5, 300))
    buy(honey, 2, email="hind@example.ma")
    soon = lot("L-SOON")
    url = reverse("shop_lot_detail", args=(soon.pk,))

    page = staff_client.get(url)
    labels = staff_client.get(url, {"labels": "1"})
    csv = staff_client.get(url, {"export": "csv"})
    report = staff_client.get(reverse("shop_lots_expiring"))

    assert page.status_code == 200
    # Every term of received = sold + in stock + at a point of sale +
    # returned + written off is shown.
    Lot.objects.filter(pk=soon.pk).update(stock=soon.stock - 1, at_pos=1)
    figures = staff_client.get(url).content.decode()
    assert "<td>1</td>" in figures.split("<tbody>")[1].split("</tbody>")[0]
    assert (
        "<svg" in labels.content.decode()
        and soon.public_code in labels.content.decode()
    )
    assert "hind@example.ma" in csv.content.decode()
    assert "L-SOON" in report.content.decode()
    assert "L-LATER" not in report.content.decode()


def test_consignment_label_sheet_has_one_qr_code_per_lot(staff_client, honey):
    consignment = receive(honey, ("L-1", 5, 90), ("L-2", 5, 200))

    response = staff_client.get(
        reverse("shop_consignment_labels", args=(consignment.pk,))
    )

    content = response.content.decode()
    assert content.count("<svg") == 2
    for code in ("L-1", "L-2"):
        assert lot(code).public_code in content
    listing = staff_client.get(reverse("wagtailsnippets_shop_consignment:list"))
    assert reverse("shop_consignment_labels", args=(consignment.pk,)) in (
        listing.content.decode()
    )


def test_saving_a_variant_loaded_before_a_sale_keeps_the_stock_sold(honey):
    receive(honey, ("L-1", 5, 300))
    stale = Variant.objects.get(pk=honey.pk)  # as the admin form loads it
    buy(honey, 2)

    stale.price = 13000
    stale.save()

    honey.refresh_from_db()
    assert (honey.price, honey.stock) == (13000, 3)
    assert honey.stock == lot("L-1").stock


def test_a_lot_is_recalled_once(honey):
    receive(honey, ("L-R", 5, 300))
    buy(honey, 1)
    lot_recall(lot_id=lot("L-R").pk)
    mail.outbox.clear()

    with pytest.raises(LotError):
        lot_recall(lot_id=lot("L-R").pk)
    assert mail.outbox == []


def test_the_daily_command_writes_off_expired_lots(honey):
    from django.core.management import call_command

    receive(honey, ("L-OLD", 4, 10), ("L-NEW", 3, 300))
    Lot.objects.filter(code="L-OLD").update(best_before=today() - DAY)
    call_command("expire_lots", stdout=io.StringIO())

    honey.refresh_from_db()
    old = lot("L-OLD")
    assert (old.stock, old.written_off, honey.stock) == (0, 4, 3)
    assert old.write_offs.get().reason == "expiry"
    call_command("expire_lots", stdout=io.StringIO())
    assert lot("L-OLD").written_off == 4  # run twice: nothing more
