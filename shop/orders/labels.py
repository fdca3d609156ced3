"""The words a buyer reads for an order's state.

The state machine (shop.orders.states) is the same for every order. What a
buyer is told depends on how they pay: an order paid in cash on delivery is
not late with a payment while it waits for the courier, it is paid on
delivery. Staff screens keep the state's own name."""

from django.utils.translation import gettext_lazy as _

from shop.models.delivery import DeliveryZone
from shop.orders.states import OrderStatus
from shop.payments.cod import CashOnDelivery


def buyer_status_label(*, status: str, payment_method: str) -> str:
    if payment_method == CashOnDelivery.code and status == OrderStatus.AWAITING_PAYMENT:
        return _("To pay on delivery")
    try:
        return OrderStatus(status).label
    except ValueError:
        return status


def cash_due(order) -> bool:
    """Cash on delivery still to be paid: the buyer is told to have it ready."""
    return (
        order.payment_method == CashOnDelivery.code
        and order.paid_at is None
        and order.status not in (OrderStatus.CANCELLED, OrderStatus.REFUNDED)
    )


def collected_in_store(order) -> bool:
    """The buyer collects the order at the solidarity store: no address."""
    method = order.delivery_method
    return method is not None and method.zone == DeliveryZone.PICKUP


# Where a buyer pays an order still waiting for its card payment, by the
# order's payment method.
_PAY_PAGES = {"cmi": "shop:cmi_pay", "stripe": "shop:order_pay"}


def card_pay_page(order) -> str | None:
    """The URL name of the page that takes this order's card payment, while
    it is due (a buyer who left the payment page comes back to it from the
    order's page); None otherwise."""
    if order.status not in (OrderStatus.PLACED, OrderStatus.AWAITING_PAYMENT):
        return None
    return _PAY_PAGES.get(order.payment_method)
