"""Cart writes. Quantities are checked against stock here, and again under
row locks when the order is placed; prices are never taken from the cart."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperatives.models import today
from shop.models import Cart, CartLine, Variant
from shop.models.cart import MAX_LINE_QUANTITY
from shop.selectors import cooperatives_selling, sellable_stock

SESSION_KEY = "cart_token"


class CartError(Exception):
    """A request the cart refuses, with a message for the buyer."""


@dataclass(frozen=True)
class CartChange:
    quantity: int  # what the line holds now
    message: str
    capped: bool = False


def parse_quantity(raw, *, allow_zero: bool = False) -> int:
    """A quantity typed by a buyer, or a CartError saying what is wrong."""
    try:
        quantity = int(str(raw).strip())
    except (TypeError, ValueError):
        raise CartError(_("Please enter a whole number of items.")) from None
    if quantity < 0 or (quantity == 0 and not allow_zero):
        raise CartError(_("Please enter a quantity of at least 1."))
    if quantity > MAX_LINE_QUANTITY:
        raise CartError(
            _("You can order at most %(max)s of one item at a time.")
            % {"max": MAX_LINE_QUANTITY}
        )
    return quantity


def cart_get(request, *, create: bool = False) -> Cart | None:
    """The visitor's cart: the customer's own, or the guest's from the session."""
    if request.user.is_authenticated:
        cart = Cart.objects.filter(user=request.user).first()
        if cart is None and create:
            cart = Cart.objects.create(user=request.user)
        return cart
    token = request.session.get(SESSION_KEY)
    cart = (
        Cart.objects.filter(token=token, user__isnull=True).first() if token else None
    )
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_KEY] = cart.token
    return cart


def _sellable_variant(sku: str) -> Variant:
    sku = (sku or "").strip().upper()
    variant = (
        Variant.objects.select_related("product__cooperative").filter(sku=sku).first()
    )
    if variant is None:
        raise CartError(_("This product does not exist."))
    if not variant.is_sellable:
        raise CartError(
            _("“%(name)s” is no longer sold.") % {"name": variant.product.name}
        )
    if not cooperatives_selling([variant.product.cooperative_id], today()):
        raise CartError(
            _(
                "“%(name)s” cannot be sold at the moment: its cooperative "
                "has no partnership agreement in force."
            )
            % {"name": variant.product.name}
        )
    return variant


def _capped(variant: Variant, wanted: int) -> CartChange:
    # What can be sold today: units of expired lots no longer count.
    variant.stock = sellable_stock([variant])[variant.pk]
    if variant.stock <= 0:
        raise CartError(
            _("“%(name)s” is out of stock.") % {"name": variant.product.name}
        )
    if wanted > variant.stock:
        return CartChange(
            quantity=variant.stock,
            capped=True,
            message=ngettext(
                "Only %(count)s “%(name)s” is left: your cart holds %(count)s.",
                "Only %(count)s “%(name)s” are left: your cart holds %(count)s.",
                variant.stock,
            )
            % {"count": variant.stock, "name": variant.product.name},
        )
    return CartChange(quantity=wanted, message="")


@transaction.atomic
def cart_add(*, cart: Cart, sku: str, quantity: int) -> CartChange:
    variant = _sellable_variant(sku)
    line = CartLine.objects.filter(cart=cart, variant=variant).first()
    wanted = min((line.quantity if line else 0) + quantity, MAX_LINE_QUANTITY)
    change = _capped(variant, wanted)
    if line:
        line.quantity = change.quantity
        line.save(update_fields=["quantity"])
    else:
        CartLine.objects.create(cart=cart, variant=variant, quantity=change.quantity)
    if not change.capped:
        change = CartChange(
            quantity=change.quantity,
            message=_("“%(name)s” was added to your cart.")
            % {"name": variant.product.name},
        )
    return change


@transaction.atomic
def cart_set_quantity(*, cart: Cart, sku: str, quantity: int) -> CartChange:
    """Set a line's quantity; 0 removes the line."""
    line = (
        CartLine.objects.select_related("variant__product__cooperative")
        .filter(cart=cart, variant__sku=(sku or "").strip().upper())
        .first()
    )
    if line is None:
        raise CartError(_("This item is not in your cart."))
    if quantity == 0:
        name = line.variant.product.name
        line.delete()
        return CartChange(
            quantity=0,
            message=_("“%(name)s” was removed from your cart.") % {"name": name},
        )
    if not line.variant.is_sellable:
        raise CartError(
            _("“%(name)s” is no longer sold.") % {"name": line.variant.product.name}
        )
    change = _capped(line.variant, quantity)
    line.quantity = change.quantity
    line.save(update_fields=["quantity"])
    return change if change.capped else CartChange(change.quantity, _("Cart updated."))


@transaction.atomic
def cart_merge(*, guest_cart: Cart | None, user) -> Cart | None:
    """At sign-in, the guest's lines join the customer's cart.

    Quantities of the same variant add up, capped at stock and at the per-line
    maximum; the guest cart is then deleted.
    """
    if guest_cart is None or guest_cart.user_id is not None:
        return Cart.objects.filter(user=user).first()
    cart, _created = Cart.objects.get_or_create(user=user)
    existing = {line.variant_id: line for line in cart.lines.all()}
    for line in guest_cart.lines.select_related("variant"):
        target = existing.get(line.variant_id)
        quantity = line.quantity + (target.quantity if target else 0)
        quantity = min(quantity, MAX_LINE_QUANTITY, max(line.variant.stock, 0))
        if target and quantity:
            target.quantity = quantity
            target.save(update_fields=["quantity"])
        elif target:
            target.delete()
        elif quantity:
            CartLine.objects.create(cart=cart, variant=line.variant, quantity=quantity)
    guest_cart.delete()
    return cart


def cart_clear(*, cart: Cart) -> None:
    cart.lines.all().delete()
