"""A fake CMI gateway (NestPay "3D_PAY_HOSTING", hash ver3) for tests and
the demo, like localstripe for Stripe. Never for real payments.

    .venv/bin/python scripts/fake_cmi.py --port 8421

It plays the three parts of the real gateway the shop talks to:

- the hosted payment page (POST /fim/est3Dgate): checks the store and the
  form's hash, then shows a card form. Test cards: 4111 1111 1111 1111 is
  approved, 4000 0000 0000 0002 declined by the bank (code 05), and
  4000 0000 0000 0101 (and any other number) fails 3-D Secure (no
  authorisation is tried);
- the callback: when the card form is sent, the signed result is posted to
  the shop's callbackUrl, server to server, before the buyer's browser is
  sent back to okUrl or failUrl with the same fields. An approved
  authorisation is captured when the shop answers ACTION=POSTAUTH. Options
  (per server, or per payment on the card form): send a declined try
  first, repeat the callback, delay it (the browser comes back first), or
  drop it (the shop must ask the status API);
- the API (POST /fim/api, CC5Request XML, raw or as the DATA form field):
  ORDERSTATUS queries, PostAuth (capture) and Credit (refund), answered in
  CC5Response XML with the API user's name and password.

Standard library only; it imports nothing of the shop, so its hash is a
second, independent implementation of the protocol. Tests run it in a
thread on a free loopback port (`start`).
"""

import argparse
import base64
import decimal
import hashlib
import html
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from xml.etree import ElementTree

APPROVE = "4111111111111111"
DECLINE = "4000000000000002"
FAIL_3DS = "4000000000000101"

DEMO = {
    "client_id": "600000001",
    "store_key": "TEST-STORE-KEY-1234",
    "api_user": "tadamon-api",
    "api_password": "demo-api-password",
}

TEXT = {
    "fr": {
        "title": "Paiement sécurisé (passerelle CMI de test)",
        "pan": "Numéro de carte",
        "expiry": "Date d'expiration (MM/AA)",
        "cvv": "Cryptogramme (CVV)",
        "pay": "Payer",
        "amount": "Montant",
        "merchant": "Commande",
    },
    "en": {
        "title": "Secure payment (test CMI gateway)",
        "pan": "Card number",
        "expiry": "Expiry date (MM/YY)",
        "cvv": "Security code (CVV)",
        "pay": "Pay",
        "amount": "Amount",
        "merchant": "Order",
    },
    "ar": {
        "title": "أداء آمن (بوابة CMI تجريبية)",
        "pan": "رقم البطاقة",
        "expiry": "تاريخ الانتهاء (شهر/سنة)",
        "cvv": "رمز الأمان (CVV)",
        "pay": "أداء",
        "amount": "المبلغ",
        "merchant": "الطلب",
    },
}


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def sign(fields: dict, store_key: str) -> str:
    """Hash ver3, written apart from the shop's own (shop.payments.cmi)."""
    names = [n for n in fields if n.lower() not in ("hash", "encoding")]
    names.sort(key=lambda n: n.upper())
    values = [_escape(fields[n].strip(" \t\n\r\x00\x0b")) for n in names]
    plain = "|".join([*values, _escape(store_key)])
    return base64.b64encode(hashlib.sha512(plain.encode("utf-8")).digest()).decode()


@dataclass
class Options:
    fail_first: bool = False  # a declined try's callback before the success
    repeat: int = 1  # each callback sent this many times
    delay: float = 0.0  # seconds: the callback follows the browser's return
    drop: bool = False  # no callback at all: the status API must tell


@dataclass
class Transaction:
    order_id: str
    trans_id: str
    amount: int  # centimes
    status: str  # A authorised, C captured, V voided, D declined
    proc_return_code: str
    auth_code: str = ""
    host_ref: str = ""
    credited: int = 0
    at: str = field(default_factory=lambda: datetime.now().strftime("%Y%m%d %H:%M:%S"))


@dataclass
class Callback:
    url: str
    fields: dict
    answer: str  # what the shop answered ("" when it could not be reached)
    status: int


class FakeCmi:
    """The gateway's state: sessions of the hosted page, transactions by
    order, every callback sent with the shop's answer, every API call."""

    def __init__(self, *, client_id, store_key, api_user, api_password, options=None):
        self.client_id, self.store_key = client_id, store_key
        self.api_user, self.api_password = api_user, api_password
        self.options = options or Options()
        self.sessions: dict[str, dict] = {}
        self.transactions: dict[str, list[Transaction]] = {}
        self.callbacks: list[Callback] = []
        self.api_calls: list[dict] = []
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []

    # WSGI ------------------------------------------------------------------
    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        routes = {
            ("POST", "/fim/est3Dgate"): self._gate,
            ("POST", "/fim/pay"): self._pay,
            ("POST", "/fim/api"): self._api,
        }
        handler = routes.get((method, path))
        if handler is None:
            status, content_type, text = "404 Not Found", "text/plain", "fake CMI"
        else:
            status, content_type, text = handler(body, environ)
        data = text.encode("utf-8")
        start_response(
            status,
            [
                ("Content-Type", f"{content_type}; charset=utf-8"),
                ("Content-Length", str(len(data))),
            ],
        )
        return [data]

    @staticmethod
    def _form(body: bytes) -> dict[str, str]:
        pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        return dict(pairs)

    # The hosted page -------------------------------------------------------
    def _gate(self, body, environ):
        fields = self._form(body)
        if fields.get("clientid") != self.client_id:
            return "400 Bad Request", "text/plain", "Unknown store (clientid)."
        if fields.get("hashAlgorithm") != "ver3" or not secrets.compare_digest(
            fields.get("hash", ""), sign(fields, self.store_key)
        ):
            return "400 Bad Request", "text/plain", "Hash mismatch."
        for name in ("oid", "amount", "currency", "okUrl", "failUrl", "callbackUrl"):
            if not fields.get(name):
                return "400 Bad Request", "text/plain", f"Missing {name}."
        session = secrets.token_urlsafe(16)
        with self.lock:
            self.sessions[session] = fields
        return "200 OK", "text/html", self._card_page(session, fields)

    def _card_page(self, session: str, fields: dict) -> str:
        lang = fields.get("lang") if fields.get("lang") in TEXT else "fr"
        text, esc = TEXT[lang], html.escape
        options = self.options
        checked = "checked" if options.fail_first else ""
        dropped = "checked" if options.drop else ""
        direction = "rtl" if lang == "ar" else "ltr"
        return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(text["title"])}</title></head><body>
<main><h1>{esc(text["title"])}</h1>
<p>{esc(text["merchant"])}: <bdi>{esc(fields["oid"])}</bdi> —
{esc(text["amount"])}: <bdi>{esc(fields["amount"])} MAD</bdi></p>
<form method="post" action="/fim/pay">
<input type="hidden" name="session" value="{session}">
<p><label>{esc(text["pan"])}
<input name="pan" inputmode="numeric" autocomplete="cc-number" dir="ltr"></label></p>
<p><label>{esc(text["expiry"])}
<input name="expiry" value="12/30" dir="ltr"></label></p>
<p><label>{esc(text["cvv"])} <input name="cvv" value="123" dir="ltr"></label></p>
<details><summary>Test cards and options</summary>
<p dir="ltr">{APPROVE} approved · {DECLINE} declined · {FAIL_3DS} 3-D Secure fails</p>
<p><label><input type="checkbox" name="fail_first" {checked}>
a declined try first</label></p>
<p><label><input type="checkbox" name="drop" {dropped}> no callback</label></p>
<p><label>callbacks sent <input name="repeat" value="{options.repeat}"></label></p>
<p><label>callback delay (s) <input name="delay" value="{options.delay}"></label></p>
</details>
<p><button type="submit">{esc(text["pay"])}</button></p>
</form></main></body></html>"""

    def _pay(self, body, environ):
        form = self._form(body)
        with self.lock:
            fields = self.sessions.pop(form.get("session", ""), None)
        if fields is None:
            return "400 Bad Request", "text/plain", "Unknown or used session."
        pan = re.sub(r"\D", "", form.get("pan", ""))
        options = Options(
            fail_first="fail_first" in form,
            repeat=max(0, min(int(form.get("repeat") or 1), 10)),
            delay=max(0.0, min(float(form.get("delay") or 0), 30.0)),
            drop="drop" in form,
        )
        tries = []
        if options.fail_first and pan == APPROVE:
            tries.append(self._attempt(fields, DECLINE))
        final = self._attempt(fields, pan)
        tries.append(final)
        if not options.drop:
            sender = threading.Thread(
                target=self._send_all, args=(tries, options), daemon=True
            )
            self.threads.append(sender)
            sender.start()
            if not options.delay:
                sender.join(timeout=60)
        approved = final[0].get("ProcReturnCode") == "00"
        target = fields["okUrl"] if approved else fields["failUrl"]
        return "200 OK", "text/html", self._return_page(target, final[0])

    def _attempt(self, fields: dict, pan: str):
        """The callback fields of one try with card `pan`, and its
        transaction (None when 3-D Secure failed: nothing was authorised)."""
        result = {k: v for k, v in fields.items() if k.lower() != "hash"}
        trans_id = f"{time.strftime('%y%j')}{secrets.randbelow(10**9):09d}"
        # Dirhams with two decimals, read exactly (no float): centimes.
        amount = int(decimal.Decimal(fields["amount"]).scaleb(2).to_integral_value())
        masked = (pan[:6] + "***" + pan[-4:]) if len(pan) >= 10 else "***"
        result.update(
            {
                "TransId": trans_id,
                "ReturnOid": fields["oid"],
                "MaskedPan": masked,
                "EXTRA.TRXDATE": datetime.now().strftime("%Y%m%d %H:%M:%S"),
                "acqStan": f"{secrets.randbelow(10**6):06d}",
                "clientIp": "127.0.0.1",
            }
        )
        transaction = None
        if pan == FAIL_3DS or pan not in (APPROVE, DECLINE):
            result.update(
                {
                    "mdStatus": "0",
                    "mdErrorMsg": "Not authenticated",
                    "Response": "Declined",
                    "ErrMsg": "3-D Secure authentication failed",
                }
            )
        elif pan == DECLINE:
            result.update(
                {
                    "mdStatus": "1",
                    "Response": "Declined",
                    "ProcReturnCode": "05",
                    "ErrMsg": "Do not honour",
                    "HostRefNum": f"{secrets.randbelow(10**12):012d}",
                }
            )
            transaction = Transaction(fields["oid"], trans_id, amount, "D", "05")
        else:
            auth_code = f"{secrets.randbelow(10**6):06d}"
            host_ref = f"{secrets.randbelow(10**12):012d}"
            result.update(
                {
                    "mdStatus": "1",
                    "Response": "Approved",
                    "ProcReturnCode": "00",
                    "AuthCode": auth_code,
                    "HostRefNum": host_ref,
                    "ErrMsg": "",
                }
            )
            transaction = Transaction(
                fields["oid"], trans_id, amount, "A", "00", auth_code, host_ref
            )
        result["HASH"] = sign(result, self.store_key)
        if transaction is not None:
            with self.lock:
                self.transactions.setdefault(fields["oid"], []).append(transaction)
        return result, transaction

    def _send_all(self, tries, options: Options) -> None:
        if options.delay:
            time.sleep(options.delay)
        for result, transaction in tries:
            for _ in range(options.repeat):
                answer = self.send_callback(result)
                if transaction is not None and answer == "ACTION=POSTAUTH":
                    with self.lock:
                        if transaction.status == "A":
                            transaction.status = "C"

    def send_callback(self, result: dict) -> str:
        """Post one callback to the shop; its answer ("" if unreachable)."""
        data = urllib.parse.urlencode(result).encode("utf-8")
        request = urllib.request.Request(result["callbackUrl"], data=data)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answer, status = response.read(1000).decode().strip(), response.status
        except urllib.error.HTTPError as error:
            answer, status = "", error.code
        except (urllib.error.URLError, OSError):
            answer, status = "", 0
        with self.lock:
            self.callbacks.append(
                Callback(result["callbackUrl"], result, answer, status)
            )
        return answer

    @staticmethod
    def _return_page(target: str, result: dict) -> str:
        """The buyer goes back to the shop with the result, as a form the
        page posts by itself (the real gateway does the same)."""
        inputs = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in result.items()
            if k != "callbackUrl"
        )
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>…</title></head><body onload="document.forms[0].submit()">
<form method="post" action="{html.escape(target)}">{inputs}
<noscript><button type="submit">Continue</button></noscript></form></body></html>"""

    def wait(self, timeout: float = 30) -> None:
        """Wait for callbacks still being sent (delayed ones)."""
        for thread in list(self.threads):
            thread.join(timeout)

    # The API ---------------------------------------------------------------
    def _api(self, body, environ):
        if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form"):
            body = self._form(body).get("DATA", "").encode("utf-8")
        if b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
            return self._xml({"Response": "Error", "ErrMsg": "DTD refused"})
        try:
            request = ElementTree.fromstring(body)  # no DTD (refused above)
        except ElementTree.ParseError:
            return self._xml({"Response": "Error", "ErrMsg": "Malformed request"})
        call = {child.tag: (child.text or "").strip() for child in request}
        extra = request.find("Extra")
        if extra is not None:
            call.update({f"Extra.{c.tag}": (c.text or "").strip() for c in extra})
        with self.lock:
            self.api_calls.append(call)
        if (
            call.get("Name") != self.api_user
            or call.get("Password") != self.api_password
            or call.get("ClientId") != self.client_id
        ):
            return self._xml(
                {
                    "Response": "Error",
                    "ProcReturnCode": "99",
                    "ErrMsg": "Authentication failed",
                }
            )
        order_id = call.get("OrderId", "")
        if call.get("Extra.ORDERSTATUS") == "QUERY":
            return self._status(order_id)
        kind = call.get("Type", "")
        if kind == "PostAuth":
            return self._postauth(order_id)
        if kind == "Credit":
            return self._credit(order_id, call.get("Total", ""))
        return self._xml(
            {"Response": "Error", "ProcReturnCode": "99", "ErrMsg": "Unknown Type"}
        )

    def _sale(self, order_id: str) -> Transaction | None:
        with self.lock:
            tries = self.transactions.get(order_id, [])
            sales = [t for t in tries if t.status in ("A", "C")]
            return sales[-1] if sales else (tries[-1] if tries else None)

    def _status(self, order_id: str):
        sale = self._sale(order_id)
        if sale is None:
            return self._xml(
                {
                    "OrderId": order_id,
                    "Response": "Error",
                    "ProcReturnCode": "99",
                    "ErrMsg": f"No record found for {order_id}",
                }
            )
        captured = sale.amount if sale.status == "C" else 0
        return self._xml(
            {
                "OrderId": order_id,
                "Response": "Approved",
                "ProcReturnCode": "00",
                "TransId": sale.trans_id,
                "ErrMsg": "",
            },
            extra={
                "TRANS_STAT": sale.status,
                "CHARGE_TYPE_CD": "S",
                "ORIG_TRANS_AMT": str(sale.amount),
                "CAPTURE_AMT": str(captured),
                "AUTH_CODE": sale.auth_code,
                "HOST_REF_NUM": sale.host_ref,
                "TRANS_ID": sale.trans_id,
                "PROC_RET_CD": sale.proc_return_code,
                "TRXDATE": sale.at,
            },
        )

    def _postauth(self, order_id: str):
        sale = self._sale(order_id)
        if sale is None or sale.status not in ("A", "C"):
            return self._xml(
                {
                    "OrderId": order_id,
                    "Response": "Declined",
                    "ProcReturnCode": "99",
                    "ErrMsg": "No authorisation to capture",
                }
            )
        with self.lock:
            sale.status = "C"
        return self._xml(
            {
                "OrderId": order_id,
                "Response": "Approved",
                "ProcReturnCode": "00",
                "TransId": sale.trans_id,
                "AuthCode": sale.auth_code,
                "HostRefNum": sale.host_ref,
            }
        )

    def _credit(self, order_id: str, total: str):
        sale = self._sale(order_id)
        match = re.fullmatch(r"(\d+)(?:\.(\d{1,2}))?", total)
        amount = (
            int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
            if match
            else 0
        )
        with self.lock:
            refusal = (
                "No captured payment"
                if sale is None or sale.status != "C"
                else "Amount exceeds the captured amount"
                if not 0 < amount <= sale.amount - sale.credited
                else ""
            )
            if not refusal:
                sale.credited += amount
        if refusal:
            return self._xml(
                {
                    "OrderId": order_id,
                    "Response": "Declined",
                    "ProcReturnCode": "99",
                    "ErrMsg": refusal,
                }
            )
        return self._xml(
            {
                "OrderId": order_id,
                "Response": "Approved",
                "ProcReturnCode": "00",
                "TransId": f"{time.strftime('%y%j')}{secrets.randbelow(10**9):09d}",
                "HostRefNum": f"{secrets.randbelow(10**12):012d}",
                "AuthCode": f"{secrets.randbelow(10**6):06d}",
            }
        )

    @staticmethod
    def _xml(elements: dict, extra: dict | None = None):
        root = ElementTree.Element("CC5Response")
        for name in ("OrderId", "GroupId", "Response", "AuthCode", "HostRefNum"):
            ElementTree.SubElement(root, name).text = elements.get(name, "")
        for name in ("ProcReturnCode", "TransId", "ErrMsg"):
            ElementTree.SubElement(root, name).text = elements.get(name, "")
        extra_element = ElementTree.SubElement(root, "Extra")
        for name, value in (extra or {}).items():
            ElementTree.SubElement(extra_element, name).text = value
        text = ElementTree.tostring(root, encoding="unicode")
        return "200 OK", "text/xml", '<?xml version="1.0" encoding="UTF-8"?>' + text


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def start(fake: FakeCmi, *, host: str = "127.0.0.1", port: int = 0):
    """Serve `fake` in a thread; returns the server (its base URL is
    `f"http://{host}:{server.server_port}"`; stop it with shutdown())."""
    server = make_server(
        host, port, fake, server_class=_Server, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8421)
    parser.add_argument("--client-id", default=DEMO["client_id"])
    parser.add_argument("--store-key", default=DEMO["store_key"])
    parser.add_argument("--api-user", default=DEMO["api_user"])
    parser.add_argument("--api-password", default=DEMO["api_password"])
    parser.add_argument("--fail-first", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    fake = FakeCmi(
        client_id=args.client_id,
        store_key=args.store_key,
        api_user=args.api_user,
        api_password=args.api_password,
        options=Options(args.fail_first, args.repeat, args.delay, args.drop),
    )
    server = make_server(
        args.host,
        args.port,
        fake,
        server_class=_Server,
        handler_class=WSGIRequestHandler,
    )
    print(f"Fake CMI gateway on http://{args.host}:{args.port}/fim/est3Dgate")
    server.serve_forever()


if __name__ == "__main__":
    main()
