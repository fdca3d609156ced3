"""Writes of the business side: applying, approving, asking for a quote,
sending its pro-forma and accepting it.

Accepting a pro-forma places the order through shop's one order path
(`order_lines_lock` then `order_create`, priced by `shop.pricing`), at the
prices the pro-forma agreed, paid by bank transfer on the client's terms."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cooperatives.choices import SalesChannel
from cooperatives.validators import normalise_digits
from shop.models import OrderEvent
from shop.payments.base import UnknownProvider, get_provider
from shop.services.orders import OrderError, WantedLine, order_create, order_lines_lock
from trade.emails import send_proforma
from trade.models import (
    AccountStatus,
    BusinessAccount,
    BusinessMember,
    Quote,
    QuoteLine,
    QuoteStatus,
)
from trade.selectors import RowCheck, price_items, quote_lines, quote_priced

PAYMENT_METHOD = "transfer"
MAX_ROWS = 50


class TradeError(Exception):
    """Refused; `problems` are messages in the reader's language, `field`
    the form field they belong to, if one."""

    def __init__(self, *problems: str, field: str | None = None):
        self.problems = list(problems)
        self.field = field
        super().__init__("; ".join(self.problems))


def proforma_validity_days() -> int:
    return getattr(settings, "TRADE_PROFORMA_VALIDITY_DAYS", 15)


# --- accounts ---------------------------------------------------------------


ACCOUNT_FIELDS = (
    "company_name",
    "address",
    "city",
    "country",
    "contact_name",
    "email",
    "phone",
    "language",
)


def account_apply(*, ice: str, user=None, **fields) -> tuple[BusinessAccount, bool]:
    """Record a company's application, once per ICE: applying again (or
    twice at once) finds the first application and changes nothing.
    Returns (account, created)."""
    ice = normalise_digits(ice)
    try:
        with transaction.atomic():
            account = BusinessAccount.objects.create(
                ice=ice,
                applicant=user if getattr(user, "is_authenticated", False) else None,
                **{name: fields[name] for name in ACCOUNT_FIELDS if name in fields},
            )
        return account, True
    except IntegrityError:
        return BusinessAccount.objects.get(ice=ice), False


@transaction.atomic
def account_approve(
    *,
    account_id: int,
    group_id: int,
    payment_terms_days: int | None = None,
    member_emails: tuple[str, ...] = (),
    user=None,
) -> BusinessAccount:
    """Approve a company into a client group and link its members' customer
    accounts (the applicant's, and those of `member_emails`, which must
    exist and buy for no other company). Approving again changes the group
    or terms and adds members; nothing is linked twice."""
    account = BusinessAccount.objects.select_for_update().get(pk=account_id)
    User = get_user_model()
    users, unknown = [], []
    for email in member_emails:
        found = User.objects.filter(email__iexact=email.strip()).order_by("pk").first()
        if found is None:
            unknown.append(email.strip())
        else:
            users.append(found)
    if unknown:
        raise TradeError(
            _("No customer account has this email: %(emails)s.")
            % {"emails": ", ".join(unknown)},
            field="member_emails",
        )
    if account.applicant_id:
        users.insert(0, account.applicant)
    taken = (
        BusinessMember.objects.filter(user__in=users)
        .exclude(account=account)
        .select_related("user")
    )
    if taken:
        raise TradeError(
            _("Already buying for another company: %(emails)s.")
            % {"emails": ", ".join(member.user.email for member in taken)},
            field="member_emails",
        )
    for member in users:
        BusinessMember.objects.get_or_create(user=member, defaults={"account": account})
    account.group_id = group_id
    if payment_terms_days is not None:
        account.payment_terms_days = payment_terms_days
    if account.status != AccountStatus.APPROVED:
        account.status = AccountStatus.APPROVED
        account.approved_at = timezone.now()
        account.approved_by = user
    account.save()
    return account


@transaction.atomic
def account_reject(*, account_id: int, user=None) -> BusinessAccount:
    account = BusinessAccount.objects.select_for_update().get(pk=account_id)
    account.status = AccountStatus.REJECTED
    account.save(update_fields=["status"])
    return account


# --- quick order and quote requests ----------------------------------------


def order_rows_check(group_id: int, rows: list[tuple[str, int]]) -> list[RowCheck]:
    """Check quick-order rows (SKU, quantity) against the group's price
    list: each row gets its price or the reason it is refused (unknown SKU,
    below the minimum, not a whole number of cases, the same SKU twice)."""
    skus = [sku.strip().upper() for sku, _q in rows]
    items = {item.variant.sku: item for item in price_items(group_id, skus=skus)}
    seen: set[str] = set()
    checked = []
    for sku, (_raw, quantity) in zip(skus, rows, strict=True):
        item = items.get(sku)
        error, field = None, "quantity"
        if item is None:
            error, field = (
                _("Unknown SKU “%(sku)s”, or not on your price list.") % {"sku": sku},
                "sku",
            )
        elif sku in seen:
            error, field = _("This SKU is already on another row."), "sku"
        elif quantity < 1:
            error = _("Enter a quantity of at least 1.")
        elif quantity < item.minimum_quantity:
            error = _("The minimum for this item is %(min)s units.") % {
                "min": item.minimum_quantity
            }
        elif quantity % item.case_size:
            error = _(
                "Sold by cases of %(case)s units: order a multiple of %(case)s."
            ) % {"case": item.case_size}
        seen.add(sku)
        price = item.unit_price_for(quantity) if item and not error else None
        if item is not None and not error and price is None:
            error = _("No price for this quantity.")
        checked.append(
            RowCheck(
                sku=sku,
                quantity=quantity,
                item=item if not error else None,
                unit_price=price,
                error=error,
                field=field,
            )
        )
    return checked


def quote_request(
    *,
    account: BusinessAccount,
    user,
    rows: list[tuple[str, int]],
    token: str,
    note: str = "",
    language: str,
) -> Quote:
    """Ask for a quote for `rows` (SKU, quantity) at the group's prices.
    The same form (`token`) sent again finds the first quote. Raises
    TradeError if any row is refused, with nothing recorded."""
    existing = Quote.objects.filter(request_token=token, account=account).first()
    if existing is not None:
        return existing
    if not account.is_approved:
        raise TradeError(_("Your company account is not approved yet."))
    if not rows:
        raise TradeError(_("Enter at least one SKU and its quantity."))
    if len(rows) > MAX_ROWS:
        raise TradeError(_("At most %(max)s rows.") % {"max": MAX_ROWS})
    checked = order_rows_check(account.group_id, rows)
    problems = [row.error for row in checked if row.error]
    if problems:
        raise TradeError(*problems)
    try:
        with transaction.atomic():
            quote = Quote.objects.create(
                account=account,
                number=f"tmp-{token[:16]}",
                language=language,
                requested_by=user,
                client_note=note[:2000],
                payment_terms_days=account.payment_terms_days,
                request_token=token,
            )
            quote.number = f"PF-{timezone.localdate().year}-{quote.pk:05d}"
            quote.save(update_fields=["number"])
            QuoteLine.objects.bulk_create(
                [
                    QuoteLine(
                        quote=quote,
                        variant=row.item.variant,
                        quantity=row.quantity,
                        unit_price=row.unit_price,
                        sort_order=index,
                    )
                    for index, row in enumerate(checked)
                ]
            )
    except IntegrityError:
        # The same form sent twice at once: the other request recorded it.
        return Quote.objects.get(request_token=token, account=account)
    return quote


# --- pro-forma ---------------------------------------------------------------


@transaction.atomic
def quote_send(*, quote_id: int, user=None, today: datetime.date | None = None):
    """Freeze the quote as a pro-forma the client can accept until its
    validity date (by default `TRADE_PROFORMA_VALIDITY_DAYS` from today),
    and email it to the client once the transaction commits. Sending again
    changes nothing."""
    quote = Quote.objects.select_for_update().get(pk=quote_id)
    today = today or timezone.localdate()
    if quote.status == QuoteStatus.SENT:
        return quote
    if quote.status != QuoteStatus.REQUESTED:
        raise TradeError(_("This quote can no longer be sent."))
    lines = quote_lines(quote)
    if not lines:
        raise TradeError(_("A pro-forma needs at least one line."))
    if quote.valid_until is None:
        quote.valid_until = today + datetime.timedelta(days=proforma_validity_days())
    elif quote.valid_until < today:
        raise TradeError(
            _("The validity date is already past: choose a later one."),
            field="valid_until",
        )
    quote.status = QuoteStatus.SENT
    quote.sent_at = timezone.now()
    quote.save(update_fields=["status", "sent_at", "valid_until"])
    transaction.on_commit(lambda: send_proforma.enqueue(quote.pk))
    return quote


@transaction.atomic
def quote_cancel(*, quote_id: int, user=None) -> Quote:
    quote = Quote.objects.select_for_update().get(pk=quote_id)
    if quote.status == QuoteStatus.ACCEPTED:
        raise TradeError(_("An accepted quote is an order: cancel the order."))
    quote.status = QuoteStatus.CANCELLED
    quote.save(update_fields=["status"])
    return quote


def _one_line(text: str, limit: int) -> str:
    return ", ".join(part.strip() for part in text.splitlines() if part.strip())[:limit]


def _buyer_ice(account: BusinessAccount) -> dict:
    """The company's ICE for the order: its invoices show it."""
    return {"buyer_ice": account.ice}


@transaction.atomic
def quote_accept(
    *, quote_id: int, account: BusinessAccount, user, day: datetime.date | None = None
):
    """The client accepts its pro-forma: the order is placed once, at the
    pro-forma's prices and delivery, through shop's one order path (stock
    taken under the variants' locks), channel wholesale (export outside
    Morocco), paid by bank transfer, due after the client's terms. Accepting
    again returns the same order; an expired pro-forma is refused."""
    day = day or timezone.localdate()
    quote = (
        Quote.objects.select_for_update().filter(pk=quote_id, account=account).first()
    )
    if quote is None:
        raise Quote.DoesNotExist
    if quote.status == QuoteStatus.ACCEPTED:
        return quote.order
    if quote.status != QuoteStatus.SENT:
        raise TradeError(_("This quote has no pro-forma to accept."))
    if quote.valid_until is None or quote.valid_until < day:
        raise TradeError(
            _("This pro-forma expired on %(date)s: ask us for a new one.")
            % {"date": date_format(quote.valid_until, "DATE_FORMAT")}
        )
    lines = quote_lines(quote)
    try:
        locked = order_lines_lock(
            [
                WantedLine(
                    variant_id=line.variant_id,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                )
                for line in lines
            ],
            day=day,
        )
        # Priced from the lines as locked (the pro-forma's prices), as the
        # pro-forma PDF was.
        priced = quote_priced(quote, lines)
        channel = SalesChannel.EXPORT if account.is_export else SalesChannel.WHOLESALE
        with translation.override(quote.language):
            delivery_name = _("Delivery agreed in pro-forma %(number)s") % {
                "number": quote.number
            }
        order = order_create(
            locked=locked,
            priced=priced,
            day=day,
            number_prefix="EX" if channel == SalesChannel.EXPORT else "WH",
            language=quote.language,
            user=user,
            email=account.email,
            phone=account.phone[:30],
            full_name=account.company_name[:120],
            address_line=_one_line(account.address, 255),
            city=account.city[:80],
            country=account.country,
            channel=channel,
            payment_method=PAYMENT_METHOD,
            delivery_name=delivery_name[:100],
            incoterm=quote.incoterm if account.is_export else "",
            payment_due_on=day + datetime.timedelta(days=quote.payment_terms_days),
            **_buyer_ice(account),
        )
    except OrderError as error:
        raise TradeError(*error.problems) from error
    OrderEvent.objects.create(
        order=order,
        kind=OrderEvent.Kind.NOTE,
        message=f"pro-forma {quote.number}",
        user=user,
    )
    try:
        get_provider(PAYMENT_METHOD, business=True).start(order=order)
    except UnknownProvider:
        pass  # left placed: staff record the transfers all the same
    quote.status = QuoteStatus.ACCEPTED
    quote.accepted_at = timezone.now()
    quote.order = order
    quote.save(update_fields=["status", "accepted_at", "order"])
    return order
