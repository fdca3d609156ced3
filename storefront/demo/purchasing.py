"""Pooled purchasing for the demo: one round closed and delivered 40 days
ago (its deductions in the ledger, in last month's or an earlier period, so
the honey cooperatives' statements show them) and one round open for
orders, that some cooperatives have ordered in. Made through the same
services as real rounds, each step on its own day with the clock set back;
run once (nothing is made when a round exists)."""

import datetime

from django.utils import timezone

from cooperatives.models import Cooperative, today
from shop.models import PriceTier, PurchaseItem, PurchasingRound
from shop.services.purchasing import round_close, round_deliver, round_order
from storefront.demo.season import on

# (fr, ar, en, unit, price alone, [(from a round total of, unit price)])
DELIVERED_ITEMS = [
    (
        "Bocal en verre 250 g",
        "برطمان زجاجي 250 غ",
        "Glass jar 250 g",
        "piece",
        480,
        [(1000, 390), (3000, 340)],
    ),
    (
        "Couvercle métal doré",
        "غطاء معدني ذهبي",
        "Gold metal lid",
        "piece",
        120,
        [(1000, 95)],
    ),
    (
        "Étiquette imprimée",
        "ملصق مطبوع",
        "Printed label",
        "roll",
        9000,
        [(10, 7200), (25, 6500)],
    ),
]
OPEN_ITEMS = [
    (
        "Bocal en verre 500 g",
        "برطمان زجاجي 500 غ",
        "Glass jar 500 g",
        "piece",
        620,
        [(800, 520), (2000, 460)],
    ),
    (
        "Sachet kraft 100 g",
        "كيس كرافت 100 غ",
        "Kraft bag 100 g",
        "pack",
        3500,
        [(40, 2900), (100, 2500)],
    ),
    (
        "Carton d'expédition",
        "صندوق شحن كرتوني",
        "Shipping carton",
        "carton",
        850,
        [(300, 690)],
    ),
]


def _round(names, closes_at, items) -> PurchasingRound:
    fr, ar, en = names
    purchasing_round = PurchasingRound.objects.create(
        name=fr, name_fr=fr, name_ar=ar, name_en=en, closes_at=closes_at
    )
    for item_fr, item_ar, item_en, unit, solo, tiers in items:
        item = PurchaseItem.objects.create(
            purchasing_round=purchasing_round,
            name=item_fr,
            name_fr=item_fr,
            name_ar=item_ar,
            name_en=item_en,
            unit=unit,
            solo_price=solo,
        )
        for quantity, price in tiers:
            PriceTier.objects.create(item=item, min_quantity=quantity, unit_price=price)
    return purchasing_round


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load() -> int:
    """Make the demo's rounds; the number of rounds made."""
    if PurchasingRound.objects.exists():
        return 0
    honey = list(Cooperative.objects.filter(categories__slug="honey").order_by("pk"))
    everyone = list(Cooperative.objects.order_by("pk"))
    if not honey:
        return 0
    opened = today() - datetime.timedelta(days=70)
    closing = today() - datetime.timedelta(days=55)
    delivered_on = today() - datetime.timedelta(days=40)
    with on(opened, 9):
        past = _round(
            (
                "Emballages du miel, printemps",
                "تعبئة العسل، الربيع",
                "Honey packaging, spring",
            ),
            _at(closing, 18),
            DELIVERED_ITEMS,
        )
    jars, lids, labels = past.items.order_by("pk")
    for index, cooperative in enumerate(honey):
        with on(opened + datetime.timedelta(days=1 + index), 10):
            round_order(
                round_id=past.pk,
                cooperative_id=cooperative.pk,
                quantities={
                    jars.pk: 400 + 150 * index,
                    lids.pk: 400 + 150 * index,
                    labels.pk: 3 + index,
                },
            )
    with on(closing + datetime.timedelta(days=1), 10):
        round_close(
            round_id=past.pk, supplier="Verrerie du Souss", reference="VS-2026-114"
        )
    # The supplier was 40 jars short: the last cooperative received fewer.
    received = {
        (order.item_id, order.cooperative_id): order.quantity
        for item in (jars, lids, labels)
        for order in item.orders.all()
    }
    received[(jars.pk, honey[-1].pk)] -= 40
    with on(delivered_on, 11):
        round_deliver(round_id=past.pk, received=received, day=delivered_on)

    with on(today() - datetime.timedelta(days=3), 9):
        current = _round(
            ("Emballages d'été", "تعبئة الصيف", "Summer packaging"),
            _at(today() + datetime.timedelta(days=14), 18),
            OPEN_ITEMS,
        )
    big_jars, bags, cartons = current.items.order_by("pk")
    for index, cooperative in enumerate(everyone[::2]):
        round_order(
            round_id=current.pk,
            cooperative_id=cooperative.pk,
            quantities={
                big_jars.pk: 150 + 50 * index,
                bags.pk: 4 + 2 * index,
                cartons.pk: 20 + 5 * index,
            },
        )
    return 2
