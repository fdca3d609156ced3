"""Demo data of the business side: one approved client group with a price
list, one approved hotel whose buyer signs in like any customer. Running it
again changes nothing."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from shop.models import Variant
from trade.models import (
    AccountStatus,
    BusinessAccount,
    BusinessMember,
    ClientGroup,
    PriceListItem,
    PriceTier,
)

BUYER_EMAIL = "hotel@tadamon.localhost"
DEMO_ICE = "001234567000089"
# Off the shop price: 15 % by the case, 22 % from 60 units.
TIERS = ((1, 8500), (60, 7800))


def load(*, password: str, variants: int = 6) -> BusinessAccount:
    group, _created = ClientGroup.objects.get_or_create(
        name="Hôtels et restaurants",
        defaults={"description": "Prix par carton pour l'hôtellerie."},
    )
    for variant in Variant.objects.sellable().order_by("sku")[:variants]:
        item, created = PriceListItem.objects.get_or_create(
            group=group,
            variant=variant,
            defaults={"case_size": 6, "minimum_quantity": 12},
        )
        if created:
            PriceTier.objects.bulk_create(
                [
                    PriceTier(
                        item=item,
                        from_quantity=quantity,
                        unit_price=max(1, variant.price * percent // 10_000),
                    )
                    for quantity, percent in TIERS
                ]
            )
    User = get_user_model()
    buyer, _created = User.objects.get_or_create(
        username=BUYER_EMAIL, defaults={"email": BUYER_EMAIL}
    )
    buyer.set_password(password)
    buyer.save()
    account, _created = BusinessAccount.objects.get_or_create(
        ice=DEMO_ICE,
        defaults={
            "company_name": "Hôtel Atlas Casablanca",
            "address": "47, boulevard d'Anfa",
            "city": "Casablanca",
            "country": "MA",
            "contact_name": "Nadia Berrada",
            "email": BUYER_EMAIL,
            "phone": "+212522201010",
            "language": "fr",
            "status": AccountStatus.APPROVED,
            "group": group,
            "payment_terms_days": 30,
            "applicant": buyer,
            "approved_at": timezone.now(),
        },
    )
    BusinessMember.objects.get_or_create(user=buyer, defaults={"account": account})
    return account
