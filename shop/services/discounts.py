from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shop.models import DiscountCode
from shop.money import format_mad


class DiscountError(Exception):
    """A discount code the order cannot use, with a message for the buyer."""


def normalise_code(raw: str) -> str:
    return (raw or "").strip().upper()


def discount_check(
    code: DiscountCode | None, *, subtotal: int, eligible_subtotal: int, now=None
) -> DiscountCode:
    """The rules a code must meet for this order, checked in the buyer's order:
    exists, active and in its dates, not used up, minimum reached, applies."""
    now = now or timezone.now()
    if code is None:
        raise DiscountError(_("This discount code does not exist."))
    if not code.is_active:
        raise DiscountError(_("This discount code is no longer valid."))
    if now < code.valid_from:
        raise DiscountError(_("This discount code is not valid yet."))
    if code.valid_until is not None and now > code.valid_until:
        raise DiscountError(_("This discount code has expired."))
    if code.usage_limit is not None and code.used_count >= code.usage_limit:
        raise DiscountError(
            _("This discount code has already been used as often as allowed.")
        )
    if subtotal < code.minimum_subtotal:
        raise DiscountError(
            _("This discount code needs an order of at least %(amount)s.")
            % {"amount": format_mad(code.minimum_subtotal, get_language())}
        )
    if eligible_subtotal <= 0:
        raise DiscountError(
            _("This discount code applies only to the products of %(name)s.")
            % {"name": code.cooperative.name if code.cooperative else ""}
        )
    return code


def eligible_for(code: DiscountCode | None, cooperative_id: int) -> bool:
    return code is None or code.cooperative_id in (None, cooperative_id)
