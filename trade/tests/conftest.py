import pytest
from django.contrib.auth import get_user_model

from shop.tests.factories import VariantFactory
from trade.models import (
    AccountStatus,
    BusinessAccount,
    BusinessMember,
    ClientGroup,
    PriceListItem,
    PriceTier,
)


def make_user(email: str):
    return get_user_model().objects.create_user(
        username=email, email=email, password="a-long-password-1"
    )


def make_account(*, ice="001234567000089", country="MA", group=None, user=None):
    account = BusinessAccount.objects.create(
        company_name=f"Hotel {ice[-4:]}",
        ice=ice,
        address="12, boulevard Zerktouni\n20000",
        city="Casablanca",
        country=country,
        contact_name="Samira Alaoui",
        email=f"achats{ice[-4:]}@example.ma",
        phone="+212522000000",
        language="fr",
        status=AccountStatus.APPROVED if group else AccountStatus.PENDING,
        group=group,
        payment_terms_days=30,
    )
    if user is not None:
        BusinessMember.objects.create(account=account, user=user)
    return account


@pytest.fixture
def group(db):
    return ClientGroup.objects.create(name="Hotels")


@pytest.fixture
def honey(db):
    return VariantFactory(sku="HONEY-1KG", price=20000, stock=200)


@pytest.fixture
def honey_price(group, honey):
    """Cases of 6, at least 12 units: 150 MAD each, 140 MAD from 60 units."""
    item = PriceListItem.objects.create(
        group=group, variant=honey, case_size=6, minimum_quantity=12
    )
    PriceTier.objects.create(item=item, from_quantity=1, unit_price=15000)
    PriceTier.objects.create(item=item, from_quantity=60, unit_price=14000)
    return item


@pytest.fixture
def buyer(db):
    return make_user("buyer@hotel.ma")


@pytest.fixture
def account(group, buyer, honey_price):
    return make_account(group=group, user=buyer)


@pytest.fixture
def buyer_client(client, buyer, account):
    client.force_login(buyer)
    return client
