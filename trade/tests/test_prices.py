import pytest
from django.utils import translation

from trade.models import AccountStatus, Quote
from trade.services import order_rows_check

from .conftest import make_account, make_user


def _prices(client, sku="HONEY-1KG"):
    return client.get(f"/fr/trade/prices/?sku={sku}")


@pytest.mark.django_db
def test_a_visitor_or_a_customer_without_an_approved_company_sees_no_price(
    client, honey_price
):
    assert _prices(client).status_code == 204
    customer = make_user("someone@example.ma")
    client.force_login(customer)
    assert _prices(client).status_code == 204
    pending = make_account(ice="007000000000001", user=customer)
    assert pending.status == AccountStatus.PENDING
    assert _prices(client).status_code == 204
    # Approved but rejected later: nothing either.
    pending.status = AccountStatus.REJECTED
    pending.group = honey_price.group
    pending.save()
    assert _prices(client).status_code == 204


@pytest.mark.django_db
def test_an_approved_buyer_sees_its_group_prices_never_cached(buyer_client):
    response = _prices(buyer_client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "150,00" in html and "140,00" in html
    assert "no-cache" in response["Cache-Control"]
    assert _prices(buyer_client, sku="UNKNOWN").status_code == 204


@pytest.mark.django_db
def test_another_groups_price_list_is_not_shown(buyer_client, honey):
    from trade.models import ClientGroup, PriceListItem, PriceTier

    other = ClientGroup.objects.create(name="Importers")
    item = PriceListItem.objects.create(group=other, variant=honey)
    PriceTier.objects.create(item=item, from_quantity=1, unit_price=9900)
    assert "99,00" not in _prices(buyer_client).content.decode()


@pytest.mark.django_db
def test_tiers_minimums_and_cases(honey_price):
    # The messages as written in English (the tests run in French).
    with translation.override("en"):
        group_id = honey_price.group_id
        ok, again, unknown = order_rows_check(
            group_id, [("honey-1kg", 12), ("HONEY-1KG ", 66), ("NOPE", 12)]
        )
        assert (ok.unit_price, ok.error) == (15000, None)
        assert again.error == "This SKU is already on another row."
        assert "NOPE" in unknown.error and unknown.field == "sku"
        (low,) = order_rows_check(group_id, [("HONEY-1KG", 6)])
        assert "minimum" in low.error and low.field == "quantity"
        (loose,) = order_rows_check(group_id, [("HONEY-1KG", 13)])
        assert "multiple of 6" in loose.error and loose.field == "quantity"
        (bulk,) = order_rows_check(group_id, [("HONEY-1KG", 60)])
        assert bulk.unit_price == 14000


def _rows(*rows, token="form-token-1", note=""):
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "1",
        "rows-MAX_NUM_FORMS": "50",
        "token": token,
        "note": note,
    }
    for index, (sku, quantity) in enumerate(rows):
        data[f"rows-{index}-sku"] = sku
        data[f"rows-{index}-quantity"] = quantity
    return data


@pytest.mark.django_db
def test_quick_order_errors_stand_next_to_their_row_and_nothing_is_asked(
    buyer_client,
):
    response = buyer_client.post(
        "/ar/trade/order/",
        _rows(("NOPE", "12"), ("HONEY-1KG", "7"), ("", ""), ("HONEY-1KG", "")),
    )
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert "NOPE" in forms[0].errors["sku"][0]
    assert forms[1].errors["quantity"]
    assert not forms[2].errors
    assert forms[3].errors["quantity"]
    html = response.content.decode()
    assert 'id="id_rows-0-sku_error"' in html
    assert 'id="id_rows-1-quantity_error"' in html
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_quick_order_asks_a_quote_once_at_the_tier_price(buyer_client, account):
    data = _rows(("honey-1kg", "60"), ("", ""), note="Livraison avant le 10")
    first = buyer_client.post("/fr/trade/order/", data)
    again = buyer_client.post("/fr/trade/order/", data)
    quote = Quote.objects.get()
    assert first.url == again.url == f"/fr/trade/quotes/{quote.number}/"
    assert quote.account == account
    assert quote.client_note == "Livraison avant le 10"
    assert quote.payment_terms_days == 30
    (line,) = quote.lines.all()
    assert (line.variant.sku, line.quantity, line.unit_price) == (
        "HONEY-1KG",
        60,
        14000,
    )


@pytest.mark.django_db
def test_quick_order_is_for_approved_buyers(client):
    client.force_login(make_user("nobody@example.ma"))
    response = client.get("/fr/trade/order/")
    assert response.status_code == 302 and response.url == "/fr/trade/"
    response = client.post("/fr/trade/order/", _rows(("HONEY-1KG", "12")))
    assert response.status_code == 302
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_quick_order_starts_from_the_cart(buyer_client, honey, buyer):
    from shop.models import Cart, CartLine

    cart = Cart.objects.create(user=buyer)
    CartLine.objects.create(cart=cart, variant=honey, quantity=24)
    response = buyer_client.get("/fr/trade/order/?from=cart")
    first = response.context["formset"].forms[0]
    assert first.initial == {"sku": "HONEY-1KG", "quantity": 24}
