"""Consumer law in the shop (law 31-08) and personal data (law 09-08).

- The latest delivery day an order is promised: its delivery method's delay
  from the day it is placed, kept on the order (`Order.delivery_by`).
- The withdrawal period: seven days from delivery (the day the order first
  became "delivered"), for orders of the online shop. Within it the buyer
  asks to withdraw lines or part of them; staff refund through the refund
  flow within fifteen days of the request, or close it.
- The privacy notice's version a person consents to: the published revision
  of the page the site's settings name.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop.models import (
    LegalPages,
    Order,
    OrderEvent,
    OrderLine,
    PrivacyConsent,
    WithdrawalLine,
    WithdrawalReason,
    WithdrawalRequest,
    WithdrawalStatus,
)
from shop.models.consumer import REFUND_DAYS, WITHDRAWAL_DAYS
from shop.orders.states import OrderStatus
from shop.services.refunds import refunded_quantities

logger = logging.getLogger(__name__)

# Business sales (wholesale, export) are not consumer sales, and a store or
# fair sale is not at a distance: only the online shop's orders may withdraw.
WITHDRAWAL_CHANNELS = frozenset({"online"})


def latest_delivery_date(method, *, day: datetime.date) -> datetime.date | None:
    """The last day an order placed on `day` with `method` is delivered
    (or ready to collect)."""
    if method is None:
        return None
    return day + datetime.timedelta(days=method.max_delay_days)


# Legal pages and the version of the privacy notice


def legal_pages(site) -> dict:
    """The live, public terms-of-sale and privacy pages of `site` (None
    when the settings name none or it is not published)."""
    if site is None:
        return {"terms": None, "privacy": None}
    # Read, never created: Wagtail's for_site() would create an empty
    # setting on the first page served, whose save empties the page cache.
    setting = (
        LegalPages.objects.filter(site=site)
        .select_related("terms_page", "privacy_page")
        .first()
    )
    pages = {}
    for name in ("terms", "privacy"):
        page = getattr(setting, f"{name}_page") if setting is not None else None
        public = (
            page is not None and page.live and not page.get_view_restrictions().exists()
        )
        pages[name] = page if public else None
    return pages


def legal_page_ids(request) -> dict:
    """{"terms": id or None, "privacy": id or None} of the request's site,
    kept in the cache under the page-cache generation (saving the setting or
    publishing a page renews it): a page made from cached fragments asks no
    query to know whether it is the privacy notice."""
    from django.core.cache import cache
    from wagtail.models import Site

    from core import page_cache

    site = Site.find_for_request(request)
    if site is None:
        return {"terms": None, "privacy": None}
    key = f"legal-page-ids:{site.pk}:{page_cache.current_generation(request)}"
    ids = cache.get(key)
    if ids is None:
        ids = {
            name: page.pk if page is not None else None
            for name, page in legal_pages(site).items()
        }
        cache.set(key, ids, 3600)
    return ids


def privacy_version(site) -> str:
    """The version of the privacy notice shown now: "r" and the page's
    published revision (its text can be read again in the page history);
    "none" when the site has no privacy page."""
    page = legal_pages(site)["privacy"]
    if page is None or page.live_revision_id is None:
        return "none"
    return f"r{page.live_revision_id}"


def account_consent_record(*, user, version: str, at=None) -> PrivacyConsent:
    """Record (or renew) the consent a person gave at sign-up."""
    consent, _created = PrivacyConsent.objects.update_or_create(
        user=user, defaults={"version": version, "given_at": at or timezone.now()}
    )
    return consent


# Withdrawal


def delivered_on(order: Order) -> datetime.date | None:
    """The day the order was delivered: its first move to "delivered" (a
    cash order moves on to "paid" once the courier brings the money)."""
    event = (
        OrderEvent.objects.filter(
            order=order,
            kind=OrderEvent.Kind.STATUS,
            to_status=OrderStatus.DELIVERED,
        )
        .order_by("created_at", "pk")
        .first()
    )
    return timezone.localdate(event.created_at) if event else None


@dataclass(frozen=True)
class WithdrawalWindow:
    applies: bool  # the order's channel gives the right at all
    open: bool
    delivered_on: datetime.date | None
    ends_on: datetime.date | None
    reason: str  # why it is not open, for the buyer

    def __bool__(self):
        return self.open


def withdrawal_window(order: Order, *, today=None) -> WithdrawalWindow:
    today = today or timezone.localdate()
    if order.channel not in WITHDRAWAL_CHANNELS:
        return WithdrawalWindow(False, False, None, None, "")
    day = delivered_on(order)
    if day is None or order.status == OrderStatus.CANCELLED:
        return WithdrawalWindow(
            True,
            False,
            None,
            None,
            _(
                "You can withdraw from your purchase once your order has been "
                "delivered, within %(days)s days of delivery."
            )
            % {"days": WITHDRAWAL_DAYS},
        )
    ends = day + datetime.timedelta(days=WITHDRAWAL_DAYS)
    if today > ends:
        return WithdrawalWindow(
            True,
            False,
            day,
            ends,
            _("The %(days)s-day withdrawal period ended on %(date)s.")
            % {"days": WITHDRAWAL_DAYS, "date": date_format(ends, "DATE_FORMAT")},
        )
    return WithdrawalWindow(True, True, day, ends, "")


def withdrawable_quantities(order: Order) -> dict[int, int]:
    """Per order line, the units the buyer may still withdraw: not refunded
    and not in an open request."""
    refunded = refunded_quantities(order)
    asked: dict[int, int] = {}
    for line_id, quantity in WithdrawalLine.objects.filter(
        request__order=order, request__status=WithdrawalStatus.OPEN
    ).values_list("order_line_id", "quantity"):
        asked[line_id] = asked.get(line_id, 0) + quantity
    left = {}
    for line_id, quantity in order.lines.values_list("pk", "quantity"):
        remaining = quantity - refunded.get(line_id, 0) - asked.get(line_id, 0)
        if remaining > 0:
            left[line_id] = remaining
    return left


class WithdrawalError(Exception):
    """The request cannot be made; `problems` are for the buyer, `field` the
    form field they belong to (None: the whole form)."""

    def __init__(self, *problems: str, field: str | None = None):
        self.problems = list(problems)
        self.field = field
        super().__init__("; ".join(self.problems))


@transaction.atomic
def withdrawal_request_create(
    *,
    order_id: int,
    quantities: dict[int, int],
    reason: str,
    comment: str = "",
    form_token: str,
    today=None,
) -> WithdrawalRequest:
    """Record the buyer's withdrawal of `quantities` ({order line id:
    units}) from a delivered order, within the withdrawal period.

    Under the order's row lock: the same form sent again (its one-time
    `form_token`) returns the request it made; units already refunded or
    asked for in an open request cannot be asked for again. After the
    commit the buyer gets an acknowledgement and staff are told."""
    if not form_token or len(form_token) > 64:
        raise WithdrawalError(_("This form has expired: please send it again."))
    order = Order.objects.select_for_update().get(pk=order_id)
    made = WithdrawalRequest.objects.filter(form_token=form_token).first()
    if made is not None:
        if made.order_id != order.pk:
            raise WithdrawalError(_("This form has expired: please send it again."))
        return made
    window = withdrawal_window(order, today=today)
    if not window.open:
        raise WithdrawalError(
            window.reason or _("This order cannot be withdrawn from.")
        )
    if reason not in WithdrawalReason.values:
        raise WithdrawalError(_("Please choose a reason."), field="reason")
    left = withdrawable_quantities(order)
    wanted = {line_id: units for line_id, units in quantities.items() if units}
    if not wanted:
        raise WithdrawalError(
            _("Please give the quantity of at least one product to return."),
            field="lines",
        )
    problems = []
    names = dict(order.lines.values_list("pk", "product_name"))
    for line_id, units in wanted.items():
        if line_id not in names:
            raise WithdrawalError(_("This product is not in the order."), field="lines")
        if units < 0 or units > left.get(line_id, 0):
            problems.append(
                _("“%(name)s”: at most %(count)s can be returned.")
                % {"name": names[line_id], "count": left.get(line_id, 0)}
            )
    if problems:
        raise WithdrawalError(*problems, field="lines")
    now = timezone.now()
    request = WithdrawalRequest.objects.create(
        order=order,
        reason=reason,
        comment=comment.strip()[:1000],
        requested_at=now,
        refund_due_on=timezone.localdate(now) + datetime.timedelta(days=REFUND_DAYS),
        form_token=form_token,
    )
    WithdrawalLine.objects.bulk_create(
        [
            WithdrawalLine(request=request, order_line_id=line_id, quantity=units)
            for line_id, units in sorted(wanted.items())
        ]
    )
    OrderEvent.objects.create(
        order=order,
        kind=OrderEvent.Kind.NOTE,
        message=f"withdrawal request #{request.pk}",
    )
    from shop.consumer_emails import send_withdrawal_notice, send_withdrawal_received

    # Only a request made now: the same form sent again returned above.
    transaction.on_commit(lambda: send_withdrawal_received.enqueue(request.pk))
    transaction.on_commit(lambda: send_withdrawal_notice.enqueue(request.pk))
    return request


@transaction.atomic
def withdrawal_refunded(*, withdrawal_id: int, refund) -> WithdrawalRequest | None:
    """Staff refunded an open request through the refund flow: it is done.
    A refund of another order changes nothing."""
    request = (
        WithdrawalRequest.objects.select_for_update()
        .filter(pk=withdrawal_id, order_id=refund.order_id)
        .first()
    )
    if request is None or request.status != WithdrawalStatus.OPEN:
        return None
    request.status = WithdrawalStatus.REFUNDED
    request.refund = refund
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "refund", "closed_at"])
    return request


@transaction.atomic
def withdrawal_close(*, withdrawal_id: int, user, note: str) -> WithdrawalRequest:
    """Staff close an open request without a refund (the goods never came
    back, or were opened): the note says why, and its units may be asked
    for again within the period."""
    request = WithdrawalRequest.objects.select_for_update().get(pk=withdrawal_id)
    if request.status != WithdrawalStatus.OPEN:
        raise WithdrawalError(_("This withdrawal request is already closed."))
    if not note.strip():
        raise WithdrawalError(_("Please say why the request is closed."), field="note")
    request.status = WithdrawalStatus.CLOSED
    request.closed_at = timezone.now()
    request.closed_by = user
    request.staff_note = note.strip()[:2000]
    request.save(update_fields=["status", "closed_at", "closed_by", "staff_note"])
    OrderEvent.objects.create(
        order_id=request.order_id,
        kind=OrderEvent.Kind.NOTE,
        message=f"withdrawal request #{request.pk} closed: {request.staff_note}",
        user=user,
    )
    return request


def withdrawal_lines(request: WithdrawalRequest) -> list[tuple[OrderLine, int]]:
    return [
        (line.order_line, line.quantity)
        for line in request.lines.select_related("order_line")
    ]
