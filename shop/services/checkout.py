"""Placing an order: the one transaction where stock is taken.

Rows are locked in a fixed order (variants by id, then the discount code), the
availability is checked again under the locks, and every amount is computed
here from the database: nothing the buyer's browser sent is trusted but the
quantities in the cart, the delivery choice and the code typed.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from shop.models import DeliveryMethod, DiscountCode, Order, OrderLine, Variant
from shop.payments import get_provider
from shop.payments.base import UnknownProvider
from shop.pricing import DiscountInput, LineInput, PricedOrder, price_order
from shop.services.cart import cart_clear
from shop.services.discounts import (
    DiscountError,
    discount_check,
    eligible_for,
    normalise_code,
)
from shop.services.locks import lock_for_update, variant_stock_add
from shop.services.lots import LotError, lots_allocate, lots_commit


class CheckoutError(Exception):
    """The order cannot be placed; `problems` are messages for the buyer."""

    def __init__(self, *problems: str):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


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


def _locked_variants(cart) -> list[tuple[Variant, int]]:
    wanted = dict(cart.lines.values_list("variant_id", "quantity"))
    if not wanted:
        raise CheckoutError(_("Your cart is empty."))
    variants = list(
        lock_for_update(
            Variant.objects.select_related(
                "product__cooperative", "product__vat_rate"
            ).filter(pk__in=wanted)
        ).order_by("pk")
    )
    problems = []
    for variant in variants:
        name = variant.product.name
        if not variant.is_sellable:
            problems.append(_("“%(name)s” is no longer sold.") % {"name": name})
        elif variant.stock < wanted[variant.pk]:
            problems.append(
                _("Not enough “%(name)s” left: %(stock)s in stock.")
                % {"name": name, "stock": variant.stock}
                if variant.stock
                else _("“%(name)s” is out of stock.") % {"name": name}
            )
    if problems:
        raise CheckoutError(*problems)
    return [(variant, wanted[variant.pk]) for variant in variants]


def delivery_method_for(details: CheckoutDetails) -> DeliveryMethod:
    method = DeliveryMethod.objects.filter(
        pk=details.delivery_method_id, is_active=True
    ).first()
    if method is None or not method.serves(country=details.country, city=details.city):
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
        raise CheckoutError(str(error)) from error


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
def order_place(*, cart, details: CheckoutDetails, language: str, user=None) -> Order:
    """Place the cart as an order, or raise CheckoutError and change nothing."""
    try:
        provider = get_provider(details.payment_method)
    except UnknownProvider:
        raise CheckoutError(_("Please choose a way to pay.")) from None
    lines = _locked_variants(cart)
    try:
        allocations = lots_allocate(lines)
    except LotError as error:
        raise CheckoutError(*str(error).split("; ")) from error
    method = delivery_method_for(details)
    code = _discount(details.discount_code, lines, lock=True)
    priced = quote(lines, delivery_method=method, discount_code=code)

    order = Order.objects.create(
        number=uuid.uuid4().hex[:20],
        user=user if user is not None and user.is_authenticated else None,
        email=details.email,
        phone=details.phone,
        full_name=details.full_name,
        address_line=details.address_line,
        city=details.city,
        postal_code=details.postal_code,
        country=details.country,
        language=language,
        payment_method=provider.code,
        delivery_method=method,
        delivery_name=method.name,
        discount_code=code,
        discount_borne_by=code.borne_by if code else "",
        subtotal=priced.subtotal,
        delivery=priced.delivery,
        delivery_vat=priced.delivery_vat,
        discount=priced.discount,
        vat=priced.vat,
        total=priced.total,
    )
    order.number = f"TD-{order.pk:06d}"
    order.save(update_fields=["number"])
    with translation.override(language):
        order_lines = OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    variant=variant,
                    cooperative_id=variant.product.cooperative_id,
                    product_name=variant.product.name,
                    sku=variant.sku,
                    variant_label=variant.label,
                    unit_price=variant.price,
                    quantity=quantity,
                    vat_rate_bp=priced_line.vat_rate_bp,
                    gross=priced_line.gross,
                    discount=priced_line.discount,
                    vat=priced_line.vat,
                )
                for (variant, quantity), priced_line in zip(
                    lines, priced.lines, strict=True
                )
            ]
        )
    lots_commit(order_lines, allocations)
    for variant, quantity in lines:
        variant_stock_add(variant.pk, -quantity)
    if code is not None:
        DiscountCode.objects.filter(pk=code.pk).update(used_count=F("used_count") + 1)
    provider.start(order=order)
    cart_clear(cart=cart)

    from shop.emails import send_order_confirmation

    transaction.on_commit(lambda: send_order_confirmation.enqueue(order.pk))
    return order
