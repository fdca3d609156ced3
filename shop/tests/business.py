"""Business orders for tests: placed through the one order path (as a
pro-forma accepted by a client becomes one), paid by bank transfer."""

import datetime

from django.conf import settings
from django.db import transaction

from cooperatives.models import today
from shop.payments.transfer import BankTransferProvider
from shop.pricing import LineInput, price_order
from shop.services.orders import WantedLine, order_create, order_lines_lock


def business_order(
    *items,
    channel="export",
    incoterm="FOB",
    country="FR",
    language="fr",
    delivery=0,
    due_in_days: int | None = 30,
    prices: dict | None = None,
):
    """An order of [(variant, quantity)] for a business client, awaiting
    its bank transfers; `prices` maps a variant to its agreed unit price."""
    prices = prices or {}
    day = today()
    with transaction.atomic():
        locked = order_lines_lock(
            [WantedLine(v.pk, q, prices.get(v)) for v, q in items], day=day
        )
        priced = price_order(
            [
                LineInput(
                    unit_price=unit_price,
                    quantity=quantity,
                    vat_rate_bp=variant.product.vat_rate.rate_bp,
                )
                for variant, quantity, unit_price, _agreement in locked
            ],
            delivery=delivery,
            delivery_vat_bp=settings.SHOP_DELIVERY_VAT_BP,
        )
        order = order_create(
            locked=locked,
            priced=priced,
            day=day,
            number_prefix="EX" if channel == "export" else "WH",
            language=language,
            email="achats@epicerie-lyon.fr",
            phone="+33 4 78 00 00 00",
            full_name="Épicerie Fine du Rhône SARL",
            address_line="8 quai Saint-Antoine",
            postal_code="69002",
            city="Lyon",
            country=country,
            channel=channel,
            payment_method="transfer",
            delivery_name="Fret routier",
            incoterm=incoterm,
            payment_due_on=(
                None
                if due_in_days is None
                else day + datetime.timedelta(days=due_in_days)
            ),
        )
        BankTransferProvider().start(order=order)
    return order
