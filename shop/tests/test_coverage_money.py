"""Health coverage where money moves: a contribution the cooperative bears
is a deduction in its statement, explained in its language; sales still
reconcile; the fund is put aside from the commission."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from cooperatives.coverage import Contribution, Payer
from cooperatives.models import PartnershipAgreement, today
from cooperatives.tests.coverage_factories import EnrolmentFactory, MemberFactory
from portal import entries
from shop.models import EntryKind, LedgerEntry
from shop.reports import reconciliation
from shop.services.coverage import contribution_record, fund_months
from shop.services.settlements import statement_issue
from shop.tests.factories import VariantFactory
from shop.tests.test_ledger import paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey():
    return VariantFactory(price=12000, stock=50)


def test_a_contribution_the_cooperative_bears_reaches_its_statement(honey):
    cooperative = honey.product.cooperative
    paid_order((honey, 2))
    enrolment = EnrolmentFactory(
        member=MemberFactory(cooperative=cooperative, name="Itto Secret"),
        payer=Payer.COOPERATIVE,
    )
    month = today().replace(day=1)

    contribution = contribution_record(
        enrolment_id=enrolment.pk, month=month, paid_on=today()
    )
    again = contribution_record(enrolment_id=enrolment.pk, month=month, paid_on=today())

    assert again.pk == contribution.pk
    deduction = LedgerEntry.objects.get(kind=EntryKind.DEDUCTION)
    assert deduction.contribution == contribution and deduction.net == -8000
    assert "Itto" not in deduction.label
    statement = statement_issue(cooperative_id=cooperative.pk, period_end=today())
    assert statement.deductions == -8000
    assert deduction in statement.entries.all()

    def row():
        return entries.described(LedgerEntry.objects.filter(pk=deduction.pk)).get()

    with translation.override("fr"):
        text = entries.as_text(row(), isolate=False)
        assert "Contrat groupe" in text and f"{month:%Y-%m}" in text
    with translation.override("ar"):
        text = entries.as_text(row())
        assert "عقد جماعي" in text and f"\u2068{month:%Y-%m}\u2069" in text
        assert "Itto" not in text

    report = reconciliation(start=today() - datetime.timedelta(days=1), end=today())
    assert report["balanced"] is True


def test_a_contribution_the_foundation_pays_is_no_deduction_and_uses_the_fund(
    honey,
):
    cooperative = honey.product.cooperative
    PartnershipAgreement.objects.filter(cooperative=cooperative).update(
        coverage_share_bp=1000
    )
    paid_order((honey, 5))
    commission = sum(
        LedgerEntry.objects.filter(kind=EntryKind.SALE).values_list(
            "commission", flat=True
        )
    )
    enrolment = EnrolmentFactory(member=MemberFactory(cooperative=cooperative))

    contribution_record(
        enrolment_id=enrolment.pk, month=today().replace(day=1), paid_on=today()
    )

    assert not LedgerEntry.objects.filter(kind=EntryKind.DEDUCTION).exists()
    (month,) = fund_months()
    assert month["put_aside"] == round(commission / 10)
    assert month["used"] == 8000
    assert month["balance"] == month["put_aside"] - 8000


def test_a_month_outside_the_enrolment_is_refused():
    enrolment = EnrolmentFactory()
    before = enrolment.starts_on.replace(day=1) - datetime.timedelta(days=40)

    with translation.override("en"), pytest.raises(Exception, match="does not cover"):
        contribution_record(enrolment_id=enrolment.pk, month=before, paid_on=today())
    assert not Contribution.objects.exists()


def test_staff_screens_confirm_enrol_record_and_export_masked(
    client, django_user_model
):
    from django.contrib.auth.models import Group

    staff = django_user_model.objects.create_user("nadia", password="pw-12345678")
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    member = MemberFactory(national_id="EE998877", name="Zineb Bouzid")
    enrolment = EnrolmentFactory(member=member)
    client.force_login(staff)

    report = client.get(reverse("coverage_report"))
    assert report.status_code == 200
    assert enrolment in report.context["due"]

    client.post(reverse("coverage_contribution_paid", args=(enrolment.pk,)))
    client.post(reverse("coverage_contribution_paid", args=(enrolment.pk,)))
    assert Contribution.objects.count() == 1

    csv = client.get(reverse("coverage_insurer_csv")).content.decode()
    assert "Zineb Bouzid" in csv and "EE998877" not in csv and "877" in csv


def test_without_the_permission_staff_cannot_confirm(client, django_user_model):
    import uuid

    from cooperatives.coverage import RosterChange
    from cooperatives.coverage_services import roster_change_propose

    user = django_user_model.objects.create_user(
        "editor", password="pw-12345678", is_staff=True
    )
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_member"),
    )
    member = MemberFactory()
    change = roster_change_propose(
        cooperative_id=member.cooperative_id,
        user=user,
        kind="leave",
        values={"left_on": today()},
        token=uuid.uuid4(),
        member_id=member.pk,
    )
    client.force_login(user)

    response = client.post(reverse("coverage_change_decide", args=(change.pk,)))

    assert response.status_code in (302, 403)
    assert RosterChange.objects.get().status == "proposed"


def test_staff_add_a_coverage_scheme_in_the_admin_and_others_cannot(client):
    from django.contrib.auth.models import Group, User

    from cooperatives.coverage import CoverageScheme

    url = reverse("wagtailsnippets_cooperatives_coveragescheme:add")
    data = {
        "name_ar": "التأمين الإجباري عن المرض",
        "name_fr": "AMO des travailleurs non salariés",
        "name_en": "",
        "kind": CoverageScheme._meta.get_field("kind").choices[0][0],
        "insurer": "CNSS",
        "monthly_contribution": "15000",
    }
    outsider = User.objects.create_user("outsider", password="x", is_staff=True)
    client.force_login(outsider)
    client.post(url, data)
    assert not CoverageScheme.objects.exists()

    staff = User.objects.create_user("staff", password="x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Foundation staff"))
    client.force_login(staff)
    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    scheme = CoverageScheme.objects.get()
    assert (scheme.monthly_contribution, scheme.insurer) == (15000, "CNSS")
