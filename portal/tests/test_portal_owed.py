"""The portal's "what we owe you": one figure, from the same data as the
statements, with its parts and, when negative, why; and who may open a
cooperative's portal from the admin's statements screen."""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from cooperatives.models import CooperativeMembership, today
from shop.models import EntryKind, LedgerEntry, PooledCost
from shop.money import format_mad
from shop.services.ledger import pooled_cost_allocate
from shop.services.refunds import refund_create
from shop.services.settlements import statement_issue, statement_mark_paid
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db

NEGATIVE = (
    "This amount is negative because refunds and deductions came to more than "
    "your sales. It is recovered from your next sales before anything is paid "
    "to you."
)


@pytest.fixture
def member(django_user_model):
    """A cooperative with a product and a portal member."""

    def make(name: str, price: int = 12000):
        variant = VariantFactory(stock=500, price=price)
        user = django_user_model.objects.create_user(
            name, f"{name}@coop.ma", "pw-12345678"
        )
        CooperativeMembership.objects.create(
            user=user, cooperative=variant.product.cooperative
        )
        return user, variant

    return make


def dashboard(client, language="fr"):
    with translation.override(language):
        url = reverse("portal:dashboard")
    response = client.get(url)
    assert response.status_code == 200
    return response


def shown_figure(response) -> str:
    """The headline figure as the page writes it."""
    match = re.search(
        r'<dd class="owed__total"><bdi>(.*?)</bdi></dd>', response.content.decode()
    )
    assert match, "no owed figure on the dashboard"
    return html.unescape(match.group(1))


def statement_figure(client, statement) -> str:
    """The closing balance as the statement page writes it."""
    with translation.override("fr"):
        url = reverse("portal:statement", args=(statement.pk,))
    body = client.get(url).content.decode()
    match = re.search(
        r'<tr class="order-table__total"><th scope="row">[^<]*</th>'
        r"<td[^>]*><bdi>(.*?)</bdi></td>",
        body,
    )
    assert match
    return html.unescape(match.group(1))


def sale_net(order) -> int:
    return sum(
        LedgerEntry.objects.filter(
            order_line__order=order, kind=EntryKind.SALE
        ).values_list("net", flat=True)
    )


def parts_add_up(owed) -> bool:
    return owed.since == (
        owed.sales
        + owed.refunds
        + owed.discounts
        + owed.vat
        + owed.commission
        + owed.fees
        + sum(d.amount for d in owed.deductions)
    )


def test_right_after_issuing_the_figure_is_the_statements_closing_balance(
    client, member
):
    user, variant = member("mine")
    coop = variant.product.cooperative
    paid_order((variant, 2))
    # A negative start, so the chain carries something: a big shared cost.
    cost = PooledCost.objects.create(label="Bocaux", incurred_on=today(), amount=90000)
    pooled_cost_allocate(cost_id=cost.pk, weights={coop.pk: 1})
    statement = statement_issue(cooperative_id=coop.pk, period_end=today())
    client.force_login(user)

    response = dashboard(client)

    owed = response.context["owed"]
    assert statement.closing_balance < 0
    assert owed.total == owed.from_statement == statement.closing_balance
    assert (owed.payable_now, owed.coming, owed.deductions) == (0, 0, [])
    assert shown_figure(response) == format_mad(statement.closing_balance, "fr")
    assert shown_figure(response) == statement_figure(client, statement)


def test_after_new_sales_the_figure_adds_their_net_payable_now_or_later(client, member):
    user, variant = member("mine")
    coop = variant.product.cooperative
    paid_order((variant, 2))
    statement = statement_issue(cooperative_id=coop.pk, period_end=today())
    cash = paid_order((variant, 1))
    card = paid_order((variant, 3), method="stripe")  # payable after 14 days
    client.force_login(user)

    response = dashboard(client)

    owed = response.context["owed"]
    assert owed.payable_now == sale_net(cash)
    assert owed.coming == sale_net(card) and owed.coming_from > today()
    assert owed.total == statement.closing_balance + sale_net(cash) + sale_net(card)
    assert owed.sales == (4 * variant.price)
    assert parts_add_up(owed)
    assert shown_figure(response) == format_mad(owed.total, "fr")
    body = response.content.decode()
    assert format_mad(sale_net(cash), "fr") in html.unescape(body)
    assert format_mad(sale_net(card), "fr") in html.unescape(body)


def test_once_the_statement_is_paid_only_the_new_entries_are_owed(client, member):
    user, variant = member("mine")
    coop = variant.product.cooperative
    paid_order((variant, 2))
    statement = statement_issue(cooperative_id=coop.pk, period_end=today())
    statement_mark_paid(statement_id=statement.pk, reference="VIR-001")
    client.force_login(user)

    assert dashboard(client).context["owed"].total == 0

    later = paid_order((variant, 1))
    response = dashboard(client)

    owed = response.context["owed"]
    assert owed.from_statement == 0
    assert owed.total == sale_net(later)
    assert shown_figure(response) == format_mad(sale_net(later), "fr")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_negative_figure_says_why_and_how_it_is_recovered(client, member, language):
    user, variant = member("mine")
    coop = variant.product.cooperative
    order = paid_order((variant, 2))
    line = order.lines.get()
    refund_create(order_id=order.pk, quantities={line.pk: 1})
    cost = PooledCost.objects.create(
        label="Bocaux en verre", incurred_on=today(), amount=50000
    )
    pooled_cost_allocate(cost_id=cost.pk, weights={coop.pk: 1})
    client.force_login(user)

    response = dashboard(client, language)

    owed = response.context["owed"]
    assert owed.total < 0 and owed.latest is None
    assert owed.refunds == -variant.price
    assert [(d.row["cost_name"], d.amount) for d in owed.deductions] == [
        ("Bocaux en verre", -50000)
    ]
    assert parts_add_up(owed)
    body = html.unescape(response.content.decode())
    with translation.override(language):
        explanation = translation.gettext(NEGATIVE)
    assert explanation != NEGATIVE  # in the reader's language
    assert explanation in body
    assert "Bocaux en verre" in body
    assert shown_figure(response) == format_mad(owed.total, language)


def test_a_positive_figure_has_no_explanation(client, member):
    user, variant = member("mine")
    paid_order((variant, 1))
    client.force_login(user)

    response = dashboard(client)

    with translation.override("fr"):
        explanation = translation.gettext(NEGATIVE)
    assert response.context["owed"].total > 0
    assert explanation not in html.unescape(response.content.decode())


def test_a_member_never_sees_another_cooperatives_numbers(client, member):
    mine_user, mine = member("mine", price=11100)
    _theirs_user, theirs = member("theirs", price=37300)
    paid_order((mine, 1))
    paid_order((theirs, 3))
    theirs_statement = statement_issue(
        cooperative_id=theirs.product.cooperative_id, period_end=today()
    )
    cost = PooledCost.objects.create(
        label="Transport Taroudant", incurred_on=today(), amount=7700
    )
    pooled_cost_allocate(cost_id=cost.pk, weights={theirs.product.cooperative_id: 1})
    client.force_login(mine_user)

    response = dashboard(client)
    body = html.unescape(response.content.decode())

    owed = response.context["owed"]
    assert owed.latest is None and owed.deductions == []
    assert owed.sales == mine.price
    for amount in (
        theirs_statement.closing_balance,
        theirs_statement.sales,
        3 * theirs.price,
    ):
        assert format_mad(amount, "fr") not in body
    assert theirs_statement.number not in body
    assert "Transport Taroudant" not in body
    slug = theirs.product.cooperative.slug
    with translation.override("fr"):
        url = reverse("portal:dashboard")
    assert client.get(url, {"c": slug}).status_code == 404


# Staff: the "view every cooperative's portal" permission ----------------------


@pytest.fixture
def issued(member):
    """Two cooperatives, each with a member and an issued statement."""
    result = {}
    for name in ("a", "b"):
        user, variant = member(f"member-{name}")
        paid_order((variant, 1))
        result[name] = {
            "member": user,
            "statement": statement_issue(
                cooperative_id=variant.product.cooperative_id, period_end=today()
            ),
        }
    return result


def view_link(client, statement) -> str:
    """The "View" link of `statement` on the admin's statements screen."""
    response = client.get(reverse("shop_statements"))
    assert response.status_code == 200
    links = re.findall(
        r'href="([^"]*/portal/statements/\d+/\?c=[^"]*)"', response.content.decode()
    )
    wanted = [link for link in links if f"/statements/{statement.pk}/" in link]
    assert len(wanted) == 1, links
    return html.unescape(wanted[0])


def test_the_staff_group_opens_any_statement_from_the_admin(
    client, issued, django_user_model
):
    staff = django_user_model.objects.create_user("amina", password="pw-12345678")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    assert not staff.is_staff and not staff.is_superuser
    client.force_login(staff)

    for name in ("a", "b"):
        statement = issued[name]["statement"]
        response = client.get(view_link(client, statement))
        assert response.status_code == 200
        assert statement.number in response.content.decode()


def test_the_view_link_is_404_for_a_member_of_another_cooperative(
    client, issued, django_user_model
):
    superuser = django_user_model.objects.create_superuser("root", "r@x.ma", "pw-1")
    client.force_login(superuser)
    link = view_link(client, issued["b"]["statement"])
    client.force_login(issued["a"]["member"])

    assert client.get(link).status_code == 404


def test_the_view_link_is_404_without_the_permission(client, issued, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "r@x.ma", "pw-1")
    client.force_login(superuser)
    link = view_link(client, issued["b"]["statement"])
    # Admin access is not enough: is_staff and the other staff permissions,
    # without "view every cooperative's portal", open no one's portal.
    clerk = django_user_model.objects.create_user(
        "clerk", password="pw-12345678", is_staff=True
    )
    staff_group = Group.objects.get(name="Foundation staff")
    clerk_group = Group.objects.create(name="Clerks")
    clerk_group.permissions.set(
        staff_group.permissions.exclude(codename="view_every_portal")
    )
    clerk.groups.add(clerk_group)
    client.force_login(clerk)

    assert client.get(link).status_code == 404
    with translation.override("fr"):
        url = reverse("portal:dashboard")
    assert client.get(url, {"c": "cooperative-anything"}).status_code == 404
