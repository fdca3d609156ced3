"""The sync request as a device sends it, checked field by field before any
row is touched: whatever arrives (a truncated body, wrong types, huge
numbers, a hostile script) is either a list of well-formed sales or a
refusal naming what is wrong, never an exception."""

import datetime
import json
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pos.models import PaymentMethod

MAX_BODY_BYTES = 512 * 1024
MAX_SALES = 200
MAX_LINES = 50
MAX_UNITS = 999
MAX_CENTIMES = 10_000_000  # 100,000 MAD: more is a typing slip, not a sale
_BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


class PayloadError(ValueError):
    """The request cannot be read; the message is for the log, not a person."""


@dataclass(frozen=True)
class SaleLineInput:
    lot_id: int
    quantity: int


@dataclass(frozen=True)
class SaleInput:
    id: uuid.UUID
    device_id: uuid.UUID
    receipt_number: int
    made_at: datetime.datetime
    language: str
    payment_method: str
    cash_received: int
    card_reference: str
    lines: tuple[SaleLineInput, ...]


def _int(value, *, low: int, high: int, name: str) -> int:
    # bool is an int in Python: true is not a quantity.
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadError(f"{name} must be an integer")
    if not low <= value <= high:
        raise PayloadError(f"{name} out of range")
    return value


def _uuid(value, *, name: str) -> uuid.UUID:
    if not isinstance(value, str) or len(value) > 40:
        raise PayloadError(f"{name} must be a UUID")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise PayloadError(f"{name} must be a UUID") from None


def _made_at(value) -> datetime.datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise PayloadError("made_at must be a date and time")
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise PayloadError("made_at must be a date and time")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def _lines(value) -> tuple[SaleLineInput, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_LINES:
        raise PayloadError("lines must be a list of 1 to 50 lines")
    lines = []
    for raw in value:
        if not isinstance(raw, dict):
            raise PayloadError("a line must be an object")
        lines.append(
            SaleLineInput(
                lot_id=_int(raw.get("lot"), low=1, high=2**62, name="lot"),
                quantity=_int(
                    raw.get("quantity"), low=1, high=MAX_UNITS, name="quantity"
                ),
            )
        )
    return tuple(lines)


def sale_parse(raw, *, device_id: uuid.UUID) -> SaleInput:
    if not isinstance(raw, dict):
        raise PayloadError("a sale must be an object")
    method = raw.get("payment_method")
    if method not in PaymentMethod.values:
        raise PayloadError("unknown payment method")
    reference = raw.get("card_reference", "")
    if not isinstance(reference, str) or len(reference) > 60:
        raise PayloadError("card_reference must be a short text")
    # PostgreSQL stores no NUL; no terminal prints a control character; a
    # bidi override would turn the reference around on receipts and lists.
    if any(
        unicodedata.category(char) in {"Cc", "Cs"}
        or unicodedata.bidirectional(char) in _BIDI_CONTROLS
        for char in reference
    ):
        raise PayloadError("card_reference holds a control character")
    language = raw.get("language")
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = settings.LANGUAGE_CODE
    return SaleInput(
        id=_uuid(raw.get("id"), name="id"),
        device_id=device_id,
        receipt_number=_int(
            raw.get("receipt_number"), low=1, high=2**31 - 1, name="receipt_number"
        ),
        made_at=_made_at(raw.get("made_at")),
        language=language,
        payment_method=method,
        cash_received=_int(
            raw.get("cash_received", 0), low=0, high=MAX_CENTIMES, name="cash"
        ),
        card_reference=reference.strip(),
        lines=_lines(raw.get("lines")),
    )


def sync_parse(body: bytes) -> tuple[uuid.UUID, list]:
    """The device's id and its sales, each a SaleInput or the PayloadError
    that refused it (one bad sale does not hold back the others)."""
    if len(body) > MAX_BODY_BYTES:
        raise PayloadError("body too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PayloadError("body is not JSON") from None
    if not isinstance(data, dict):
        raise PayloadError("body must be an object")
    device_id = _uuid(data.get("device"), name="device")
    sales = data.get("sales")
    if not isinstance(sales, list) or len(sales) > MAX_SALES:
        raise PayloadError("sales must be a list of at most 200 sales")
    parsed = []
    for raw in sales:
        try:
            parsed.append(sale_parse(raw, device_id=device_id))
        except PayloadError as error:
            sale_id = raw.get("id") if isinstance(raw, dict) else None
            # Echoed so the device can mark it; an id is never longer.
            echo = sale_id[:40] if isinstance(sale_id, str) else None
            parsed.append((echo, error))
    return device_id, parsed
