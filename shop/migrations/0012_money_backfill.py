"""Fill the new money fields for data written before them: the day each paid
order's money counts, the agreement each line was sold under, refunds already
in the ledger (booked, with their slice of the line), and statements as a
chain (an unpaid statement followed by another one was carried into it)."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def forwards(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    OrderLine = apps.get_model("shop", "OrderLine")
    SalesSession = apps.get_model("shop", "SalesSession")
    Refund = apps.get_model("shop", "Refund")
    RefundLine = apps.get_model("shop", "RefundLine")
    RefundBooking = apps.get_model("shop", "RefundBooking")
    LedgerEntry = apps.get_model("shop", "LedgerEntry")
    Statement = apps.get_model("shop", "Statement")
    Agreement = apps.get_model("cooperatives", "PartnershipAgreement")

    session_days = dict(
        SalesSession.objects.exclude(order=None).values_list("order_id", "date")
    )
    for order in Order.objects.exclude(paid_at=None).only("pk", "paid_at"):
        day = session_days.get(order.pk) or timezone.localdate(order.paid_at)
        Order.objects.filter(pk=order.pk).update(paid_on=day)

    for line in OrderLine.objects.select_related("order").filter(agreement=None):
        day = line.order.paid_on or timezone.localdate(line.order.placed_at)
        agreement = Agreement.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            cooperative_id=line.cooperative_id,
            valid_from__lte=day,
        ).first()
        if agreement is not None:
            OrderLine.objects.filter(pk=line.pk).update(agreement=agreement)

    claimed: dict[int, int] = {}
    for refund_line in RefundLine.objects.order_by("refund__created_at", "pk"):
        before = claimed.get(refund_line.order_line_id, 0)
        RefundLine.objects.filter(pk=refund_line.pk).update(units_before=before)
        claimed[refund_line.order_line_id] = before + refund_line.quantity

    for refund in Refund.objects.all():
        entry = LedgerEntry.objects.filter(
            kind="refund", refund_line__refund=refund
        ).first()
        if entry is None:
            continue
        Refund.objects.filter(pk=refund.pk).update(booked=True)
        RefundBooking.objects.create(
            refund=refund,
            sign=1,
            day=entry.occurred_on,
            amount=refund.amount,
            delivery=refund.delivery,
        )

    previous_by_cooperative = {}
    for statement in Statement.objects.order_by("cooperative_id", "period_end"):
        previous = previous_by_cooperative.get(statement.cooperative_id)
        if previous is not None:
            Statement.objects.filter(pk=statement.pk).update(previous=previous)
            if previous.status == "issued":
                Statement.objects.filter(pk=previous.pk).update(status="carried")
        previous_by_cooperative[statement.cooperative_id] = statement


class Migration(migrations.Migration):
    dependencies = [("shop", "0011_money_you_can_trust")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

