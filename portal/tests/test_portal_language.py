"""Everything the portal shows a cooperative is in the reader's language:
entries and deductions are labelled from their kind and references when
shown, channels translated, Moroccan month names, amounts isolated and
signed by the locale; statements are emailed to each member in the language
they last used the portal in."""

import datetime
import html
import re
from html.parser import HTMLParser

import pytest
from babel.dates import get_month_names
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from cooperatives.models import CooperativeMembership, today
from portal import entries
from shop.models import Consignment, PooledCost
from shop.money import format_mad
from shop.services.ledger import pooled_cost_allocate
from shop.services.lots import consignment_receive
from shop.services.refunds import refund_create
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(django_user_model):
    """A cooperative's month: a sale ordered in French, a refund, a pooled
    purchase and a consignment's transport, then a statement."""
    variant = VariantFactory(stock=500, price=12000)
    cooperative = variant.product.cooperative
    cooperative.name_ar = "تعاونية النحل"  # the factory's names carry a slug
    cooperative.save()
    user = django_user_model.objects.create_user("amina", "amina@coop.ma", "pw-1234567")
    membership = CooperativeMembership.objects.create(
        user=user, cooperative=cooperative, language="ar"
    )
    order = paid_order((variant, 3))  # placed in French: French snapshots
    refund_create(order_id=order.pk, quantities={order.lines.get().pk: 1})
    cost = PooledCost.objects.create(
        label_ar="برطمانات زجاجية مشتراة بالجملة",
        label_fr="Bocaux en verre achetés en gros",
        label_en="Glass jars bought in bulk",
        incurred_on=today(),
        amount=4000,
    )
    pooled_cost_allocate(cost_id=cost.pk, weights={cooperative.pk: 1})
    consignment = Consignment.objects.create(
        cooperative=cooperative,
        received_on=today(),
        transport_cost=3000,
        insurance_cost=500,
        costs_deducted=True,
    )
    consignment.lines.create(
        variant=variant,
        lot_code="L-7",
        quantity=5,
        production_date=today(),
        best_before=today() + datetime.timedelta(days=200),
    )
    consignment.save()
    consignment_receive(consignment_id=consignment.pk)
    mail.outbox.clear()
    statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    return {
        "user": user,
        "membership": membership,
        "variant": variant,
        "order": order,
        "consignment": consignment,
        "statement": statement,
    }


def get(client, name, language, *args):
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_statement_reads_in_arabic_whatever_language_entries_were_written_in(
    client, season
):
    client.force_login(season["user"])
    variant, order = season["variant"], season["order"]

    body = html.unescape(get(client, "portal:statement", "ar", season["statement"].pk))

    # The sale and the refund name the product from the catalogue, in
    # Arabic, though the order (and its snapshot) was in French.
    assert variant.product.name_ar in body
    assert variant.product.name_fr not in body
    assert "الطلب" in body and f"<bdi>{order.number}</bdi>" in body
    assert f"<bdi>{variant.sku}</bdi>" in body
    # Deductions by their reference, in Arabic.
    assert "برطمانات زجاجية مشتراة بالجملة" in body
    assert "Bocaux" not in body
    assert "النقل والتأمين" in body
    assert f"<bdi>{season['consignment'].pk}</bdi>" in body
    assert "consignment" not in body


def test_the_same_entries_read_in_french(client, season):
    client.force_login(season["user"])
    body = html.unescape(get(client, "portal:statement", "fr", season["statement"].pk))

    assert season["variant"].product.name_fr in body
    assert "Achat groupé : Bocaux en verre achetés en gros" in body
    assert "Transport et assurance du dépôt" in body


def test_every_kind_of_entry_has_its_sentence_and_codes_are_isolated():
    line = {"order_number": "TD-000062", "product": "عسل", "variant": "250 غ"}
    line |= {"sku": "HON-250", "refund": 7, "label": "stored"}
    with translation.override("fr"):
        assert entries.as_text({**line, "kind": "sale"}) == (
            "Commande TD-000062 : عسل 250 غ (HON-250)"
        )
        assert "a échoué" in entries.as_text({**line, "kind": "refund_void"})
        assert entries.as_text({"kind": "deduction", "label": "x"}) == "x"
    with translation.override("ar"):
        text = entries.as_text({**line, "kind": "refund"})
        assert f"{entries.FSI}TD-000062{entries.PDI}" in text
        assert f"{entries.FSI}7{entries.PDI}" in text
        assert "<bdi>TD-000062</bdi>" in entries.as_html({**line, "kind": "sale"})


def test_a_hostile_cost_name_is_escaped():
    row = {"kind": "deduction", "cost_name": "<script>alert(1)</script>"}
    assert "<script>" not in entries.as_html(row)
    assert "&lt;script&gt;" in entries.as_html(row)


class Text(HTMLParser):
    """The visible text nodes of a page, outside <bdi> (codes, amounts and
    what people typed are isolated there), <script>, <style> and elements
    in another language (the language switcher names each language in its
    own)."""

    SKIP = {"script", "style", "bdi"}
    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, skipped) of the open elements
        self.nodes = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        language = dict(attrs).get("lang")
        skipped = tag in self.SKIP or (language is not None and language != "ar")
        self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _skipped = self.stack.pop()
            if open_tag == tag:
                break

    @property
    def depth(self):
        return sum(skipped for _tag, skipped in self.stack)

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.nodes.append(data.strip())


# A code: capitals, digits and separators with at least one digit
# (ST-20261130-0001, TD-000062), or a file format named on a link.
CODE = re.compile(r"(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]*|CSV|XLSX|PDF")


def latin_words(page: str) -> list[str]:
    """Words in Latin script in the page's text nodes, but codes."""
    parser = Text()
    parser.feed(page)
    return [
        word
        for node in parser.nodes
        for word in re.findall(r"[A-Za-z0-9./-]*[A-Za-z][A-Za-z0-9./-]*", node)
        if not CODE.fullmatch(word)
    ]


@pytest.mark.parametrize(
    "name", ["portal:dashboard", "portal:sales", "portal:stock", "portal:statements"]
)
def test_no_latin_word_on_an_arabic_portal_page(client, season, name):
    client.force_login(season["user"])
    assert latin_words(get(client, name, "ar")) == []


def test_no_latin_word_on_an_arabic_statement(client, season):
    client.force_login(season["user"])
    page = get(client, "portal:statement", "ar", season["statement"].pk)
    assert latin_words(page) == []


def test_the_check_finds_a_latin_word_but_not_a_code():
    page = (
        "<p>مرحبا <bdi>Rabat</bdi> ST-2026-01 CSV</p><p>online</p>"
        '<p lang="fr">français</p><p>عسل (SKU)</p>'
    )
    assert latin_words(page) == ["online", "SKU"]


@pytest.mark.parametrize("month", range(1, 13))
def test_arabic_dates_use_the_moroccan_month_names(month):
    day = datetime.date(2026, month, 3)
    moroccan = get_month_names("wide", locale="ar_MA")[month]
    with translation.override("ar"):
        assert date_format(day, "F") == moroccan
        assert date_format(day, "E") == moroccan
        assert moroccan in date_format(day, "DATE_FORMAT")
    with translation.override("fr"):
        assert date_format(day, "F") == get_month_names("wide", locale="fr")[month]


def test_amounts_taken_are_signed_by_the_locale_inside_their_isolate(client, season):
    client.force_login(season["user"])
    statement = season["statement"]
    for language in ("ar", "fr"):
        body = html.unescape(get(client, "portal:statement", language, statement.pk))
        assert f"<bdi>{format_mad(-statement.vat, language)}</bdi>" in body
        assert f"<bdi>{format_mad(-statement.commission, language)}</bdi>" in body
        assert "-<bdi>" not in body and "<td>-" not in body


def test_channels_are_translated_on_the_dashboard(client, season):
    client.force_login(season["user"])
    assert "المتجر الإلكتروني" in get(client, "portal:dashboard", "ar")
    assert ">online<" not in get(client, "portal:dashboard", "ar")


def test_issuing_a_statement_emails_each_member_in_their_language(
    client, django_user_model, django_capture_on_commit_callbacks
):
    variant = VariantFactory(stock=50, price=12000)
    cooperative = variant.product.cooperative
    members = {}
    for name, email, language in [
        ("amina", "amina@coop.ma", "ar"),
        ("fatima", "fatima@coop.ma", "fr"),
        ("khadija", "", "ar"),  # no address: nothing to send
    ]:
        members[name] = django_user_model.objects.create_user(name, email, "pw-1")
        CooperativeMembership.objects.create(
            user=members[name], cooperative=cooperative, language=language
        )
    paid_order((variant, 2))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["amina@coop.ma", "fatima@coop.ma"]
    arabic, french = by_address["amina@coop.ma"], by_address["fatima@coop.ma"]
    assert arabic.extra_headers["Content-Language"] == "ar"
    assert format_mad(statement.closing_balance, "ar") in arabic.subject
    assert format_mad(statement.closing_balance, "fr") in french.body
    assert "Relevé" in french.subject and statement.number in french.subject
    assert f"/ar/portal/statements/{statement.pk}/?c={cooperative.slug}" in arabic.body
    assert f"/fr/portal/statements/{statement.pk}/?c={cooperative.slug}" in french.body
    assert "&amp;" not in french.body and "&#x27;" not in french.body

    # The link opens the statement for the member it was sent to.
    client.force_login(members["fatima"])
    path = re.search(r"(/fr/portal/statements/\S+)", french.body).group(1)
    assert client.get(path).status_code == 200

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    assert again.pk == statement.pk and mail.outbox == []  # issued once, sent once


def test_the_portal_remembers_the_members_language(client, season):
    client.force_login(season["user"])
    membership = season["membership"]

    get(client, "portal:dashboard", "fr")
    membership.refresh_from_db()
    assert membership.language == "fr"

    get(client, "portal:sales", "ar")
    membership.refresh_from_db()
    assert membership.language == "ar"
