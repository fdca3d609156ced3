"""Money is an integer number of centimes of Moroccan dirham (MAD).

One rounding rule for the whole shop: half up, in integer arithmetic (no
float ever touches an amount). One allocation rule: largest remainder, so the
parts of an amount always add up to it exactly.
"""

from decimal import Decimal

from babel.numbers import (
    format_currency,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

CURRENCY = "MAD"
BASIS_POINTS = 10_000

BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}


def divide_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half away from zero, for integers."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return sign * quotient


def percent_of(amount: int, basis_points: int) -> int:
    """`basis_points` / 10 000 of `amount`, rounded half up."""
    return divide_half_up(amount * basis_points, BASIS_POINTS)


def vat_included(gross: int, rate_bp: int) -> int:
    """The VAT inside a price that includes VAT at `rate_bp` basis points."""
    return divide_half_up(gross * rate_bp, BASIS_POINTS + rate_bp)


def allocate(amount: int, weights: list[int]) -> list[int]:
    """Split `amount` in proportion to `weights`; the parts sum to `amount`.

    Largest remainder: every part gets its floor share, then the centimes left
    go one by one to the largest fractional remainders (ties: earlier first).
    """
    if amount < 0:
        return [-part for part in allocate(-amount, weights)]
    total = sum(weights)
    if not weights:
        if amount:
            raise ValueError("cannot allocate an amount over no weights")
        return []
    if total <= 0:
        raise ValueError("weights must add up to a positive number")
    shares = [divmod(amount * weight, total) for weight in weights]
    parts = [floor for floor, _rest in shares]
    left = amount - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-shares[i][1], i))
    for index in by_remainder[:left]:
        parts[index] += 1
    return parts


def to_decimal(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def number_symbols(language: str) -> dict[str, str]:
    """The grouping and decimal marks `format_mad` writes in `language`, for
    figures drawn in the browser (the portal's chart) to match the tables."""
    locale = BABEL_LOCALES.get(language, "fr_MA")
    return {
        "group": get_group_symbol(locale=locale),
        "decimal": get_decimal_symbol(locale=locale),
        "minus": get_minus_sign_symbol(locale=locale),
    }


def format_mad(cents: int, language: str) -> str:
    """A price as the visitor's language writes it: 95,00 MAD, MAD 95.00, ..."""
    locale = BABEL_LOCALES.get(language, "fr_MA")
    # English puts a space between the code and the amount: "MAD 95.00".
    pattern = "¤\u00a0#,##0.00" if language == "en" else None
    return format_currency(to_decimal(cents), CURRENCY, locale=locale, format=pattern)
