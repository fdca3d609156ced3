"""Hash ver3 of the CMI's hosted payment page, against golden vectors.

Each expected hash was computed outside Python, in a shell, from the
plaintext written out by hand by the rule (names sorted ignoring case by
their upper-case form, as the merchant kit's Java sample sorts them; `hash`
and `encoding` left out; values trimmed; `\\` and `|` escaped; joined with
`|`; the escaped store key last):

    printf '%s' "$PLAIN" | openssl dgst -sha512 -binary | base64 -w0

(OpenSSL 3, bash; the plaintexts are the PLAIN strings below, exactly as
typed in the shell.) The fake gateway's own implementation
(scripts/fake_cmi.py) is checked against the same vectors.
"""

import pytest

from scripts.fake_cmi import sign as fake_sign
from shop.payments import cmi

KEY = "TEST-STORE-KEY-1234"
SITE = "https://shop.example.ma"

# 1. The pay page's form for an order (as cmi.form_fields makes it).
FORM = {
    "clientid": "600000001",
    "oid": "TD-000042",
    "amount": "123.45",
    "currency": "504",
    "okUrl": f"{SITE}/ar/orders/TD-000042/card/return/?token=abc",
    "failUrl": f"{SITE}/ar/orders/TD-000042/card/return/?token=abc&outcome=fail",
    "callbackUrl": f"{SITE}/payments/cmi/callback/",
    "shopurl": f"{SITE}/ar/orders/TD-000042/?token=abc",
    "TranType": "PreAuth",
    "storetype": "3D_PAY_HOSTING",
    "lang": "ar",
    "rnd": "5f2b7c9e01d3a4b6c8e0",
    "hashAlgorithm": "ver3",
    "BillToName": "Amina Alaoui",
    "email": "amina@example.ma",
    "tel": "+212612345678",
    "encoding": "UTF-8",
}
# PLAIN='123.45|Amina Alaoui|https://shop.example.ma/payments/cmi/callback/|
# 600000001|504|amina@example.ma|https://shop.example.ma/ar/orders/TD-000042/
# card/return/?token=abc&outcome=fail|ver3|ar|TD-000042|https://shop.example.ma
# /ar/orders/TD-000042/card/return/?token=abc|5f2b7c9e01d3a4b6c8e0|https://
# shop.example.ma/ar/orders/TD-000042/?token=abc|3D_PAY_HOSTING|+212612345678|
# PreAuth|TEST-STORE-KEY-1234'   (one line, without the breaks)
FORM_HASH = (
    "X7D36v/7wYgV7kZOxb6dDWGt4JNAdvAjSj0K72msJ/3eNkq2yZK1pLtoSUNhyJyDOaA3r4xUA/"
    "+OZ9L13yxJ+Q=="
)

# 2. Escaping and trimming: a name with "|" and "\" and spaces around it,
# an Arabic value (hashed as UTF-8), a store key with "|" and "\".
ESCAPED = {
    "amount": "99.00",
    "BillToCity": "الرباط",
    "BillToName": "  Fatima|Zahra\\Alaoui \t",
    "clientid": "600000001",
    "currency": "504",
    "hashAlgorithm": "ver3",
    "oid": "TD-7",
    "encoding": "UTF-8",
    "hash": "whatever was posted",
}
ESCAPED_KEY = "k|e\\y"
# PLAIN='99.00|الرباط|Fatima\|Zahra\\Alaoui|600000001|504|ver3|TD-7|k\|e\\y'
ESCAPED_HASH = (
    "T0qcTviaoDFZpQh/GJb0y0r03yLY9g0IvkLNtJvvTdE6G9nf0fMSrfKGAAknnIRD3IvgR1S8HU3wj9"
    "xgrabp5A=="
)

# 3. The sort: by upper-case names, so "AB" < "AC" < "A_B" ("_" sorts after
# the letters in upper case, before them in lower case).
SORTED = {"a_b": "1", "ab": "2", "AC": "3"}
# PLAIN='2|3|1|TEST-STORE-KEY-1234'
SORTED_HASH = (
    "jENHl8meMiLNDC44b4OFaEkz0CIGSygC10pnGwywPE+lZEt/HV8E6/az83pmS7wIqrCtDxCp14I5uh"
    "W9vyDJZA=="
)

# 4. A callback of a declined try; its HASH field is not hashed.
CALLBACK = {
    "amount": "99.00",
    "oid": "TD-7",
    "Response": "Declined",
    "ProcReturnCode": "05",
    "ErrMsg": "Do not honour",
    "hashAlgorithm": "ver3",
    "mdStatus": "1",
    "encoding": "UTF-8",
    "HASH": "the gateway's",
}
# PLAIN='99.00|Do not honour|ver3|1|TD-7|05|Declined|TEST-STORE-KEY-1234'
CALLBACK_HASH = (
    "U850k87G2wEEGIY8hf1YDR0g+KIOgsx5RYCn32O4mgp1FpikdDkEto0gPwF0efIldbIeheRvuLkZgq"
    "Mkc9Comw=="
)

VECTORS = [
    ("form", FORM, KEY, FORM_HASH),
    ("escaped", ESCAPED, ESCAPED_KEY, ESCAPED_HASH),
    ("sorted", SORTED, KEY, SORTED_HASH),
    ("callback", CALLBACK, KEY, CALLBACK_HASH),
]


@pytest.mark.parametrize(
    "fields, key, expected", [v[1:] for v in VECTORS], ids=[v[0] for v in VECTORS]
)
def test_hash_ver3_matches_the_golden_vectors(fields, key, expected):
    assert cmi.hash_ver3(fields, key) == expected
    assert fake_sign(dict(fields), key) == expected


def test_every_signed_field_changes_the_hash():
    for name in FORM:
        changed = {**FORM, name: FORM[name] + "x"}
        assert (cmi.hash_ver3(changed, KEY) == FORM_HASH) == (name == "encoding")
    assert cmi.hash_ver3(FORM, KEY + "x") != FORM_HASH


def test_an_unescaped_pipe_cannot_pass_for_two_fields():
    """Without escaping, "a|b" + "c" and "a" + "b|c" would hash alike."""
    first = cmi.hash_ver3({"x1": "a|b", "x2": "c"}, KEY)
    second = cmi.hash_ver3({"x1": "a", "x2": "b|c"}, KEY)
    assert first != second


def test_the_form_is_signed_with_the_store_key_which_it_does_not_carry(settings):
    settings.CMI_CLIENT_ID = "600000001"
    settings.CMI_STORE_KEY = KEY
    settings.CMI_GATEWAY_URL = "https://gateway.example/fim/est3Dgate"

    class Order:
        number, total, language = "TD-000042", 12345, "ar"
        full_name, email, phone = "Amina Alaoui", "amina@example.ma", "+212612345678"

    fields = cmi.form_fields(
        Order(),
        ok_url=FORM["okUrl"],
        fail_url=FORM["failUrl"],
        callback_url=FORM["callbackUrl"],
        shop_url=FORM["shopurl"],
    )

    assert fields == {**FORM, "rnd": fields["rnd"], "hash": fields["hash"]}
    assert fields["hash"] == cmi.hash_ver3({**FORM, "rnd": fields["rnd"]}, KEY)
    assert KEY not in "".join(fields.values())
    again = cmi.form_fields(
        Order(), ok_url="o", fail_url="f", callback_url="c", shop_url="s"
    )
    assert again["rnd"] != fields["rnd"]


@pytest.mark.parametrize(
    "text, centimes",
    [
        ("123.45", 12345),
        ("123.4", 12340),
        ("123", 12300),
        ("0.05", 5),
        ("123.456", None),
        ("-1.00", None),
        ("1e3", None),
        ("12,50", None),
        (" 12.50", None),
        ("", None),
        ("١٢٣.٤٥", None),  # Arabic-Indic digits are not the gateway's
    ],
)
def test_amounts_are_read_strictly(text, centimes):
    assert cmi.amount_centimes(text) == centimes


def test_amounts_are_written_in_dirhams_with_two_decimals():
    assert [cmi.amount_text(c) for c in (12345, 5, 100, 0)] == [
        "123.45",
        "0.05",
        "1.00",
        "0.00",
    ]


@pytest.mark.parametrize(
    "value, bp", [("1.75", 175), ("0", 0), ("2", 200), (" 2.5 ", 250), ("100", 10000)]
)
def test_the_fee_percentage_setting_is_read_as_basis_points(value, bp):
    from storefront.settings.base import _percent_as_bp

    assert _percent_as_bp("CMI_FEE_PERCENT", value) == bp


@pytest.mark.parametrize("value", ["1.755", "-1", "101", "1,75", "abc", ""])
def test_a_fee_percentage_it_cannot_read_stops_the_site(value):
    from django.core.exceptions import ImproperlyConfigured

    from storefront.settings.base import _percent_as_bp

    with pytest.raises(ImproperlyConfigured):
        _percent_as_bp("CMI_FEE_PERCENT", value)
