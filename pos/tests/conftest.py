import datetime
import uuid

import pytest
from django.contrib.auth.models import Permission

from cooperatives.models import today
from pos.payload import SaleInput, SaleLineInput
from pos.services import pos_session_open, pos_transfer_out
from shop.models import Consignment, Lot
from shop.services.lots import consignment_receive
from shop.tests.factories import VariantFactory

DAY = datetime.timedelta(days=1)


def receive(variant, code, quantity, days=200) -> Lot:
    consignment = Consignment.objects.create(
        cooperative=variant.product.cooperative, received_on=today(), carrier="CTM"
    )
    consignment.lines.create(
        variant=variant,
        lot_code=code,
        quantity=quantity,
        production_date=today() - 30 * DAY,
        best_before=today() + days * DAY,
    )
    consignment.save()
    consignment_receive(consignment_id=consignment.pk)
    return Lot.objects.get(code=code)


def sale_input(lines, *, device=None, receipt=1, method="cash", cash=0, **kw):
    return SaleInput(
        id=kw.pop("id", uuid.uuid4()),
        device_id=device or uuid.uuid4(),
        receipt_number=receipt,
        made_at=kw.pop("made_at", datetime.datetime.now(datetime.UTC)),
        language=kw.pop("language", "fr"),
        payment_method=method,
        cash_received=cash,
        card_reference=kw.pop("reference", ""),
        lines=tuple(SaleLineInput(lot_id=lot.pk, quantity=q) for lot, q in lines),
    )


def assert_lot_conserved(lot: Lot):
    lot.refresh_from_db()
    assert lot.received == (
        lot.sold + lot.stock + lot.returned + lot.written_off + lot.at_pos
    )


@pytest.fixture
def honey(db):
    return VariantFactory(stock=0, sku="TIF-THYM-250", price=11500)


@pytest.fixture
def oil(db):
    return VariantFactory(stock=0, sku="ARG-OIL-100", price=9000)


@pytest.fixture
def fair(honey, oil):
    """A fair session today with 3 jars of honey and 2 bottles of oil sent."""
    honey_lot = receive(honey, "L-HONEY", 10)
    oil_lot = receive(oil, "L-OIL", 5)
    session = pos_session_open(channel="fair", place="Salon de Meknès", date=today())
    pos_transfer_out(session_id=session.pk, quantities={honey_lot.pk: 3, oil_lot.pk: 2})
    honey_lot.refresh_from_db()
    oil_lot.refresh_from_db()
    return session, honey_lot, oil_lot


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="pos", codename__in=codenames
        )
    )
    return user


@pytest.fixture
def seller(django_user_model):
    user = django_user_model.objects.create_user(
        username="seller", password="pw-seller-1234", email="seller@example.ma"
    )
    return grant(user, "sell_at_pos")


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user(
        username="manager", password="pw-manager-1234", email="manager@example.ma"
    )
    return grant(user, "sell_at_pos", "manage_pos")
