"""A pooled purchasing round for tests: jars and lids, three cooperatives."""

import datetime

from django.utils import timezone

from shop.models import PriceTier, PurchaseItem, PurchasingRound, RoundStatus

JARS_SOLO, JARS_500, JARS_1000 = 455, 387, 329
LIDS_SOLO, LIDS_800 = 123, 97


def make_round(*, closes_in_days: int = 7) -> PurchasingRound:
    purchasing_round = PurchasingRound.objects.create(
        name="Emballages printemps",
        name_fr="Emballages printemps",
        name_ar="مشتريات التعبئة للربيع",
        name_en="Spring packaging",
        closes_at=timezone.now() + datetime.timedelta(days=closes_in_days),
    )
    jars = PurchaseItem.objects.create(
        purchasing_round=purchasing_round,
        name="Bocal 250 ml",
        name_fr="Bocal 250 ml",
        name_ar="برطمان 250 مل",
        name_en="250 ml jar",
        unit="piece",
        solo_price=JARS_SOLO,
    )
    PriceTier.objects.create(item=jars, min_quantity=500, unit_price=JARS_500)
    PriceTier.objects.create(item=jars, min_quantity=1000, unit_price=JARS_1000)
    lids = PurchaseItem.objects.create(
        purchasing_round=purchasing_round,
        name="Couvercle",
        name_fr="Couvercle",
        name_ar="غطاء",
        name_en="Lid",
        unit="piece",
        solo_price=LIDS_SOLO,
    )
    PriceTier.objects.create(item=lids, min_quantity=800, unit_price=LIDS_800)
    return purchasing_round


def past_closing(purchasing_round: PurchasingRound) -> None:
    """The closing date passes (as it would while the round waits)."""
    PurchasingRound.objects.filter(pk=purchasing_round.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    purchasing_round.refresh_from_db()
    assert purchasing_round.status == RoundStatus.OPEN
