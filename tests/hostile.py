"""The engine of tests/test_hostile_forms.py: read the forms of a page with
the standard library's HTML parser, and send each of them back once per
hostile value in each field, the other fields left as the page filled them.

Hostile values come in classes (numbers beyond a database column, numbers
Python reads but no column holds, invalid dates, text far beyond any
max_length, bidi overrides, unknown choices, a missing field); a field gets
each class that fits its kind once, not the cross product of everything."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.db import connection

OVERFLOW = "99999999999999999999"  # beyond bigint: PostgreSQL raises
INT32 = "2147483648"  # Python reads it, an integer column does not hold it
LONG = "x" * 100_000
BIDI = "\u202eevil\u202c"
UNKNOWN = "zzz-unknown"
MISSING = object()

NUMBER = (OVERFLOW, INT32, "1e400", "NaN", "-1")
DATE = ("2026-02-30", "99999-01-01", "0001-01-01")
TEXT = (LONG, BIDI)
CHOICE = (UNKNOWN, OVERFLOW)

# Values no field of ours accepts: a submission carrying one writes nothing.
INVALID = {OVERFLOW, INT32, "1e400", "NaN", "Infinity", "-1", "abc"} | set(DATE[:3])
# Query-string classes tried on every page that lists or filters.
QUERY = {
    "page": (OVERFLOW, "-1", "abc"),
    "q": (LONG, BIDI),
    "sort": (UNKNOWN, OVERFLOW),
    "c": (UNKNOWN, OVERFLOW),
    "cooperative": (OVERFLOW,),
    "status": (UNKNOWN,),
    "date_from": DATE[:2],
    "date_to": DATE[2:],
    "month": ("2026-13",),
    "year": (OVERFLOW,),
}

_NUMBERISH = re.compile(
    r"(quantit|qty|amount|weight|size|count|units|price|^lot-|cash|percent|"
    r"minimum|case|days|number_of|^form-\d+-(quantity|count))",
    re.I,
)
_DATEISH = re.compile(r"(date|_on$|_at$|^month$|birth|^from$|^to$)", re.I)
_SKIP_ACTIONS = re.compile(
    r"(logout|/i18n/|/admin/(pages|search|account|login|logout|jsi18n|"
    r"reports/(site-history|aging-pages|locked|workflow))|/setlang)"
)


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # number, date, text, choice
    value: str
    options: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Form:
    method: str
    action: str
    fields: list[Field]
    checked: dict[str, list[str]]  # names that repeat (checkboxes) -> values

    def data(self) -> dict[str, object]:
        data: dict[str, object] = {f.name: f.value for f in self.fields}
        data.update(self.checked)
        return data

    @property
    def token(self) -> str:
        return str(self.data().get("csrfmiddlewaretoken", ""))


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "inputs": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self._form["inputs"].append(("input", attrs))
        elif tag == "select" and name:
            self._select = {"attrs": attrs, "options": [], "selected": None}
            self._form["inputs"].append(("select", self._select))
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["options"].append(value)
            if "selected" in attrs:
                self._select["selected"] = value
        elif tag == "textarea" and name:
            self._textarea = {"attrs": attrs, "text": ""}
            self._form["inputs"].append(("textarea", self._textarea))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _kind(name: str, input_type: str) -> str:
    if input_type in {"number", "range"} or _NUMBERISH.search(name):
        return "number"
    if input_type in {"date", "datetime-local", "month"} or _DATEISH.search(name):
        return "date"
    return "text"


def forms_of(html: str, page_url: str) -> list[Form]:
    """The forms of a page that go to one of our own views."""
    parser = _FormParser()
    parser.feed(html)
    found = []
    for raw in parser.forms:
        attrs = raw["attrs"]
        action = urljoin(page_url, attrs.get("action") or page_url)
        split = urlsplit(action)
        if split.netloc and split.netloc not in {"testserver", "localhost"}:
            continue
        action = split.path + (f"?{split.query}" if split.query else "")
        if _SKIP_ACTIONS.search(action):
            continue
        fields: list[Field] = []
        checked: dict[str, list[str]] = {}
        for tag, item in raw["inputs"]:
            if tag == "input":
                input_type = (item.get("type") or "text").lower()
                name = item["name"]
                if input_type in {"submit", "button", "image", "reset", "file"}:
                    continue
                if input_type in {"checkbox", "radio"}:
                    if "checked" in item or input_type == "checkbox":
                        checked.setdefault(name, [])
                        if "checked" in item or not checked[name]:
                            value = item.get("value", "on")
                            if input_type == "radio":
                                checked[name] = [value]
                            elif value not in checked[name]:
                                checked[name].append(value)
                    elif name not in checked:
                        checked[name] = [item.get("value", "on")]
                    continue
                fields.append(
                    Field(name, _kind(name, input_type), item.get("value", ""))
                )
            elif tag == "select":
                options = [o for o in item["options"] if o]
                name = item["attrs"]["name"]
                value = item["selected"] or (options[0] if options else "")
                fields.append(Field(name, "choice", value, options))
            else:
                name = item["attrs"]["name"]
                fields.append(Field(name, "text", item["text"] or "x"))
        found.append(
            Form(
                method=(attrs.get("method") or "get").lower(),
                action=action,
                fields=fields,
                checked=checked,
            )
        )
    return found


def hostile_values(field_name: str, kind: str, checked: bool = False):
    """(label, value) pairs for one field: each class of its kind once."""
    if field_name == "csrfmiddlewaretoken":
        return []
    if checked:
        values = (UNKNOWN, OVERFLOW)
    else:
        values = {"number": NUMBER, "date": DATE, "text": TEXT, "choice": CHOICE}[kind]
    return [*values, MISSING]


def _tables() -> list[str]:
    tables = []
    for label in ("shop", "trade", "cooperatives", "pos", "auth"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


def row_counts() -> tuple[int, ...]:
    """Rows of every table a form of ours writes, in one query."""
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {i}, COUNT(*) FROM {quote(table)}" for i, table in enumerate(_tables())
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(count for _i, count in sorted(cursor.fetchall()))


def submit(client, form: Form, data: dict):
    if form.method == "post":
        return client.post(form.action, data)
    return client.get(form.action, data)


def label(value) -> str:
    if value is MISSING:
        return "<missing>"
    if value == LONG:
        return "<100000 x>"
    return repr(value)
