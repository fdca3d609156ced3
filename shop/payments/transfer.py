from django.utils.translation import gettext_lazy as _

from shop.orders.states import OrderStatus, order_transition
from shop.payments.base import PaymentProvider


class BankTransferProvider(PaymentProvider):
    """A business client pays by bank transfer, on terms: staff record each
    transfer as it shows on the bank statement (`transfer_record`). Offered
    to business orders only, never at the consumer checkout."""

    code = "transfer"
    label = _("Bank transfer")
    description = _("Pay by bank transfer to the foundation's account, on terms.")
    online = False
    business_only = True

    def start(self, *, order) -> None:
        order_transition(
            order=order,
            to=OrderStatus.AWAITING_PAYMENT,
            message="bank transfer",
        )
