"""Placing an order: the one transaction where stock is taken.

Rows are locked in a fixed order (variants by id, then the discount code), the
availability is checked again under the locks, and every amount is computed
here from the database: nothing the buyer's browser sent is trusted but the
quantities in the cart, the delivery choice and the code typed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.models import Cart, DeliveryMethod, DiscountCode, Order
from shop.payments import get_provider
from shop.payments.base import UnknownProvider
from shop.payments.cod import CashOnDelivery
from shop.places import PROVINCE_CODES, place_label, province_region
from shop.pricing import DiscountInput, LineInput, PricedOrder, price_order
from shop.services.cart import cart_clear
from shop.services.consumer import latest_delivery_date
from shop.services.discounts import (
    DiscountError,
    discount_check,
    eligible_for,
    normalise_code,
)
from shop.services.locks import lock_for_update
from shop.services.orders import (
    OrderError,
    WantedLine,
    order_create,
    order_lines_lock,
)

# The order cannot be placed; `problems` are messages for the buyer.
CheckoutError = OrderError


class DiscountCodeError(CheckoutError):
    """The discount code typed cannot be used: the checkout shows why under
    the code's own field."""


@dataclass(frozen=True)
class CheckoutDetails:
    email: str
    phone: str
    full_name: str
    address_line: str
    city: str
    postal_code: str
    country: str
    delivery_method_id: int
    payment_method: str
    discount_code: str = ""
    # ISO 3166-2 code of the buyer's province or prefecture, in Morocco.
    province: str = ""

    @property
    def place_label(self) -> str:
        return place_label(city=self.city, province=self.province, country=self.country)


def delivery_method_for(details: CheckoutDetails) -> DeliveryMethod:
    """The chosen method, if it serves the address: home delivery is priced
    by the zone of the buyer's province (see DeliveryMethod.for_address)."""
    if details.province and details.province not in PROVINCE_CODES:
        raise CheckoutError(_("Please choose your province or prefecture."))
    method = (
        DeliveryMethod.objects.for_address(
            country=details.country,
            province=details.province if details.country == "MA" else "",
        )
        .filter(pk=details.delivery_method_id)
        .first()
    )
    if method is None:
        raise CheckoutError(_("This delivery method does not serve your address."))
    return method


def _discount(raw_code: str, lines, *, lock: bool):
    code_text = normalise_code(raw_code)
    if not code_text:
        return None
    codes = DiscountCode.objects.select_related("cooperative").filter(code=code_text)
    code = (lock_for_update(codes) if lock else codes).first()
    subtotal = sum(variant.price * quantity for variant, quantity in lines)
    eligible = sum(
        variant.price * quantity
        for variant, quantity in lines
        if eligible_for(code, variant.product.cooperative_id)
    )
    try:
        return discount_check(code, subtotal=subtotal, eligible_subtotal=eligible)
    except DiscountError as error:
        raise DiscountCodeError(str(error)) from error


def quote(lines, *, delivery_method, discount_code) -> PricedOrder:
    """Price `lines` ([(variant, quantity)]) as the order would be priced."""
    inputs = [
        LineInput(
            unit_price=variant.price,
            quantity=quantity,
            vat_rate_bp=variant.product.vat_rate.rate_bp,
            eligible=eligible_for(discount_code, variant.product.cooperative_id),
        )
        for variant, quantity in lines
    ]
    subtotal = sum(line.gross for line in inputs)
    return price_order(
        inputs,
        delivery=delivery_method.cost_for(subtotal),
        delivery_vat_bp=settings.SHOP_DELIVERY_VAT_BP,
        discount=(
            DiscountInput(kind=discount_code.kind, value=discount_code.value)
            if discount_code
            else None
        ),
    )


def checkout_quote(*, cart, details: CheckoutDetails) -> tuple[list, PricedOrder]:
    """The review step: the same prices as placement, without taking stock."""
    lines = [
        (line.variant, line.quantity)
        for line in cart.lines.select_related(
            "variant__product__vat_rate", "variant__product__cooperative"
        ).order_by("variant_id")
    ]
    if not lines:
        raise CheckoutError(_("Your cart is empty."))
    method = delivery_method_for(details)
    code = _discount(details.discount_code, lines, lock=False)
    return lines, quote(lines, delivery_method=method, discount_code=code)


@transaction.atomic
def order_place(
    *,
    cart,
    details: CheckoutDetails,
    language: str,
    user=None,
    checkout_token: str | None = None,
    privacy_consent: tuple | None = None,
) -> Order:
    """Place the cart as an order, or raise CheckoutError and change nothing.

    Idempotent: the cart's row is locked first and its lines are read under
    the lock; the review form's one-time `checkout_token` is stored on the
    order, so the same form sent again (a double click, a phone re-sending)
    returns the order it placed instead of placing a second one.

    `privacy_consent`, (when, privacy notice version), is the buyer's
    consent given at the details step (law 09-08), kept on the order with
    the latest delivery day its method promises (law 31-08)."""
    try:
        provider = get_provider(details.payment_method)
    except UnknownProvider:
        raise CheckoutError(_("Please choose a way to pay.")) from None
    if not details.email and provider.code != CashOnDelivery.code:
        # Only the courier's cash does without an email: a card payment's
        # receipt and follow-up go to it.
        raise CheckoutError(
            _(
                "Please enter your email address: only cash on delivery "
                "can do without it."
            )
        )
    locked_cart = lock_for_update(Cart.objects.filter(pk=cart.pk)).first()
    if checkout_token:
        placed = Order.objects.filter(checkout_token=checkout_token).first()
        if placed is not None:
            return placed
    if locked_cart is None:
        raise CheckoutError(_("Your cart is empty."))
    wanted = [
        WantedLine(variant_id=variant_id, quantity=quantity)
        for variant_id, quantity in locked_cart.lines.order_by(
            "variant_id"
        ).values_list("variant_id", "quantity")
    ]
    if not wanted:
        raise CheckoutError(_("Your cart is empty."))
    day = timezone.localdate()
    locked = order_lines_lock(wanted, day=day)
    lines = [(variant, quantity) for variant, quantity, _p, _a in locked]
    method = delivery_method_for(details)
    province = details.province if details.country == "MA" else ""
    code = _discount(details.discount_code, lines, lock=True)
    order = order_create(
        locked=locked,
        priced=quote(lines, delivery_method=method, discount_code=code),
        day=day,
        number_prefix="TD",
        language=language,
        checkout_token=checkout_token or None,
        user=user if user is not None and user.is_authenticated else None,
        email=details.email,
        phone=details.phone,
        full_name=details.full_name,
        address_line=details.address_line,
        city=details.city,
        province=province,
        region=province_region(province),
        postal_code=details.postal_code,
        country=details.country,
        payment_method=provider.code,
        delivery_method=method,
        delivery_name=method.name,
        discount_code=code,
        discount_borne_by=code.borne_by if code else "",
        delivery_by=latest_delivery_date(method, day=day),
        privacy_consent_at=privacy_consent[0] if privacy_consent else None,
        privacy_consent_version=privacy_consent[1] if privacy_consent else "",
    )
    if code is not None:
        DiscountCode.objects.filter(pk=code.pk).update(used_count=F("used_count") + 1)
    provider.start(order=order)
    cart_clear(cart=locked_cart)

    if order.email:  # optional when paying cash: the courier phones
        from shop.emails import send_order_confirmation

        transaction.on_commit(lambda: send_order_confirmation.enqueue(order.pk))
    return order
