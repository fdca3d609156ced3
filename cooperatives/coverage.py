"""The women behind each cooperative: its roster of members and the health
coverage the foundation provides them.

A roster keeps the least personal data that does the job (law 09-08): a
name, a role, sex and year of birth (for the impact figures and the
insurer), a phone if the member wants to be called, the dates she joined
and left, and how her consent was recorded. A national ID number only when
a coverage scheme she is enrolled in requires it, and then encrypted at
rest (core.encryption). Portal users propose changes to their roster
(`RosterChange`); foundation staff with the "confirm roster changes"
permission confirm them (cooperatives.coverage_services).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.encryption import EncryptedCharField, masked


class Sex(models.TextChoices):
    FEMALE = "f", _("Woman")
    MALE = "m", _("Man")


class MemberRole(models.TextChoices):
    PRESIDENT = "president", _("President")
    TREASURER = "treasurer", _("Treasurer")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form")
    THUMBPRINT = "thumbprint", _("Form with thumbprint, before a witness")
    ORAL_WITNESSED = "oral", _("Oral, before a witness")


class CoverageKind(models.TextChoices):
    AMO_SELF_EMPLOYED = "amo_tns", _("Mandatory health insurance (self-employed)")
    GROUP_POLICY = "group", _("Group policy")


class Payer(models.TextChoices):
    FOUNDATION = "foundation", _("The foundation")
    COOPERATIVE = "cooperative", _("The cooperative")
    MEMBER = "member", _("The member")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class RosterChangeKind(models.TextChoices):
    ADD = "add", _("New member")
    CHANGE = "change", _("Change")
    LEAVE = "leave", _("Departure")


class RosterChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class MemberQuerySet(models.QuerySet):
    def current(self, day: datetime.date | None = None):
        """Members on the roster on `day` (today): joined, not yet left."""
        from cooperatives.models import today

        day = day or today()
        return self.filter(joined_on__lte=day).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=day)
        )

    def women(self):
        return self.filter(sex=Sex.FEMALE)

    def covered_on(self, day: datetime.date):
        return self.filter(enrolments__in=Enrolment.objects.in_force_on(day)).distinct()


class Member(models.Model):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(
        _("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    consent_on = models.DateField(_("consent recorded on"))
    consent_method = models.CharField(
        _("consent recorded by"), max_length=12, choices=ConsentMethod.choices
    )
    # Only when a scheme she is enrolled in requires it; a Fernet token in
    # the database, never shown or exported in clear.
    national_id = EncryptedCharField(
        _("national ID number (CIN)"),
        blank=True,
        help_text=_("Only when her coverage scheme requires it. Stored encrypted."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["cooperative", "name", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        permissions = [("confirm_roster_changes", "Can confirm roster changes")]

    def __str__(self):
        return self.name

    @property
    def national_id_masked(self) -> str:
        return masked(self.national_id)

    def is_current_on(self, day: datetime.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)


# What a proposal may set on a member: never the national ID (a proposal is
# kept in clear; staff enter the ID when they enrol her in a scheme that
# needs it).
PROPOSED_FIELDS = (
    "name",
    "role",
    "sex",
    "birth_year",
    "phone",
    "joined_on",
    "consent_on",
    "consent_method",
)


class RosterChange(models.Model):
    """A change to a roster proposed from the cooperative's portal."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="roster_changes",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=RosterChangeKind.choices)
    # The values proposed (PROPOSED_FIELDS; `left_on` for a departure),
    # dates as ISO strings.
    values = models.JSONField(_("proposed values"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RosterChangeStatus.choices,
        default=RosterChangeStatus.PROPOSED,
    )
    # The form's one-time token: the same form posted twice is one proposal.
    token = models.UUIDField(unique=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("roster change")
        verbose_name_plural = _("roster changes")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class CoverageScheme(models.Model):
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=CoverageKind.choices)
    insurer = models.CharField(_("insurer"), max_length=150, blank=True)
    monthly_contribution = models.PositiveIntegerField(
        _("monthly contribution (centimes)")
    )
    requires_national_id = models.BooleanField(
        _("requires the national ID number"), default=False
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("insurer")]),
        FieldRowPanel(
            [FieldPanel("monthly_contribution"), FieldPanel("requires_national_id")]
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("coverage scheme")
        verbose_name_plural = _("coverage schemes")

    def __str__(self):
        return self.name


class EnrolmentQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        return self.filter(status=EnrolmentStatus.ACTIVE, starts_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class Enrolment(models.Model):
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    scheme = models.ForeignKey(
        CoverageScheme,
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ACTIVE,
    )
    # Who pays her contributions unless a month says otherwise.
    payer = models.CharField(
        _("paid by"), max_length=12, choices=Payer.choices, default=Payer.FOUNDATION
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "scheme"],
                condition=Q(status="active"),
                name="one_active_enrolment_per_scheme",
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.scheme}"

    def covers_month(self, month: datetime.date) -> bool:
        end_of_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(
            day=1
        ) - datetime.timedelta(days=1)
        return self.starts_on <= end_of_month and (
            self.ends_on is None or self.ends_on >= month
        )


class Contribution(models.Model):
    """One month of an enrolment's contribution, and who paid it."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.PositiveIntegerField(_("amount (centimes)"))
    payer = models.CharField(_("paid by"), max_length=12, choices=Payer.choices)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "month"], name="one_contribution_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="contribution_month_is_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} {self.month:%Y-%m}"
