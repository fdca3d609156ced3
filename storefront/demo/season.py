"""A season of past sales for the demo, so the portal, the statements and the
reports have something to show. Generated once (when no order exists), from a
fixed seed, through the same services as real sales; only the dates are moved
back afterwards, which real code never does."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperatives.models import Cooperative, CooperativeMembership, today
from shop.models import (
    Cart,
    CartLine,
    DeliveryMethod,
    LedgerEntry,
    Order,
    Payment,
    PooledCost,
    SalesSession,
    SalesSessionLine,
    Variant,
)
from shop.orders.states import OrderStatus, order_transition
from shop.services.checkout import CheckoutDetails, CheckoutError, order_place
from shop.services.ledger import pooled_cost_allocate
from shop.services.payments import _mark_paid, cash_collected
from shop.services.refunds import RefundError, refund_create
from shop.services.sessions import SessionError, session_close
from shop.services.settlements import statement_issue, statement_mark_paid

CITIES = ["Casablanca", "Rabat", "Marrakech", "Fès", "Tanger", "Agadir", "Meknès"]


def portal_members(password: str) -> list[str]:
    """One portal member per cooperative: the username is the cooperative's slug."""
    User = get_user_model()
    names = []
    for cooperative in Cooperative.objects.order_by("slug"):
        user, _created = User.objects.get_or_create(
            username=cooperative.slug,
            defaults={
                "email": cooperative.email or f"{cooperative.slug}@coop.localhost"
            },
        )
        user.set_password(password)
        user.save()
        CooperativeMembership.objects.get_or_create(
            user=user, cooperative=cooperative, defaults={"role": "manager"}
        )
        names.append(cooperative.slug)
    return names


def _backdate(order: Order, day: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
    Order.objects.filter(pk=order.pk).update(placed_at=moment, paid_at=moment)
    LedgerEntry.objects.filter(order_line__order=order, kind="sale").update(
        occurred_on=day, payable_on=day
    )


def _online_order(rng, variants, delivery, day):
    cart = Cart.objects.create()
    for variant in rng.sample(variants, k=rng.randint(1, 3)):
        CartLine.objects.create(cart=cart, variant=variant, quantity=rng.randint(1, 2))
    try:
        order = order_place(
            cart=cart,
            details=CheckoutDetails(
                email=f"client{rng.randint(1, 400)}@example.ma",
                phone="+212612345678",
                full_name="Client",
                address_line="Rue de la démo",
                city=rng.choice(CITIES),
                postal_code="",
                country="MA",
                delivery_method_id=delivery.pk,
                payment_method="cod",
            ),
            language=rng.choice(["ar", "fr", "en"]),
        )
    except CheckoutError:
        cart.delete()
        return None
    if rng.random() < 0.4:  # paid by card
        Order.objects.filter(pk=order.pk).update(payment_method="stripe")
        order.refresh_from_db()
        Payment.objects.create(
            order=order,
            provider="stripe",
            reference=f"pi_demo_{order.pk}",
            amount=order.total,
            status="succeeded",
        )
        _mark_paid(order, message="demo card payment")
    else:
        for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            order_transition(order=order, to=step)
        cash_collected(
            order_id=order.pk, courier="Amana", amount=order.total, user=None
        )
    _backdate(order, day)
    return order


def generate(days: int = 120, seed: int = 2026) -> dict:
    if Order.objects.exists():
        return {"orders": 0}
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    variants = list(Variant.objects.filter(stock__gt=3).order_by("sku"))
    delivery = DeliveryMethod.objects.filter(zone="morocco").first()
    if not variants or delivery is None:
        return {"orders": 0}
    start = today() - datetime.timedelta(days=days)
    orders = []
    for offset in range(0, days, 2):
        order = _online_order(
            rng, variants, delivery, start + datetime.timedelta(days=offset)
        )
        if order is not None:
            orders.append(order)
    cash_orders = [order for order in orders if order.payment_method == "cod"]
    for order in cash_orders[::9]:  # a few refunds (cash: no call to Stripe)
        line = order.lines.first()
        try:
            refund_create(order_id=order.pk, quantities={line.pk: 1}, restock=True)
        except RefundError:
            pass
    for channel, place, offset in (
        ("store", "Boutique solidaire, Casablanca", 100),
        ("fair", "SIAM, Meknès", 75),
        ("store", "Boutique solidaire, Casablanca", 40),
        ("fair", "Foire du terroir, Azilal", 20),
    ):
        session = SalesSession.objects.create(
            channel=channel, place=place, date=today() - datetime.timedelta(days=offset)
        )
        for variant in rng.sample(variants, k=5):
            SalesSessionLine.objects.create(
                session=session,
                variant=variant,
                quantity=rng.randint(1, 2),
                unit_price=variant.price,
            )
        try:
            session_close(session_id=session.pk)
        except SessionError:
            pass
    cost = PooledCost.objects.create(
        label="Bocaux en verre achetés en gros",
        incurred_on=today() - datetime.timedelta(days=60),
        amount=240_000,
    )
    pooled_cost_allocate(
        cost_id=cost.pk,
        weights={c.pk: 1 for c in Cooperative.objects.filter(categories__slug="honey")},
    )
    statements = 0
    for cooperative in Cooperative.objects.all():
        for months_back in (3, 2, 1):
            first = today().replace(day=1)
            for _ in range(months_back - 1):
                first = (first - datetime.timedelta(days=1)).replace(day=1)
            end = first - datetime.timedelta(days=1)
            statement = statement_issue(cooperative_id=cooperative.pk, period_end=end)
            statements += 1
            if months_back > 1 and statement.closing_balance > 0:
                statement_mark_paid(
                    statement_id=statement.pk,
                    reference=f"VIR-{end:%Y%m}-{cooperative.pk:03d}",
                )
    return {"orders": len(orders), "statements": statements}
