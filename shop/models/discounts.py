from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class DiscountKind(models.TextChoices):
    PERCENT = "percent", _("Percentage")
    FIXED = "fixed", _("Fixed amount")


class DiscountBearer(models.TextChoices):
    FOUNDATION = "foundation", _("The foundation")
    COOPERATIVE = "cooperative", _("The cooperative")


class DiscountCode(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DiscountKind.choices)
    value = models.PositiveIntegerField(
        _("value"),
        help_text=_("Percentage in basis points (1000 = 10 %), or centimes."),
    )
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    minimum_subtotal = models.PositiveIntegerField(
        _("minimum order (centimes)"), default=0
    )
    usage_limit = models.PositiveIntegerField(
        _("usage limit"), null=True, blank=True, help_text=_("Empty: unlimited.")
    )
    used_count = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("only for the products of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    borne_by = models.CharField(
        _("borne by"),
        max_length=12,
        choices=DiscountBearer.choices,
        default=DiscountBearer.FOUNDATION,
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("is_active")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("minimum_subtotal"), FieldPanel("usage_limit")]),
        MultiFieldPanel(
            [FieldPanel("cooperative"), FieldPanel("borne_by")],
            heading=_("Scope and cost"),
        ),
    ]

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("discount code")
        verbose_name_plural = _("discount codes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usage_limit__isnull=True)
                | models.Q(used_count__lte=models.F("usage_limit")),
                name="discount_not_overused",
            )
        ]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        self.code = (self.code or "").strip().upper()
        if self.kind == DiscountKind.PERCENT and self.value > 10_000:
            raise ValidationError({"value": _("A percentage cannot exceed 100 %.")})
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end date is before the start date.")}
            )
        MaxValueValidator(10_000_000)(self.value)
