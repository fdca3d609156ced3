"""Nobody reaches another party's data, by any URL of the site.

One world, built once for the module: two of each party (cooperatives with a
member, a roster, a proposal, a statement, an inspection with documents and
a purchasing order; consumers with an order, its invoice and credit note and
a withdrawal request; business clients with a pro-forma; a point of sale run
by staff). Then every URL pattern of the site that takes an argument is
requested as the owner, as the other party of the same kind and anonymously.

`OWNED` says how to fill each pattern's arguments for a party; `PUBLIC` lists
the patterns that are public on purpose, each with why. A pattern with an
argument in neither fails the first test: a URL added later cannot slip
through unchecked.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cooperatives.coverage import Member, RosterChange, RosterChangeKind
from cooperatives.coverage_services import roster_change_propose
from cooperatives.models import CooperativeMembership, today
from cooperatives.tests.coverage_factories import MemberFactory
from cooperatives.tests.factories import CooperativeFactory
from pos.models import Sale
from pos.services import pos_sale_record
from pos.tests.conftest import grant, receive, sale_input
from shop.models import (
    Cart,
    CartLine,
    Invoice,
    InvoiceKind,
    Order,
    PurchaseOrder,
    WithdrawalRequest,
)
from shop.orders.states import OrderStatus, order_transition
from shop.quality_admin import evidence_collection
from shop.services.checkout import CheckoutDetails, order_place
from shop.services.consumer import withdrawal_request_create
from shop.services.payments import cash_collected
from shop.services.purchasing import round_close, round_order
from shop.services.refunds import refund_create
from shop.services.settlements import statement_issue
from shop.tests.factories import DeliveryMethodFactory, VariantFactory
from shop.tests.purchasing_fixtures import make_round, past_closing
from shop.tests.quality_factories import GOOD, honey_book, inspect, receive_lot
from trade.models import ClientGroup, PriceListItem, PriceTier, Quote
from trade.services import quote_request, quote_send
from trade.tests.conftest import make_account, make_user

pytestmark = pytest.mark.django_db

PARTIES = ("alpha", "beta")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def other(party: str) -> str:
    return PARTIES[1 - PARTIES.index(party)]


@dataclass
class Party:
    """What one party owns, and the strings that only its own pages may
    show (`secrets`): names, SKUs, numbers, personal data."""

    user: object
    secrets: list[str] = field(default_factory=list)
    objects: dict = field(default_factory=dict)


@dataclass
class World:
    cooperative: dict[str, Party]
    consumer: dict[str, Party]
    business: dict[str, Party]
    pos: dict[str, Party]
    staff: object
    outsiders: list = field(default_factory=list)


# --- the world -------------------------------------------------------------


def _document(title: str, name: str, collection=None):
    Document = get_document_model()
    return Document.objects.create(
        title=title,
        file=ContentFile(PDF, name=name),
        collection=collection or Collection.get_first_root_node(),
    )


def _delivered_paid_order(variant, user, *, name, email, phone, quantity=3):
    """A signed-in buyer's cash order, delivered (the withdrawal period runs)
    and paid by the courier: invoiced."""
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, variant=variant, quantity=quantity)
    order = order_place(
        cart=cart,
        details=CheckoutDetails(
            email=email,
            phone=phone,
            full_name=name,
            address_line="7 derb Sidi Bouloukat",
            city="Marrakech",
            postal_code="",
            country="MA",
            delivery_method_id=DeliveryMethodFactory().pk,
            payment_method="cod",
            discount_code="",
        ),
        language="fr",
        user=user,
    )
    for step in (OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order.refresh_from_db()
        order_transition(order=order, to=step)
    cash_collected(order_id=order.pk, courier="Amana", amount=order.total, user=None)
    order.refresh_from_db()
    return order


def _cooperatives(django_user_model, book) -> dict[str, Party]:
    parties = {}
    for party in PARTIES:
        cooperative = CooperativeFactory(
            slug=f"coop-{party}", name=f"Cooperative {party.title()}"
        )
        variant = VariantFactory(
            product__cooperative=cooperative, sku=f"SKU-{party.upper()}", stock=0
        )
        lot = receive_lot(variant, f"LOT-{party.upper()}", quantity=50)
        lot.lab_results = _document(f"Lab {party}", f"lab-{party}.pdf")
        lot.save(update_fields=["lab_results"])
        user = django_user_model.objects.create_user(
            f"member-{party}", f"member-{party}@coop.ma", "pw-12345678"
        )
        CooperativeMembership.objects.create(user=user, cooperative=cooperative)
        roster = MemberFactory(cooperative=cooperative, name=f"Itto Roster{party}")
        proposal = roster_change_propose(
            cooperative_id=cooperative.pk,
            user=user,
            kind=RosterChangeKind.ADD,
            values={
                "name": f"Fadma Proposed{party}",
                "role": "member",
                "sex": "f",
                "birth_year": 1990,
                "phone": "",
                "joined_on": today(),
                "consent_on": today(),
                "consent_method": "signed_form",
            },
            token=uuid.uuid4(),
        )
        inspection = inspect(lot, GOOD, notes=f"Notes{party}")
        inspection.report = _document(f"Report {party}", f"report-{party}.pdf")
        inspection.save(update_fields=["report"])
        result = inspection.criterion_results.first()
        result.evidence = _document(
            f"Photo {party}", f"photo-{party}.pdf", evidence_collection()
        )
        result.save(update_fields=["evidence"])
        parties[party] = Party(
            user=user,
            secrets=[
                cooperative.name,
                variant.sku,
                f"LOT-{party.upper()}",
                roster.name,
                f"Fadma Proposed{party}",
            ],
            objects={
                "cooperative": cooperative,
                "variant": variant,
                "lot": lot,
                "roster": roster,
                "proposal": proposal,
                "inspection": inspection,
                "documents": [
                    lot.lab_results,
                    inspection.report,
                    result.evidence,
                ],
            },
        )
    return parties


def _purchasing(cooperatives: dict[str, Party]) -> None:
    """An open round both cooperatives order in, and for each a closed
    round only it took part in."""
    shared = make_round()
    for index, party in enumerate(PARTIES):
        cooperative = cooperatives[party].objects["cooperative"]
        jars, lids = shared.items.order_by("pk")
        round_order(
            round_id=shared.pk,
            cooperative_id=cooperative.pk,
            quantities={jars.pk: 111 + index, lids.pk: 0},
        )
        own = make_round()
        own.items.update(name=f"Item{party}", name_fr=f"Item{party}")
        round_order(
            round_id=own.pk,
            cooperative_id=cooperative.pk,
            quantities={item.pk: 700 + index for item in own.items.all()},
        )
        past_closing(own)
        round_close(round_id=own.pk, supplier="Verrerie", reference=f"BC-{party}")
        cooperatives[party].objects.update(shared_round=shared, own_round=own)


def _consumers(django_user_model, cooperatives) -> dict[str, Party]:
    parties = {}
    for party in PARTIES:
        user = django_user_model.objects.create_user(
            f"buyer-{party}", f"buyer-{party}@mail.ma", "pw-12345678"
        )
        name, email = f"Zineb Buyer{party}", f"buyer-{party}@mail.ma"
        phone = "+212600000001" if party == "alpha" else "+212600000002"
        variant = cooperatives[party].objects["variant"]
        variant.stock = 20
        variant.save(update_fields=["stock"])
        order = _delivered_paid_order(
            variant, user, name=name, email=email, phone=phone
        )
        line = order.lines.get()
        refund = refund_create(order_id=order.pk, quantities={line.pk: 1})
        withdrawal = withdrawal_request_create(
            order_id=order.pk,
            quantities={line.pk: 1},
            reason="changed_mind",
            form_token=f"withdraw-{party}",
        )
        invoice = order.invoices.get(kind=InvoiceKind.INVOICE)
        credit_note = order.invoices.filter(kind=InvoiceKind.CREDIT_NOTE).first()
        parties[party] = Party(
            user=user,
            secrets=[order.number, name, email, phone, invoice.number],
            objects={
                "order": order,
                "invoice": invoice,
                "credit_note": credit_note,
                "refund": refund,
                "withdrawal": withdrawal,
            },
        )
    return parties


def _business(cooperatives) -> dict[str, Party]:
    group = ClientGroup.objects.create(name="Hotels")
    for party in PARTIES:
        item = PriceListItem.objects.create(
            group=group,
            variant=cooperatives[party].objects["variant"],
            case_size=1,
            minimum_quantity=1,
        )
        PriceTier.objects.create(item=item, from_quantity=1, unit_price=15000)
    parties = {}
    for index, party in enumerate(PARTIES):
        user = make_user(f"achats-{party}@hotel.ma")
        account = make_account(
            ice=f"00123456700{index}08{index}", group=group, user=user
        )
        account.company_name = f"Riad {party.title()}"
        account.save(update_fields=["company_name"])
        quote = quote_request(
            account=account,
            user=user,
            rows=[(cooperatives[party].objects["variant"].sku, 2)],
            token=f"quote-{party}",
            note=f"Note{party}",
            language="fr",
        )
        quote_send(quote_id=quote.pk)
        quote.refresh_from_db()
        parties[party] = Party(
            user=user,
            secrets=[quote.number, account.company_name, f"Note{party}"],
            objects={"account": account, "quote": quote},
        )
    return parties


def _pos(django_user_model, cooperatives) -> dict[str, Party]:
    """Point-of-sale sessions are the foundation's, run by staff with the
    point-of-sale permissions: the 'other party' of a session is anyone
    without them (a cooperative member, a buyer, a business client)."""
    from pos.services import pos_session_open, pos_transfer_out

    manager = grant(
        django_user_model.objects.create_user("pos-manager", "m@t.ma", "pw-1234567"),
        "sell_at_pos",
        "manage_pos",
    )
    parties = {}
    for party in PARTIES:
        variant = cooperatives[party].objects["variant"]
        lot = receive(variant, f"POS-{party.upper()}", 10)
        session = pos_session_open(
            channel="fair", place=f"Salon {party}", date=today(), user=manager
        )
        pos_transfer_out(session_id=session.pk, quantities={lot.pk: 3})
        sale, _created = pos_sale_record(
            session_id=session.pk,
            sale=sale_input([(lot, 9)], cash=100_000),
            user=manager,
        )
        parties[party] = Party(
            user=manager,
            secrets=[f"Salon {party}"],
            objects={"session": session, "sale": sale},
        )
    return parties


def _build(django_user_model) -> World:
    book = honey_book()
    cooperatives = _cooperatives(django_user_model, book)
    consumers = _consumers(django_user_model, cooperatives)
    for party in PARTIES:
        cooperative = cooperatives[party].objects["cooperative"]
        cooperatives[party].objects["statement"] = statement_issue(
            cooperative_id=cooperative.pk, period_end=today()
        )
    _purchasing(cooperatives)
    business = _business(cooperatives)
    pos = _pos(django_user_model, cooperatives)
    staff = django_user_model.objects.create_user("staff", "staff@t.ma", "pw-1234567")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    return World(
        cooperative=cooperatives,
        consumer=consumers,
        business=business,
        pos=pos,
        staff=staff,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, inside a transaction rolled back after the module; each
    test runs in a savepoint of it."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build(get_user_model())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- every URL pattern ------------------------------------------------------


def _patterns(patterns=None, prefix="/", namespace=""):
    """(route, name) of every URL pattern of the site, language prefixes
    and all (one entry per name and route)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else ""
                inner = inner or pattern.namespace
            yield from _patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (
                f"{namespace}:{pattern.name}" if namespace else pattern.name
            )
            yield route, name or route


def _takes_argument(route: str) -> bool:
    return "<" in route or "(" in route


def _is_admin(route: str) -> bool:
    return route.startswith("/admin/")


# Patterns with an argument that are public on purpose.
PUBLIC = {
    # Wagtail's page tree: every public page (products, cooperatives,
    # stories); pages restricted by Wagtail's own page privacy ask for a
    # login or a password there.
    "wagtail_serve": "public CMS pages",
    "wagtailcore_authenticate_with_password": "the password form of a page "
    "restricted by password: shows nothing until the password is given",
    "wagtaildocs_authenticate_with_password": "the same for a document "
    "collection restricted by password",
    # A lot's traceability page from the QR code on the jar: public by design
    # (cooperative, harvest, certifications), never a buyer or a price.
    "lot_redirect": "lot traceability from the jar's QR code",
    # Email links: the signed token is the credential; a wrong one shows the
    # "invalid link" page and reveals nothing.
    "shop:activate": "account activation link (signed token)",
    "shop:password_reset_confirm": "password reset link (signed token)",
    "portal:password_reset_confirm": "portal password reset link (signed token)",
}


@dataclass(frozen=True)
class Owned:
    """How to reach one party's object by a URL pattern: `kind` names the
    world's parties (`document`: a cooperative's private documents, whose
    reader is the foundation's staff; `pos`: a session, whose reader is
    point-of-sale staff), `args` fills the pattern's arguments from the
    party, `method` is how the page is used, `owner` the statuses its
    reader gets."""

    kind: str
    args: object
    method: str = "get"
    owner: tuple = (200,)


def _pk(name):
    return lambda party: {"pk": party.objects[name].pk}


def _order(party):
    return {"number": party.objects["order"].number}


def _quote(party):
    return {"number": party.objects["quote"].number}


def _session(party):
    return {"session_id": party.objects["session"].pk}


OWNED = {
    "portal:statement": Owned("cooperative", _pk("statement")),
    "portal:statement_csv": Owned("cooperative", _pk("statement")),
    "portal:statement_xlsx": Owned("cooperative", _pk("statement")),
    "portal:statement_pdf": Owned("cooperative", _pk("statement")),
    "portal:purchasing_round": Owned("cooperative", _pk("own_round")),
    "portal:member": Owned("cooperative", _pk("roster")),
    "portal:inspection": Owned("cooperative", _pk("inspection")),
    "portal:inspection_pdf": Owned("cooperative", _pk("inspection")),
    "trade:quote": Owned("business", _quote),
    "trade:quote_pdf": Owned("business", _quote),
    # Accepting places the order and shows it.
    "trade:quote_accept": Owned("business", _quote, "post", (302,)),
    "shop:order_detail": Owned("consumer", _order),
    # Paid already (cash on delivery): nothing left to pay by card.
    "shop:order_pay": Owned("consumer", _order, owner=(409,)),
    "shop:order_payment_return": Owned("consumer", _order, owner=(200, 302)),
    "shop:cmi_pay": Owned("consumer", _order, owner=(200, 302, 409)),
    "shop:cmi_return": Owned("consumer", _order, owner=(200, 302)),
    "shop:cmi_pay_cash": Owned("consumer", _order, "post", (302,)),
    # An empty form: shown again with its errors.
    "shop:order_withdrawal": Owned("consumer", _order, "post", (200,)),
    "shop:invoice_pdf": Owned(
        "consumer",
        lambda party: {
            "number": party.objects["order"].number,
            "invoice_number": party.objects["invoice"].number,
        },
    ),
    "pos:api_session": Owned("pos", _session),
    # An empty batch is refused as a payload.
    "pos:api_sync": Owned("pos", _session, "post", (400,)),
    "pos:stock": Owned("pos", _session),
    "pos:close": Owned("pos", _session),
    "pos:resolve": Owned(
        "pos", lambda party: {"sale_id": party.objects["sale"].pk}, "post", (302,)
    ),
    # Wagtail serves documents by id: a cooperative's lab results, its
    # inspection report and the photos of a checklist are the foundation
    # staff's to read (the cooperative reads its results in the portal).
    "wagtaildocs_serve": Owned("document", None),
}


def test_every_pattern_with_an_argument_is_checked_or_public_on_purpose():
    names = {
        name
        for route, name in _patterns()
        if _takes_argument(route) and not _is_admin(route)
    }
    unchecked = names - set(OWNED) - set(PUBLIC)
    assert not unchecked, (
        "URL patterns taking an argument that nobody checks for crossing: "
        f"add each to OWNED (how its owner reaches it) or PUBLIC (why anyone "
        f"may): {sorted(unchecked)}"
    )
    assert not (set(OWNED) | set(PUBLIC)) - names, "entries for gone patterns"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _refused(response, *, login_ok: bool) -> bool:
    if response.status_code in (403, 404):
        return True
    location = response.headers.get("Location", "")
    return login_ok and response.status_code == 302 and "login" in location


def _body(response) -> str:
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    content_type = response.headers.get("Content-Type", "")
    if "pdf" in content_type:
        return "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages
        )
    if "spreadsheet" in content_type:
        with zipfile.ZipFile(io.BytesIO(raw)) as workbook:
            return "\n".join(
                workbook.read(name).decode()
                for name in workbook.namelist()
                if name.endswith(".xml")
            )
    return raw.decode("utf-8", "replace")


def _targets(world: World, name: str, entry: Owned):
    """(party, owner user, path, secrets) for each object of the pattern."""
    if entry.kind == "document":
        for party in PARTIES:
            owned = world.cooperative[party]
            lab_results, report, evidence = owned.objects["documents"]
            for document in (lab_results, report):
                path = reverse(name, args=(document.pk, document.filename))
                # Its cooperative's members read it (staff too, below).
                yield party, owned.user, path, owned.secrets
            # Checklist evidence stays in the inspectors' restricted
            # collection: staff only (the portal shows the results).
            path = reverse(name, args=(evidence.pk, evidence.filename))
            yield party, world.staff, path, owned.secrets
        return
    parties = getattr(world, entry.kind)
    for party in PARTIES:
        owned = parties[party]
        yield party, owned.user, reverse(name, kwargs=entry.args(owned)), owned.secrets


def _call(client, method, path):
    if method != "post":
        return client.get(path)
    if "/api/" in path:  # the point of sale's devices send JSON
        return client.post(path, "{}", content_type="application/json")
    return client.post(path)


def test_every_owned_url_answers_its_owner_and_refuses_everyone_else(world):
    users = [
        getattr(world, kind)[party].user
        for kind in ("cooperative", "consumer", "business")
        for party in PARTIES
    ]
    clients = {user.pk: _client(user) for user in [*users, world.staff]}
    clients[world.pos["alpha"].user.pk] = _client(world.pos["alpha"].user)
    anonymous = _client()
    failures, checked = [], 0
    for name, entry in sorted(OWNED.items()):
        for party, owner, path, secrets in _targets(world, name, entry):
            login_ok = entry.kind in ("document", "pos")
            seen = _call(clients[owner.pk], entry.method, path)
            if seen.status_code not in entry.owner:
                failures.append(f"{path} ({name}) owner {party}: {seen.status_code}")
            for user in users:
                if user.pk == owner.pk:
                    continue
                response = _call(clients[user.pk], entry.method, path)
                checked += 1
                if not _refused(response, login_ok=login_ok):
                    failures.append(
                        f"{path} ({name}) of {party} as {user.username}: "
                        f"{response.status_code}"
                    )
                # (what the path itself names, the language links repeat)
                elif leaked := [
                    s for s in secrets if s in _body(response) and s not in path
                ]:
                    failures.append(f"{path} shows {leaked} to {user.username}")
            response = _call(anonymous, entry.method, path)
            if not _refused(response, login_ok=True):
                failures.append(f"{path} ({name}) anonymous: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert checked > 100


# --- lists and exports of the portal ----------------------------------------

PORTAL_LISTS = (
    "dashboard",
    "sales",
    "stock",
    "statements",
    "purchasing",
    "members",
    "members_coverage",
    "inspections",
)


def _own_portal_paths(owned: Party) -> list[str]:
    objects = owned.objects
    return [
        *(reverse(f"portal:{name}") for name in PORTAL_LISTS),
        reverse("portal:statement", args=(objects["statement"].pk,)),
        reverse("portal:statement_csv", args=(objects["statement"].pk,)),
        reverse("portal:statement_xlsx", args=(objects["statement"].pk,)),
        reverse("portal:statement_pdf", args=(objects["statement"].pk,)),
        reverse("portal:purchasing_round", args=(objects["own_round"].pk,)),
        reverse("portal:purchasing_round", args=(objects["shared_round"].pk,)),
        reverse("portal:member", args=(objects["roster"].pk,)),
        reverse("portal:inspection", args=(objects["inspection"].pk,)),
        reverse("portal:inspection_pdf", args=(objects["inspection"].pk,)),
    ]


def test_a_member_naming_the_other_cooperative_in_c_gets_404_everywhere(world):
    for party in PARTIES:
        client = _client(world.cooperative[party].user)
        theirs = world.cooperative[other(party)].objects["cooperative"].slug
        for path in _own_portal_paths(world.cooperative[party]):
            response = client.get(path, {"c": theirs})
            assert response.status_code == 404, (party, path)


def test_a_members_pages_and_exports_hold_only_their_cooperatives_data(world):
    buyers = [
        secret
        for owned in world.consumer.values()
        for secret in owned.secrets[1:4]  # name, email, phone
    ]
    for party in PARTIES:
        client = _client(world.cooperative[party].user)
        forbidden = world.cooperative[other(party)].secrets + buyers
        mine = world.cooperative[party].secrets[:2]  # its name and SKU
        for path in _own_portal_paths(world.cooperative[party]):
            response = client.get(path)
            assert response.status_code == 200, (party, path)
            body = _body(response)
            leaked = [secret for secret in forbidden if secret in body]
            assert not leaked, f"{path} shows {leaked} to {party}"
            if path.endswith(("/sales/", "/stock/", "/csv/", "/xlsx/")):
                assert mine[1] in body, (path, "its own SKU")


# --- posts naming the other party's objects ----------------------------------


def _counts():
    return (
        RosterChange.objects.count(),
        Member.objects.count(),
        sorted(PurchaseOrder.objects.values_list("pk", "quantity")),
        sorted(Quote.objects.values_list("pk", "status", "order_id")),
        Order.objects.count(),
        WithdrawalRequest.objects.count(),
        Invoice.objects.count(),
        sorted(Sale.objects.values_list("pk", "status")),
    )


def test_posts_with_the_other_partys_ids_answer_404_and_change_nothing(world):
    before = _counts()
    for party in PARTIES:
        mine = world.cooperative[party]
        theirs = world.cooperative[other(party)].objects
        member = _client(mine.user)
        change = {
            "token": str(uuid.uuid4()),
            "name": "Changed",
            "role": "member",
            "sex": "f",
            "birth_year": 1980,
            "joined_on": today().isoformat(),
            "consent_on": today().isoformat(),
            "consent_method": "signed_form",
        }
        leave = {"kind": "leave", "token": str(uuid.uuid4()), "left_on": today()}
        their_member = reverse("portal:member", args=(theirs["roster"].pk,))
        assert member.post(their_member, change).status_code == 404
        assert member.post(their_member, leave).status_code == 404
        # Their proposal's one-time token, replayed on my roster page.
        replay = {**change, "token": str(theirs["proposal"].token)}
        assert member.post(reverse("portal:members"), replay).status_code == 404
        # Their closed round, and their items posted into the shared round.
        their_round = reverse("portal:purchasing_round", args=(theirs["own_round"].pk,))
        their_items = {f"item-{i.pk}": 5 for i in theirs["own_round"].items.all()}
        assert member.post(their_round, their_items).status_code == 404
        shared = reverse("portal:purchasing_round", args=(theirs["shared_round"].pk,))
        # (my own quantities as the form shows them, and their items)
        current = {
            f"item-{item.pk}": sum(
                item.orders.filter(cooperative=mine.objects["cooperative"]).values_list(
                    "quantity", flat=True
                )
            )
            for item in theirs["shared_round"].items.all()
        }
        assert member.post(shared, {**current, **their_items}).status_code == 302

        buyer = _client(world.consumer[party].user)
        order = world.consumer[other(party)].objects["order"]
        line = order.lines.get()
        withdrawal = reverse("shop:order_withdrawal", args=(order.number,))
        assert (
            buyer.post(
                withdrawal,
                {"form_token": "x", f"line-{line.pk}": 1, "reason": "changed_mind"},
            ).status_code
            == 404
        )
        cash = reverse("shop:cmi_pay_cash", args=(order.number,))
        assert buyer.post(cash).status_code == 404

        client = _client(world.business[party].user)
        quote = world.business[other(party)].objects["quote"]
        accept = reverse("trade:quote_accept", args=(quote.number,))
        assert client.post(accept).status_code == 404

        for outsider in (mine.user, world.consumer[party].user):
            sale = world.pos[party].objects["sale"]
            resolve = reverse("pos:resolve", args=(sale.pk,))
            assert _client(outsider).post(resolve).status_code == 403
    assert _counts() == before


def test_a_form_posted_to_the_sales_sync_is_refused_not_a_crash(world):
    session = world.pos["alpha"].objects["session"]
    client = _client(world.pos["alpha"].user)
    response = client.post(reverse("pos:api_sync", args=(session.pk,)), {"a": "b"})
    assert response.status_code == 400
    assert response.json() == {"error": "body is not JSON"}


def test_a_lots_public_page_tells_the_result_never_the_papers(world):
    """`lot_redirect` is public (the QR code on the jar): the last
    inspection's date and result, never its notes, documents or a buyer."""
    alpha = world.cooperative["alpha"].objects
    response = Client().get(
        reverse("lot_redirect", args=(alpha["lot"].public_code,)), follow=True
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert alpha["cooperative"].name in body
    for private in (
        "Notesalpha",
        *(document.filename for document in alpha["documents"]),
        *(document.title for document in alpha["documents"]),
        *world.consumer["alpha"].secrets,
    ):
        assert private not in body


# --- documents and media ----------------------------------------------------


def test_every_document_field_outside_the_cms_is_private():
    """A model that gains a document field must be listed with the private
    ones (shop.document_hooks), or its documents would be served to anyone."""
    from django.apps import apps

    from shop.document_hooks import PRIVATE_DOCUMENT_FIELDS

    Document = get_document_model()
    found = {
        (model, field.name)
        for model in apps.get_models()
        if not model._meta.app_label.startswith(("wagtail", "cms"))
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is Document
        and model is not Document
    }
    assert found == {(model, name) for model, name, _owner in PRIVATE_DOCUMENT_FIELDS}


def test_a_document_the_cms_links_is_still_served_to_anyone(world):
    leaflet = _document("Leaflet", "leaflet.pdf")
    response = Client().get(
        reverse("wagtaildocs_serve", args=(leaflet.pk, leaflet.filename))
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_private_documents_are_served_neither_by_wagtail_nor_as_media(world):
    from django.conf import settings

    document = world.cooperative["alpha"].objects["inspection"].report
    path = reverse("wagtaildocs_serve", args=(document.pk, document.filename))
    assert Client().get(path).status_code == 404
    assert _client(world.cooperative["beta"].user).get(path).status_code == 404
    assert _client(world.consumer["alpha"].user).get(path).status_code == 404
    assert _client(world.cooperative["alpha"].user).get(path).status_code == 200
    assert _client(world.staff).get(path).status_code == 200
    # The file itself: Django does not serve media (nginx refuses
    # /media/documents/, tests/test_stack.py), and with media on S3 Wagtail
    # must stream documents instead of redirecting to the bucket's address.
    assert Client().get(f"/media/{document.file.name}").status_code == 404
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


# --- the admin --------------------------------------------------------------


def _sample(route: str) -> str:
    """A path for an admin pattern: each argument filled with 1."""
    import re

    path = re.sub(r"<[^>]+>", "1", route)
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)|\([^)]*\)", "1", path)
    return path.replace("^", "").replace("$", "").replace("\\", "")


# The admin's own public pages: its sign-in and password reset, the icons
# and the translations of its scripts. Nothing of anyone's.
ADMIN_PUBLIC = {
    "/admin/jsi18n/",
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/password_reset/complete/",
    "/admin/password_reset/confirm/1/1/",
    "/admin/password_reset/done/",
    "/admin/sprite/",
}


def test_no_admin_url_opens_to_a_cooperative_member(world):
    """Every admin pattern (its arguments filled with 1) sends a member to
    the admin's sign-in: the gate is one decorator on all of them, so one
    signed-in non-staff user stands for buyers and business clients too."""
    routes = sorted({route for route, _name in _patterns() if _is_admin(route)})
    assert len(routes) > 100
    for user in (world.cooperative["alpha"].user,):
        client = _client(user)
        opened = []
        for route in routes:
            path = _sample(route)
            if path in ADMIN_PUBLIC:
                continue
            response = client.get(path)
            if not _refused(response, login_ok=True):
                opened.append((path, response.status_code))
        assert not opened, "\n".join(f"{p} {s}" for p, s in opened)
