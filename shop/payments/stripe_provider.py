from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop.orders.states import OrderStatus, order_transition
from shop.payments.base import PaymentProvider


class StripeProvider(PaymentProvider):
    """Card payments: the order waits for Stripe's word (the webhook)."""

    code = "stripe"
    description = _("Pay securely by card on the next page.")
    online = True

    @property
    def label(self):
        # Beside the CMI, Stripe is the way for cards from abroad (export
        # and diaspora buyers): the buyer chooses by the card's country.
        from shop.payments.cmi import is_configured

        if is_configured():
            return _("International card (Visa, Mastercard)")
        return _("Card (Visa, Mastercard)")

    def is_available(self) -> bool:
        return bool(
            settings.STRIPE_SECRET_KEY
            and settings.STRIPE_PUBLISHABLE_KEY
            and settings.STRIPE_WEBHOOK_SECRET
        )

    def start(self, *, order) -> None:
        order_transition(
            order=order, to=OrderStatus.AWAITING_PAYMENT, message="card payment"
        )

    def next_url(self, order) -> str | None:
        return (
            reverse("shop:order_pay", kwargs={"number": order.number})
            + f"?token={order.access_token}"
        )
