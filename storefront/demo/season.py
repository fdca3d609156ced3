"""A season of past sales for the demo, so the portal, the statements and the
reports have something to show. Generated once (when no order exists), from a
fixed seed, through the same services as real sales: each step runs on its
own day of the past with the clock set back (time-machine), so every date —
placed, paid, payable, refunded, settled — is the one the services write, and
nothing is rewritten afterwards."""

import datetime
import random

import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperatives.models import Cooperative, CooperativeMembership, today
from shop.models import (
    Cart,
    CartLine,
    DeliveryMethod,
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
from shop.services.payments import cash_collected, payment_intent_apply
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


def on(day: datetime.date, hour: int = 11):
    """Run the block as if it were `hour` o'clock on `day` (local time)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return time_machine.travel(moment, tick=False)


def _online_order(rng, variants, delivery, day):
    cart = Cart.objects.create()
    for variant in rng.sample(variants, k=rng.randint(1, 3)):
        CartLine.objects.create(cart=cart, variant=variant, quantity=rng.randint(1, 2))
    try:
        with on(day):
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
    if rng.random() < 0.4:
        _paid_by_card(order, day)
    else:
        _paid_on_delivery(order, day, rng)
    order.refresh_from_db()
    return order


def _paid_by_card(order: Order, day: datetime.date) -> None:
    """The demo has no card provider configured: the order is switched to
    card before any payment exists, then paid through the card webhook's
    own service, as Stripe's `payment_intent.succeeded` would."""
    Order.objects.filter(pk=order.pk).update(payment_method="stripe")
    reference = f"pi_demo_{order.pk}"
    Payment.objects.create(
        order=order, provider="stripe", reference=reference, amount=order.total
    )
    with on(day, 12):
        payment_intent_apply(
            {
                "id": reference,
                "status": "succeeded",
                "amount_received": order.total,
                "currency": "mad",
            }
        )


def _paid_on_delivery(order: Order, day: datetime.date, rng) -> None:
    """Prepared, shipped and delivered over the next days; the courier
    brings the cash back the day it is delivered."""
    delivered = min(day + datetime.timedelta(days=rng.randint(1, 4)), today())
    for step, when in (
        (OrderStatus.PREPARING, day),
        (OrderStatus.SHIPPED, min(day + datetime.timedelta(days=1), delivered)),
        (OrderStatus.DELIVERED, delivered),
    ):
        with on(when, 15):
            locked = Order.objects.select_for_update().get(pk=order.pk)
            order_transition(order=locked, to=step)
    with on(delivered, 18):
        cash_collected(
            order_id=order.pk, courier="Amana", amount=order.total, user=None
        )


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
            with on(_later(order.paid_on, 5), 10):
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
            # Staff close a session when they are back: days later, often in
            # the next month; its money still belongs to the session's day.
            with on(_later(session.date, 12), 17):
                session_close(session_id=session.pk)
        except SessionError:
            pass
    incurred = today() - datetime.timedelta(days=60)
    with on(incurred, 9):
        cost = PooledCost.objects.create(
            label_ar="برطمانات زجاجية مشتراة بالجملة",
            label_fr="Bocaux en verre achetés en gros",
            label_en="Glass jars bought in bulk",
            incurred_on=incurred,
            amount=240_000,
        )
        honey = Cooperative.objects.filter(categories__slug="honey")
        pooled_cost_allocate(cost_id=cost.pk, weights={c.pk: 1 for c in honey})
    statements = 0
    for months_back in (3, 2, 1):
        first = today().replace(day=1)
        for _ in range(months_back - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        end = first - datetime.timedelta(days=1)
        for cooperative in Cooperative.objects.order_by("pk"):
            with on(_later(end, 3), 10):
                statement = statement_issue(
                    cooperative_id=cooperative.pk, period_end=end
                )
            statements += 1
            if months_back > 1 and statement.closing_balance > 0:
                with on(_later(end, 8), 10):
                    statement_mark_paid(
                        statement_id=statement.pk,
                        reference=f"VIR-{end:%Y%m}-{cooperative.pk:03d}",
                    )
    return {"orders": len(orders), "statements": statements}


def _later(day: datetime.date, days: int) -> datetime.date:
    """`days` after `day`, but never after today."""
    return min(day + datetime.timedelta(days=days), today())
