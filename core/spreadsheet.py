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
