import pytest

from shop.tests.factories import VariantFactory
from trade import demo
from trade.models import BusinessAccount, PriceListItem, PriceTier
from trade.selectors import member_account


@pytest.mark.django_db
def test_the_demo_business_client_loads_twice_the_same(client):
    for index in range(3):
        VariantFactory(sku=f"DEMO-{index}", price=10000)
    demo.load(password="tadamon-demo")
    account = demo.load(password="tadamon-demo")
    assert BusinessAccount.objects.count() == 1
    assert PriceListItem.objects.count() == 3
    assert PriceTier.objects.count() == 6
    buyer = account.members.get().user
    assert member_account(buyer) == account
    assert buyer.check_password("tadamon-demo")
    client.force_login(buyer)
    response = client.get("/fr/trade/prices/?sku=DEMO-0")
    assert response.status_code == 200
    assert "85,00" in response.content.decode()
