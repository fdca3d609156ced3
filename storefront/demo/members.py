"""The demo's rosters: as many members (and women members) as each
cooperative's story tells, about two thirds of the women covered by one of
two schemes, and the last three months of contributions, mostly paid by
the foundation, by the cooperative for one of them (a deduction in its
statement). Made through the services, so it moves money as the site does.
Running it again changes nothing."""

import datetime
import random

from cooperatives.coverage import (
    ConsentMethod,
    CoverageKind,
    CoverageScheme,
    Member,
    MemberRole,
    Payer,
    Sex,
)
from cooperatives.coverage_services import enrolment_create
from cooperatives.models import Cooperative, today
from shop.services.coverage import contribution_record
from storefront.demo import content

WOMEN = [
    "Fatima", "Khadija", "Aicha", "Zahra", "Malika", "Naima", "Hafida", "Rachida",
    "Itto", "Tuda", "Mina", "Saadia", "Latifa", "Hayat", "Meriem", "Yamna",
    "Fadma", "Zineb", "Touria", "Hanane", "Samira", "Asmae", "Ijja", "Kenza",
]  # fmt: skip
MEN = [
    "Mohamed", "Ahmed", "Lahcen", "Brahim", "Omar", "Hassan", "Said", "Youssef",
    "Abdellah", "Moha", "Driss", "Hamid",
]  # fmt: skip
FAMILIES = [
    "Ait Ali", "Oubaha", "Amellal", "Ait Brahim", "Idrissi", "Bouzid", "Ouhammou",
    "Ait Taleb", "Azzouzi", "Ait Lahcen", "Oumansour", "Benaissa", "Akhiat",
]  # fmt: skip

SCHEMES = [
    {
        "key": "amo",
        "kind": CoverageKind.AMO_SELF_EMPLOYED,
        "name": {
            "ar": "التأمين الإجباري الأساسي عن المرض للعمال غير الأجراء",
            "fr": "AMO des travailleurs non salariés",
            "en": "Mandatory health insurance (self-employed)",
        },
        "insurer": "CNSS",
        "monthly_contribution": 15_000,
        "requires_national_id": True,
    },
    {
        "key": "group",
        "kind": CoverageKind.GROUP_POLICY,
        "name": {
            "ar": "عقد التأمين الجماعي للمؤسسة",
            "fr": "Contrat groupe de la fondation",
            "en": "The foundation's group policy",
        },
        "insurer": "Mutuelle Solidaire",
        "monthly_contribution": 8_000,
        "requires_national_id": False,
    },
]


def _scheme(data: dict) -> CoverageScheme:
    scheme, _created = CoverageScheme.objects.update_or_create(
        kind=data["kind"],
        insurer=data["insurer"],
        defaults={
            "name": data["name"]["fr"],
            **{f"name_{code}": value for code, value in data["name"].items()},
            "monthly_contribution": data["monthly_contribution"],
            "requires_national_id": data["requires_national_id"],
        },
    )
    return scheme


def _members(cooperative: Cooperative, data: dict, rng) -> list[Member]:
    if cooperative.members.exists():
        return list(cooperative.members.order_by("pk"))
    joined = datetime.date(data["founded"], 3, 1)
    women = data["women_members"]
    members = []
    for index in range(data["members"]):
        sex = Sex.FEMALE if index < women else Sex.MALE
        first = rng.choice(WOMEN if sex == Sex.FEMALE else MEN)
        role = (
            [MemberRole.PRESIDENT, MemberRole.TREASURER, MemberRole.SECRETARY][index]
            if index < 3
            else MemberRole.MEMBER
        )
        members.append(
            Member(
                cooperative=cooperative,
                name=f"{first} {rng.choice(FAMILIES)}",
                role=role,
                sex=sex,
                birth_year=rng.randint(1958, 2002),
                joined_on=joined + datetime.timedelta(days=rng.randint(0, 900)),
                consent_on=datetime.date(2025, 1, 15),
                consent_method=rng.choice(list(ConsentMethod)),
            )
        )
    return Member.objects.bulk_create(members)


def _months_back(count: int) -> list[datetime.date]:
    month = today().replace(day=1)
    months = []
    for _step in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def load() -> dict:
    rng = random.Random(1909)  # noqa: S311 - demo data, not secrets
    schemes = [_scheme(data) for data in SCHEMES]
    months = _months_back(3)
    start = months[0]
    covered = 0
    for index, data in enumerate(content.COOPERATIVES):
        cooperative = Cooperative.objects.get(slug=data["slug"])
        payer = Payer.COOPERATIVE if index == 1 else Payer.FOUNDATION
        for position, member in enumerate(_members(cooperative, data, rng)):
            # About two in three women covered, and a few men: the others
            # show as uncovered in the staff's report.
            if position % 3 == 2 or (member.sex == Sex.MALE and position % 2):
                continue
            scheme = schemes[position % 2]
            enrolment = enrolment_create(
                member_id=member.pk,
                scheme_id=scheme.pk,
                starts_on=max(start, member.joined_on),
                payer=payer,
                national_id=f"EE{cooperative.pk:02d}{member.pk:04d}"
                if scheme.requires_national_id
                else "",
            )
            covered += 1
            for month in months:
                if enrolment.covers_month(month) and month < today().replace(day=1):
                    contribution_record(
                        enrolment_id=enrolment.pk,
                        month=month,
                        paid_on=month + datetime.timedelta(days=4),
                    )
    return {"covered": covered}
