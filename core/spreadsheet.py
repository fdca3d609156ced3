"""Text written into a CSV or XLSX cell that a spreadsheet must not run.

A cell starting with = + - @ (or a tab or carriage return before one) is
read as a formula by Excel and LibreOffice: a buyer's name typed as
`=HYPERLINK(...)` would run on a staff member's machine. Such text gets a
leading apostrophe, the spreadsheets' own mark for "this is text"
(OWASP's advice for CSV injection)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` unchanged unless it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# A CSV for a spreadsheet starts with a byte-order mark, so Excel reads UTF-8
# (Arabic, accents) instead of the system's code page.
BYTE_ORDER_MARK = "\ufeff"

# Excel and LibreOffice read ";" and a decimal comma where the decimal mark
# is a comma (French, Arabic); "," and a point in English.
CSV_SEPARATORS = {"en": (",", ".")}
CSV_SEPARATORS_DEFAULT = (";", ",")


def csv_separators(language: str) -> tuple[str, str]:
    """(field delimiter, decimal mark) for a language code."""
    return CSV_SEPARATORS.get(language.split("-")[0], CSV_SEPARATORS_DEFAULT)


def cents_text(cents: int, mark: str) -> str:
    """Centimes as dirhams with the decimal mark, no float: -1250 → -12,50."""
    units, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units}{mark}{rest:02d}"
