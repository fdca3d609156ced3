"""The producers: cooperatives, their agreements and certifications.

This app knows nothing of the shop or the pages that present it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from cooperatives.choices import (
    CertificationKind,
    FeesBorneBy,
    LegalForm,
    MembershipRole,
    SalesChannel,
    SettlementPeriod,
)
from cooperatives.validators import normalise_digits, validate_ice, validate_rib


def today() -> datetime.date:
    return timezone.localdate()


class Province(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class ProductCategory(models.Model):
    """What cooperatives make (honey, herbs...); products pick one later."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    def __str__(self):
        return self.name


class CooperativeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Cooperative(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    legal_form = models.CharField(
        _("legal form"),
        max_length=20,
        choices=LegalForm.choices,
        default=LegalForm.COOPERATIVE,
    )
    registration_number = models.CharField(_("registration number"), max_length=50)
    ice = models.CharField(
        _("ICE"),
        max_length=20,
        validators=[validate_ice],
        help_text=_("Identifiant commun de l'entreprise: 15 digits."),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="cooperatives",
    )
    commune = models.CharField(_("commune"), max_length=100)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    categories = models.ManyToManyField(
        ProductCategory,
        verbose_name=_("product categories"),
        related_name="cooperatives",
        blank=True,
    )
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    rib = models.CharField(
        _("bank RIB"),
        max_length=32,
        blank=True,
        validators=[validate_rib],
        help_text=_("24 digits. Used for settlements; never shown publicly."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A suspended cooperative disappears from the public site."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CooperativeQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("logo"),
                FieldPanel("is_active"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_form"),
                FieldRowPanel([FieldPanel("registration_number"), FieldPanel("ice")]),
                FieldPanel("year_founded"),
                FieldPanel("categories"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("province"),
                FieldPanel("commune"),
                FieldPanel("address"),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("Place and contact"),
        ),
        MultiFieldPanel([FieldPanel("rib")], heading=_("Bank (private)")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("registration_number"),
        index.SearchField("ice"),
        index.FilterField("is_active"),
        index.FilterField("legal_form"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        # Opens any cooperative's portal (?c=<slug>): given to the Foundation
        # staff group, not tied to is_staff (which only opens the admin).
        permissions = [("view_every_portal", "Can view every cooperative's portal")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.ice = normalise_digits(self.ice)
        self.rib = normalise_digits(self.rib)

    def agreement_on(self, day: datetime.date):
        """The partnership agreement in force on that day, or None."""
        return self.agreements.in_force_on(day).first()

    def certifications_valid_on(self, day: datetime.date):
        return self.certifications.valid_on(day)


class AgreementQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        return self.filter(valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


def _basis_points(verbose_name):
    return models.PositiveIntegerField(
        verbose_name,
        validators=[MaxValueValidator(10_000)],
        help_text=_("In basis points: 1500 is 15 %."),
    )


def _delay(verbose_name, default):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=default,
        validators=[MaxValueValidator(365)],
        help_text=_("Days after the sale before the money is payable."),
    )


class PartnershipAgreement(models.Model):
    """The convention between the foundation and a cooperative."""

    cooperative = models.ForeignKey(
        Cooperative,
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    reference = models.CharField(_("reference"), max_length=50, unique=True)
    signed_on = models.DateField(_("signing date"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )
    commission_online_bp = _basis_points(_("commission, online shop"))
    commission_store_bp = _basis_points(_("commission, solidarity store"))
    commission_fair_bp = _basis_points(_("commission, fairs"))
    commission_wholesale_bp = _basis_points(_("commission, wholesale"))
    commission_export_bp = _basis_points(_("commission, export"))
    delay_online_days = _delay(_("settlement delay, online shop"), 14)
    delay_store_days = _delay(_("settlement delay, solidarity store"), 7)
    delay_fair_days = _delay(_("settlement delay, fairs"), 7)
    delay_wholesale_days = _delay(_("settlement delay, wholesale"), 30)
    delay_export_days = _delay(_("settlement delay, export"), 30)
    settlement_period = models.CharField(
        _("settlement period"),
        max_length=10,
        choices=SettlementPeriod.choices,
        default=SettlementPeriod.MONTHLY,
    )
    fees_borne_by = models.CharField(
        _("payment fees borne by"),
        max_length=12,
        choices=FeesBorneBy.choices,
        default=FeesBorneBy.FOUNDATION,
        help_text=_(
            "Card and cash-on-delivery providers keep a fee on each payment; "
            "when the cooperative bears it, its share of each sale's fee is "
            "deducted from that sale."
        ),
    )
    # The share of the foundation's commission on this cooperative's sales
    # put aside for its members' health coverage (the coverage fund).
    coverage_share_bp = models.PositiveIntegerField(
        _("share of the commission for health coverage"),
        default=0,
        validators=[MaxValueValidator(10_000)],
        help_text=_("In basis points of the commission: 1000 is 10 %."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgreementQuerySet.as_manager()

    panels = [
        FieldPanel("cooperative"),
        FieldPanel("reference"),
        FieldRowPanel(
            [
                FieldPanel("signed_on"),
                FieldPanel("valid_from"),
                FieldPanel("valid_until"),
            ]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("commission_online_bp"),
                        FieldPanel("delay_online_days"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("commission_store_bp"), FieldPanel("delay_store_days")]
                ),
                FieldRowPanel(
                    [FieldPanel("commission_fair_bp"), FieldPanel("delay_fair_days")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("commission_wholesale_bp"),
                        FieldPanel("delay_wholesale_days"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("commission_export_bp"),
                        FieldPanel("delay_export_days"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("settlement_period"), FieldPanel("fees_borne_by")]
                ),
            ],
            heading=_("Commission and settlement, per sales channel"),
        ),
        FieldPanel("coverage_share_bp"),
        FieldPanel("document"),
    ]

    class Meta:
        ordering = ["cooperative__name", "-valid_from"]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")

    def __str__(self):
        return f"{self.reference} ({self.cooperative})"

    def commission_bp(self, channel: str) -> int:
        return getattr(self, f"commission_{SalesChannel(channel).value}_bp")

    def settlement_delay_days(self, channel: str) -> int:
        return getattr(self, f"delay_{SalesChannel(channel).value}_days")

    def is_in_force_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (
            self.valid_until is None or day <= self.valid_until
        )

    def overlapping(self):
        """Other agreements of the same cooperative whose dates meet these."""
        others = PartnershipAgreement.objects.filter(
            cooperative_id=self.cooperative_id
        ).exclude(pk=self.pk)
        if self.valid_until is not None:
            others = others.filter(valid_from__lte=self.valid_until)
        return others.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
        )

    def clean(self):
        super().clean()
        if self.valid_from and self.signed_on and self.valid_from < self.signed_on:
            raise ValidationError(
                {"valid_from": _("An agreement cannot start before it is signed.")}
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end date is before the start date.")}
            )
        if self.cooperative_id and self.valid_from:
            clash = self.overlapping().first()
            if clash is not None:
                raise ValidationError(
                    _(
                        "Agreement %(reference)s is already in force for this "
                        "cooperative during these dates: one agreement per day."
                    ),
                    params={"reference": clash.reference},
                    code="overlap",
                )


class CertificationQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(valid_from__lte=day, valid_until__gte=day)

    def valid_today(self):
        return self.valid_on(today())

    def expiring_within(self, days: int, *, day: datetime.date | None = None):
        """Expired already, or expiring within `days` of `day` (today)."""
        day = day or today()
        return self.filter(valid_until__lte=day + datetime.timedelta(days=days))


class Certification(models.Model):
    cooperative = models.ForeignKey(
        Cooperative,
        verbose_name=_("held by"),
        on_delete=models.CASCADE,
        related_name="certifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificationKind.choices)
    issuer = models.CharField(_("issuer"), max_length=150)
    number = models.CharField(_("number"), max_length=80)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificationQuerySet.as_manager()

    panels = [
        FieldPanel("cooperative"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("number")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("document"),
    ]

    class Meta:
        ordering = ["valid_until"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "issuer", "number"], name="unique_certificate_number"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.issuer} {self.number}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day <= self.valid_until

    @property
    def is_valid_today(self) -> bool:
        return self.is_valid_on(today())

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end date is before the start date.")}
            )


class CooperativeMembership(models.Model):
    """A user who may open one cooperative's portal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="cooperative_memberships",
    )
    cooperative = models.ForeignKey(
        Cooperative,
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )
    # The language the member last used the portal in: statements and other
    # emails to the member are written in it.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("cooperative"),
        FieldPanel("role"),
        FieldPanel("language"),
    ]

    class Meta:
        verbose_name = _("cooperative membership")
        verbose_name_plural = _("cooperative memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cooperative"], name="unique_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.cooperative}"


# Rosters and health coverage live in their own module.
from cooperatives.coverage import (  # noqa: E402, F401
    Contribution,
    CoverageScheme,
    Enrolment,
    Member,
    RosterChange,
)
