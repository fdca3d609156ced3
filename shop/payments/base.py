class PaymentProvider:
    """One way to pay. `start` runs inside the transaction that places the
    order and moves it to the state that waits for this provider's money."""

    code: str = ""
    label = ""
    description = ""
    #: True when the money comes online, so an order left unpaid past the
    #: time limit is cancelled and its stock released.
    online: bool = False
    #: True for a way of paying offered to business clients only (a bank
    #: transfer on terms): the consumer checkout never lists it.
    business_only: bool = False

    def is_available(self) -> bool:
        return True

    def start(self, *, order) -> None:
        raise NotImplementedError

    def next_url(self, order) -> str | None:
        """Where the buyer goes after placing the order, if not the receipt."""
        return None


class UnknownProvider(Exception):
    pass


def _registry() -> list[PaymentProvider]:
    from shop.payments.cmi import CmiProvider
    from shop.payments.cod import CashOnDelivery
    from shop.payments.stripe_provider import StripeProvider
    from shop.payments.transfer import BankTransferProvider

    return [CashOnDelivery(), CmiProvider(), StripeProvider(), BankTransferProvider()]


def available_providers(*, business: bool = False) -> list[PaymentProvider]:
    """The ways to pay offered now: a consumer's, or with `business` also
    those kept for business clients."""
    return [
        provider
        for provider in _registry()
        if provider.is_available() and (business or not provider.business_only)
    ]


def get_provider(code: str, *, business: bool = False) -> PaymentProvider:
    for provider in available_providers(business=business):
        if provider.code == code:
            return provider
    raise UnknownProvider(code)


def online_provider_codes() -> list[str]:
    return [provider.code for provider in _registry() if provider.online]
