import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from cooperatives.validators import validate_ice
from trade.models import AccountStatus, BusinessAccount, BusinessMember
from trade.services import TradeError, account_approve

from .conftest import make_account, make_user

APPLICATION = {
    "company_name": "Épicerie fine Atlas",
    "ice": "001 525 874 000 072",
    "address": "5, rue de Fès",
    "city": "Rabat",
    "country": "MA",
    "contact_name": "Youssef Bennani",
    "email": "achats@atlas.ma",
    "phone": "+212537000000",
}


def test_an_ice_has_exactly_15_digits():
    validate_ice("001525874000072")
    validate_ice("001 525 874 000 072")
    for wrong in ("00152587400007", "0015258740000721", "00152587400007A", ""):
        with pytest.raises(ValidationError):
            validate_ice(wrong)


@pytest.mark.django_db
def test_a_wrong_ice_is_refused_next_to_its_field_and_nothing_is_recorded(client):
    response = client.post("/ar/trade/apply/", {**APPLICATION, "ice": "12345"})
    assert response.status_code == 200
    assert response.context["form"].errors["ice"] == ["يتكون ICE من 15 رقمًا بالضبط."]
    assert 'id="id_ice_error"' in response.content.decode()
    assert not BusinessAccount.objects.exists()


@pytest.mark.django_db
def test_applying_twice_records_one_company(client):
    user = make_user("youssef@atlas.ma")
    client.force_login(user)
    first = client.post("/fr/trade/apply/", APPLICATION)
    again = client.post(
        "/fr/trade/apply/",
        {**APPLICATION, "ice": "001525874000072", "company_name": "Autre nom"},
    )
    assert first.status_code == again.status_code == 302
    account = BusinessAccount.objects.get()
    assert account.ice == "001525874000072"
    assert account.company_name == "Épicerie fine Atlas"
    assert account.status == AccountStatus.PENDING
    assert account.applicant == user
    assert account.language == "fr"


@pytest.mark.django_db
def test_approval_links_the_applicant_and_named_members(group):
    applicant = make_user("boss@hotel.ma")
    colleague = make_user("Chef@Hotel.ma")
    account = make_account()
    account.applicant = applicant
    account.save()
    account_approve(
        account_id=account.pk,
        group_id=group.pk,
        payment_terms_days=45,
        member_emails=("chef@hotel.ma",),
    )
    account.refresh_from_db()
    assert account.status == AccountStatus.APPROVED
    assert account.group == group
    assert account.payment_terms_days == 45
    assert set(account.members.values_list("user__email", flat=True)) == {
        "boss@hotel.ma",
        "Chef@hotel.ma",
    }
    # Approving again adds nothing twice.
    account_approve(account_id=account.pk, group_id=group.pk)
    assert account.members.count() == 2
    assert colleague.business_membership.account == account


@pytest.mark.django_db
def test_approval_refuses_unknown_emails_and_members_of_another_company(group):
    other = make_account(ice="009999999000011", group=group)
    taken = make_user("taken@other.ma")
    BusinessMember.objects.create(account=other, user=taken)
    account = make_account()
    with pytest.raises(TradeError) as unknown:
        account_approve(
            account_id=account.pk, group_id=group.pk, member_emails=("nobody@x.ma",)
        )
    assert unknown.value.field == "member_emails"
    with pytest.raises(TradeError):
        account_approve(
            account_id=account.pk, group_id=group.pk, member_emails=("taken@other.ma",)
        )
    account.refresh_from_db()
    assert account.status == AccountStatus.PENDING
    assert not account.members.exists()


def _staff(email, *, manage):
    user = make_user(email)
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if manage:
        user.groups.add(Group.objects.get(name="Foundation staff"))
    return user


@pytest.mark.django_db
def test_only_staff_who_manage_business_clients_approve(client, group):
    account = make_account()
    url = f"/admin/trade/accounts/{account.pk}/approve/"
    data = {"group": group.pk, "payment_terms_days": 60, "member_emails": ""}

    client.force_login(_staff("clerk@tadamon.ma", manage=False))
    # Wagtail answers a refused permission with a redirect to the dashboard.
    refused = client.post(url, data)
    assert (refused.status_code, refused.url) == (302, "/admin/")
    listing = client.get("/admin/snippets/trade/businessaccount/")
    assert listing.status_code == 302
    account.refresh_from_db()
    assert account.status == AccountStatus.PENDING

    client.force_login(_staff("manager@tadamon.ma", manage=True))
    assert client.get("/admin/snippets/trade/businessaccount/").status_code == 200
    assert client.post(url, data).status_code == 302
    account.refresh_from_db()
    assert account.status == AccountStatus.APPROVED
    assert account.payment_terms_days == 60


@pytest.mark.django_db
def test_approval_form_shows_a_wrong_email_next_to_its_field(client, group):
    account = make_account()
    client.force_login(_staff("manager@tadamon.ma", manage=True))
    response = client.post(
        f"/admin/trade/accounts/{account.pk}/approve/",
        {"group": group.pk, "payment_terms_days": 30, "member_emails": "ghost@x.ma"},
    )
    assert response.status_code == 200
    assert "ghost@x.ma" in response.context["form"].errors["member_emails"][0]
    account.refresh_from_db()
    assert account.status == AccountStatus.PENDING
