from django.utils.translation import gettext_lazy as _

from shop.orders.states import OrderStatus, order_transition
from shop.payments.base import PaymentProvider


class CashOnDelivery(PaymentProvider):
    """The most used way to pay in Morocco: the courier collects the cash."""

    code = "cod"
    label = _("Cash on delivery")
    description = _("Pay the courier in cash when your parcel arrives.")
    online = False

    def start(self, *, order) -> None:
        order_transition(
            order=order,
            to=OrderStatus.AWAITING_PAYMENT,
            message="cash on delivery",
        )
