"""The quality plan: specification books and their criteria, the result of
each criterion in an inspection, the monthly draw of surprise inspections,
and the calendar of routine inspections per cooperative.

A specification book is versioned per product category; a lot points at the
version in force on the day it was received (shop.services.quality), so an
inspection months later is judged against the rules the cooperative followed
when it made the lot.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable


class RiskClass(models.TextChoices):
    LOW = "low", _("Low risk")
    MEDIUM = "medium", _("Medium risk")
    HIGH = "high", _("High risk")


class CriterionKind(models.TextChoices):
    MEASURED = "measured", _("Measured value")
    CHECK = "check", _("Pass or fail")


class SpecBookQuerySet(models.QuerySet):
    def in_force(self, *, category_id: int, day):
        """The version of a category's book in force on `day`, or None."""
        return (
            self.filter(category_id=category_id, in_force_from__lte=day)
            .order_by("-in_force_from")
            .first()
        )


class SpecBook(ClusterableModel):
    """One version of a category's specification book."""

    category = models.ForeignKey(
        "cooperatives.ProductCategory",
        verbose_name=_("product category"),
        on_delete=models.PROTECT,
        related_name="spec_books",
    )
    version = models.CharField(_("version"), max_length=30)
    in_force_from = models.DateField(_("in force from"))
    risk_class = models.CharField(
        _("risk class"),
        max_length=10,
        choices=RiskClass.choices,
        default=RiskClass.MEDIUM,
        help_text=_("Weighs the surprise inspections drawn each month."),
    )

    objects = SpecBookQuerySet.as_manager()

    panels = [
        FieldRowPanel(
            [
                FieldPanel("category"),
                FieldPanel("version"),
                FieldPanel("in_force_from"),
                FieldPanel("risk_class"),
            ]
        ),
        InlinePanel("criteria", label=_("Criteria"), min_num=1),
    ]

    class Meta:
        ordering = ["category", "-in_force_from"]
        verbose_name = _("specification book")
        verbose_name_plural = _("specification books")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "version"], name="spec_book_version_unique"
            ),
            models.UniqueConstraint(
                fields=["category", "in_force_from"], name="spec_book_day_unique"
            ),
        ]

    def __str__(self):
        return f"{self.category} — {self.version}"


class SpecCriterion(Orderable):
    book = ParentalKey(SpecBook, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=150)
    method = models.CharField(_("method"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=CriterionKind.choices,
        default=CriterionKind.MEASURED,
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    # Acceptable range of a measured value; an expected value is min = max.
    minimum = models.DecimalField(
        _("minimum"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("maximum"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    blocks_release = models.BooleanField(
        _("blocks release"),
        default=True,
        help_text=_("A lot that fails this criterion is put on hold."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("unit")]),
        FieldPanel("method"),
        FieldRowPanel(
            [
                FieldPanel("minimum"),
                FieldPanel("maximum"),
                FieldPanel("blocks_release"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name

    def accepts(self, *, measured=None, passed=None) -> bool:
        """Whether a result meets this criterion."""
        if self.kind == CriterionKind.CHECK:
            return bool(passed)
        if measured is None:
            return False
        if self.minimum is not None and measured < self.minimum:
            return False
        return self.maximum is None or measured <= self.maximum


class CriterionResult(models.Model):
    """What an inspection found for one criterion of the lot's book."""

    inspection = models.ForeignKey(
        "shop.Inspection",
        on_delete=models.CASCADE,
        related_name="criterion_results",
    )
    criterion = models.ForeignKey(
        SpecCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    measured = models.DecimalField(
        _("measured value"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # Set by the service from the criterion, never typed.
    conforms = models.BooleanField(_("conforms"), editable=False)
    evidence = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("photo or lab report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["criterion__sort_order", "criterion__pk"]
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "criterion"], name="criterion_result_unique"
            )
        ]

    def __str__(self):
        found = self.measured if self.passed is None else self.passed
        return f"{self.criterion_id}: {found}"


class InspectionPlan(models.Model):
    """The surprise inspections drawn for a month. Every candidate lot is
    kept with its risk factors and weight, with the seed, so anyone can
    re-run the draw and get the same lots (shop.services.quality)."""

    month = models.DateField(_("month"), unique=True)
    seed = models.PositiveBigIntegerField(_("seed"))
    size = models.PositiveSmallIntegerField(_("lots drawn"))
    method = models.CharField(_("method"), max_length=30)
    parameters = models.JSONField(_("weighting parameters"))
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-month"]
        verbose_name = _("surprise inspection plan")
        verbose_name_plural = _("surprise inspection plans")

    def __str__(self):
        return f"{self.month:%Y-%m}"


class InspectionPlanEntry(models.Model):
    plan = models.ForeignKey(
        InspectionPlan, on_delete=models.CASCADE, related_name="entries"
    )
    lot = models.ForeignKey("shop.Lot", on_delete=models.PROTECT, related_name="+")
    factors = models.JSONField()
    weight = models.PositiveBigIntegerField()
    # 1, 2... in the order drawn; empty for a candidate not drawn.
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    inspection = models.ForeignKey(
        "shop.Inspection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "rank", "lot_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "lot"], name="plan_lot_unique")
        ]

    def __str__(self):
        return f"{self.plan} lot {self.lot_id}"


class RoutineCalendar(models.Model):
    """How often a cooperative gets a routine inspection (6 months unless
    set here)."""

    DEFAULT_MONTHS = 6

    cooperative = models.OneToOneField(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    every_months = models.PositiveSmallIntegerField(
        _("every (months)"),
        default=DEFAULT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )

    panels = [FieldPanel("cooperative"), FieldPanel("every_months")]

    class Meta:
        verbose_name = _("routine inspection calendar")
        verbose_name_plural = _("routine inspection calendars")

    def __str__(self):
        return f"{self.cooperative}: {self.every_months}"
