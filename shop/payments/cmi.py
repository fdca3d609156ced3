"""Moroccan cards through CMI's hosted payment page: the NestPay / EST
"3D_PAY_HOSTING" protocol, with hash version 3. The only module that speaks
it; no Python client exists, so this one follows the protocol as the public
clients in other languages and CMI's merchant kit describe it.

The flow: the pay page posts a signed form to the gateway (`form_fields`);
the buyer types the card on the gateway's page, never on ours; the gateway
posts the signed result to our callback, server to server, before it sends
the buyer back to okUrl or failUrl. The callback is the only proof of
payment (`callback_verify`); the status API (`status_query`) settles an
order whose callback never came.

Hash ver3: every posted field but `hash` and `encoding`, names sorted without
regard to case, each value trimmed and escaped (`\\` and `|`), joined with
`|`, then the escaped store key; SHA-512; base64 of the raw digest. The store
key never leaves the server.
"""

import base64
import hashlib
import re
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop.orders.states import OrderStatus, order_transition
from shop.payments.base import PaymentProvider

CURRENCY_MAD = "504"  # ISO 4217 numeric code of the dirham
STORE_TYPE = "3D_PAY_HOSTING"
# An authorisation the gateway captures when our callback answers POSTAUTH:
# a payment we cannot accept (an order cancelled meanwhile) is never taken.
TRAN_TYPE = "PreAuth"
HASH_ALGORITHM = "ver3"
LANGUAGES = ("ar", "fr", "en")

# What the callback answers: capture the money; acknowledged (a failed try,
# or a success we do not capture); our own error (the acquirer's staff then
# capture or void by hand).
POSTAUTH = "ACTION=POSTAUTH"
APPROVED = "APPROVED"
FAILURE = "FAILURE"

_UNSIGNED = frozenset({"hash", "encoding"})
# PHP's trim(), which the merchant kits use: not Python's wider idea of space.
_TRIM = " \t\n\r\x00\x0b"
_AMOUNT = re.compile(r"([0-9]{1,9})(?:\.([0-9]{1,2}))?")
# Signed callbacks we read: none has more fields or longer values.
MAX_FIELDS = 200
MAX_VALUE = 4000
REQUIRED = ("clientid", "oid", "amount", "currency")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def hash_ver3(fields, store_key: str) -> str:
    """The ver3 hash of `fields` (a mapping of names to strings)."""
    names = sorted((n for n in fields if n.lower() not in _UNSIGNED), key=str.upper)
    plain = "".join(_escape(str(fields[n]).strip(_TRIM)) + "|" for n in names)
    digest = hashlib.sha512((plain + _escape(store_key)).encode()).digest()
    return base64.b64encode(digest).decode("ascii")


def amount_text(centimes: int) -> str:
    """Dirhams with two decimals, as the gateway takes them: 12345 -> 123.45."""
    return f"{centimes // 100}.{centimes % 100:02d}"


def amount_centimes(text: str) -> int | None:
    """The amount the gateway wrote ("123.45", "123.4", "123") in centimes;
    None for anything else (a sign, an exponent, three decimals)."""
    match = _AMOUNT.fullmatch(text or "")
    if match is None:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


def is_configured() -> bool:
    return bool(
        settings.CMI_CLIENT_ID and settings.CMI_STORE_KEY and settings.CMI_GATEWAY_URL
    )


def api_available() -> bool:
    """Status queries, captures and refunds through the gateway's API."""
    return is_configured() and bool(
        settings.CMI_API_URL and settings.CMI_API_USER and settings.CMI_API_PASSWORD
    )


class CmiProvider(PaymentProvider):
    """Moroccan cards (and most others) on the CMI's 3-D Secure page; the
    order waits for the gateway's callback."""

    code = "cmi"
    label = _("Card (Morocco, CMI)")
    description = _(
        "Pay by bank card on the secure page of the CMI, the Moroccan "
        "interbank payment centre."
    )
    online = True

    def is_available(self) -> bool:
        return is_configured()

    def start(self, *, order) -> None:
        order_transition(
            order=order, to=OrderStatus.AWAITING_PAYMENT, message="card payment (CMI)"
        )

    def next_url(self, order) -> str | None:
        return (
            reverse("shop:cmi_pay", kwargs={"number": order.number})
            + f"?token={order.access_token}"
        )


def form_fields(order, *, ok_url, fail_url, callback_url, shop_url) -> dict:
    """The fields the pay page posts to the gateway, signed. A fresh `rnd`
    each time: the page can be shown again for another try."""
    language = order.language if order.language in LANGUAGES else "fr"
    fields = {
        "clientid": settings.CMI_CLIENT_ID,
        "oid": order.number,
        "amount": amount_text(order.total),
        "currency": CURRENCY_MAD,
        "okUrl": ok_url,
        "failUrl": fail_url,
        "callbackUrl": callback_url,
        "shopurl": shop_url,
        "TranType": TRAN_TYPE,
        "storetype": STORE_TYPE,
        "lang": language,
        "rnd": secrets.token_hex(10),
        "hashAlgorithm": HASH_ALGORITHM,
        "BillToName": order.full_name,
        "email": order.email,
        "tel": order.phone,
        "encoding": "UTF-8",
    }
    fields["hash"] = hash_ver3(fields, settings.CMI_STORE_KEY)
    return fields


class CallbackRejected(Exception):
    """A callback we cannot trust or read; answered FAILURE, never stored."""


def callback_verify(post) -> dict[str, str]:
    """The callback's fields if the gateway signed them with our store key
    and they name our store, an order, an amount and a currency; raises
    CallbackRejected if not. `post` is the request's QueryDict."""
    fields: dict[str, str] = {}
    folded: set[str] = set()
    for name, values in post.lists():
        if len(values) != 1 or name.lower() in folded:
            raise CallbackRejected(f"field {name[:40]!r} given more than once")
        value = values[0]
        if "\x00" in name or "\x00" in value:
            raise CallbackRejected("NUL character")
        if len(name) > 100 or len(value) > MAX_VALUE:
            raise CallbackRejected("field too long")
        folded.add(name.lower())
        fields[name] = value
    if not fields or len(fields) > MAX_FIELDS:
        raise CallbackRejected("no fields, or too many")
    given = next((v for n, v in fields.items() if n.lower() == "hash"), "")
    expected = hash_ver3(fields, settings.CMI_STORE_KEY)
    if not given or not secrets.compare_digest(
        given.encode("utf-8"), expected.encode("ascii")
    ):
        raise CallbackRejected("hash does not match")
    missing = [name for name in REQUIRED if not fields.get(name)]
    if missing:
        raise CallbackRejected(f"missing {', '.join(missing)}")
    if fields["clientid"] != settings.CMI_CLIENT_ID:
        raise CallbackRejected("another store's callback")
    return fields


def callback_id(fields: dict[str, str]) -> str:
    """What a callback is stored under: the gateway's signature of exactly
    these fields, so a repeat is the same callback and another try is not."""
    return next(v for n, v in fields.items() if n.lower() == "hash")


def callback_succeeded(fields: dict[str, str]) -> bool:
    """The card was authorised: ProcReturnCode 00 (a 3-D Secure failure
    comes with none)."""
    return fields.get("ProcReturnCode") == "00"


# The gateway's API: XML over HTTPS (CC5Request / CC5Response). ---------------


class GatewayError(Exception):
    """The gateway's API did not answer, or answered something unreadable."""


@dataclass(frozen=True)
class ApiAnswer:
    response: str  # "Approved", "Declined" or "Error"
    proc_return_code: str
    error: str = ""
    order_id: str = ""
    trans_id: str = ""
    host_ref: str = ""
    auth_code: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def approved(self) -> bool:
        return self.response == "Approved" and self.proc_return_code == "00"

    @property
    def transaction_status(self) -> str:
        """Of a status query: A (authorised, not captured), C (captured), S
        (settled), V (voided), D (declined); empty when no transaction."""
        return self.extra.get("TRANS_STAT", "") if self.approved else ""

    @property
    def captured(self) -> bool:
        return self.transaction_status in {"C", "S"}

    @property
    def authorised(self) -> bool:
        return self.transaction_status == "A"

    @property
    def amount(self) -> int | None:
        """Of a status query: the amount authorised, in centimes (the API
        writes minor units here)."""
        raw = self.extra.get("ORIG_TRANS_AMT", "")
        return int(raw) if re.fullmatch(r"[0-9]{1,11}", raw) else None


def _post(body: bytes) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - our configured https URL
        settings.CMI_API_URL,
        data=body,
        headers={"Content-Type": "application/xml; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.CMI_API_TIMEOUT
        ) as response:
            return response.read(1_000_000)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise GatewayError(f"CMI API unreachable: {error}") from error


def _request_xml(elements: dict[str, str], extra: dict[str, str] | None) -> bytes:
    root = ElementTree.Element("CC5Request")
    credentials = {
        "Name": settings.CMI_API_USER,
        "Password": settings.CMI_API_PASSWORD,
        "ClientId": settings.CMI_CLIENT_ID,
    }
    for name, value in {**credentials, **elements}.items():
        ElementTree.SubElement(root, name).text = value
    if extra:
        extra_element = ElementTree.SubElement(root, "Extra")
        for name, value in extra.items():
            ElementTree.SubElement(extra_element, name).text = value
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _parse_answer(raw: bytes) -> ApiAnswer:
    # No document type, so no entity can expand: what the API sends is plain.
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise GatewayError("CMI API answer with a document type")
    try:
        root = ElementTree.fromstring(raw)  # noqa: S314 - no DTD, checked above
    except ElementTree.ParseError as error:
        raise GatewayError(f"CMI API answer is not XML: {error}") from error
    if root.tag != "CC5Response":
        raise GatewayError(f"CMI API answer is a {root.tag[:40]}")

    def text(name: str) -> str:
        element = root.find(name)
        return (element.text or "").strip() if element is not None else ""

    extra_element = root.find("Extra")
    extra = (
        {child.tag: (child.text or "").strip() for child in extra_element}
        if extra_element is not None
        else {}
    )
    return ApiAnswer(
        response=text("Response"),
        proc_return_code=text("ProcReturnCode"),
        error=text("ErrMsg"),
        order_id=text("OrderId"),
        trans_id=text("TransId"),
        host_ref=text("HostRefNum"),
        auth_code=text("AuthCode"),
        extra=extra,
    )


def _call(elements: dict[str, str], extra: dict[str, str] | None = None) -> ApiAnswer:
    if not api_available():
        raise GatewayError("the CMI API is not configured")
    return _parse_answer(_post(_request_xml(elements, extra)))


def status_query(order_number: str) -> ApiAnswer:
    """What the gateway knows of the order's payment."""
    return _call({"OrderId": order_number}, {"ORDERSTATUS": "QUERY"})


def postauth(order_number: str) -> ApiAnswer:
    """Capture the authorisation of an order (what POSTAUTH asks)."""
    return _call({"Type": "PostAuth", "OrderId": order_number})


def credit(order_number: str, amount: int) -> ApiAnswer:
    """Refund `amount` centimes of the order's captured payment."""
    return _call(
        {
            "Type": "Credit",
            "OrderId": order_number,
            "Total": amount_text(amount),
            "Currency": CURRENCY_MAD,
        }
    )
