"""Traceability: lots received on consignment, inspections, write-offs, and
which lot each order line came from.

Lots live in the shop app, not beside the cooperatives, because a lot is a
batch of one variant (a shop object) and cooperatives must not know the shop.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

PUBLIC_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def new_public_code() -> str:
    """Short (10 characters, 50 bits), unguessable, easy to type from a label."""
    return "".join(secrets.choice(PUBLIC_CODE_ALPHABET) for _ in range(10))


class LotStatus(models.TextChoices):
    RELEASED = "released", _("Released")
    ON_HOLD = "on_hold", _("On hold")
    RECALLED = "recalled", _("Recalled")


class Lot(models.Model):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="lots",
    )
    variant = models.ForeignKey(
        "shop.Variant",
        verbose_name=_("variant"),
        on_delete=models.PROTECT,
        related_name="lots",
    )
    code = models.CharField(
        _("lot code"), max_length=20, validators=[MaxLengthValidator(20)]
    )
    public_code = models.CharField(
        _("public code"),
        max_length=12,
        unique=True,
        default=new_public_code,
        editable=False,
    )
    production_date = models.DateField(_("production or harvest date"))
    best_before = models.DateField(_("best before"))
    spec_book_version = models.CharField(
        _("specification book version"), max_length=30, blank=True
    )
    # The version in force the day the lot was received (set at reception).
    spec_book = models.ForeignKey(
        "shop.SpecBook",
        verbose_name=_("specification book"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lots",
    )
    food_safety_number = models.CharField(
        _("food-safety authorisation number"), max_length=50, blank=True
    )
    lab_results = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("lab results"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LotStatus.choices,
        default=LotStatus.RELEASED,
    )
    received = models.PositiveIntegerField(_("received"), default=0, editable=False)
    stock = models.PositiveIntegerField(_("in stock"), default=0, editable=False)
    sold = models.PositiveIntegerField(_("sold"), default=0, editable=False)
    returned = models.PositiveIntegerField(
        _("returned to the cooperative"), default=0, editable=False
    )
    written_off = models.PositiveIntegerField(
        _("written off"), default=0, editable=False
    )
    # Units sent out of the warehouse to a point of sale (a fair, a store):
    # not the online shop's stock any more, not sold yet.
    at_pos = models.PositiveIntegerField(
        _("at a point of sale"), default=0, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("cooperative"), FieldPanel("variant")]),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("production_date"), FieldPanel("best_before")]),
        FieldRowPanel(
            [FieldPanel("spec_book_version"), FieldPanel("food_safety_number")]
        ),
        FieldPanel("lab_results"),
    ]

    class Meta:
        ordering = ["best_before", "pk"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "code"], name="lot_code_unique_per_cooperative"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    received=models.F("sold")
                    + models.F("stock")
                    + models.F("returned")
                    + models.F("written_off")
                    + models.F("at_pos")
                ),
                name="lot_quantities_conserved",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.variant.sku})"

    @property
    def is_sellable_status(self) -> bool:
        return self.status == LotStatus.RELEASED


class Consignment(ClusterableModel):
    """Goods a cooperative handed to the foundation, unpaid until sold."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="consignments",
    )
    received_on = models.DateField(_("received on"))
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    insured_value = models.PositiveIntegerField(
        _("insured value (centimes)"), default=0
    )
    transport_cost = models.PositiveIntegerField(
        _("transport cost (centimes)"), default=0
    )
    insurance_cost = models.PositiveIntegerField(
        _("insurance cost (centimes)"), default=0
    )
    costs_deducted = models.BooleanField(
        _("deduct the costs from the cooperative's settlement"), default=False
    )
    is_received = models.BooleanField(
        _("received into stock"), default=False, editable=False
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldPanel("cooperative"),
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("carrier")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("insured_value"),
                        FieldPanel("transport_cost"),
                        FieldPanel("insurance_cost"),
                    ]
                ),
                FieldPanel("costs_deducted"),
            ],
            heading=_("Transport and insurance"),
        ),
        InlinePanel("lines", label=_("Lines"), min_num=1),
    ]

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("consignment")
        verbose_name_plural = _("consignments")

    def __str__(self):
        return f"{self.cooperative} — {self.received_on}"


class ConsignmentLine(models.Model):
    consignment = ParentalKey(
        Consignment, on_delete=models.CASCADE, related_name="lines"
    )
    variant = models.ForeignKey(
        "shop.Variant",
        verbose_name=_("variant"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lot_code = models.CharField(_("lot code"), max_length=20)
    quantity = models.PositiveIntegerField(_("quantity"))
    production_date = models.DateField(_("production or harvest date"))
    best_before = models.DateField(_("best before"))
    lot = models.ForeignKey(
        Lot,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("variant"), FieldPanel("lot_code"), FieldPanel("quantity")]
        ),
        FieldRowPanel([FieldPanel("production_date"), FieldPanel("best_before")]),
    ]

    def __str__(self):
        return f"{self.quantity} × {self.lot_code}"


class InspectionResult(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    OBSERVATIONS = "observations", _("Pass with observations")


class Inspection(models.Model):
    class Kind(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        SURPRISE = "surprise", _("Surprise")

    class Body(models.TextChoices):
        FOUNDATION = "foundation", _("The foundation")
        ONSSA = "onssa", _("Food-safety authority (ONSSA)")
        COMMERCE = "commerce", _("Commerce control")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"))
    body = models.CharField(_("inspecting body"), max_length=12, choices=Body.choices)
    lot = models.ForeignKey(
        Lot,
        verbose_name=_("lot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    result = models.CharField(
        _("result"), max_length=12, choices=InspectionResult.choices
    )
    notes = models.TextField(_("notes"), blank=True)
    report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A checklist inspection (shop.services.quality): the book its criteria
    # come from, who recorded it and in which language (its report prints in
    # that language and the cooperative's), and the form's one-time token.
    spec_book = models.ForeignKey(
        "shop.SpecBook",
        verbose_name=_("specification book"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
        editable=False,
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    inspector_language = models.CharField(max_length=8, blank=True, editable=False)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("body")]),
        FieldRowPanel([FieldPanel("cooperative"), FieldPanel("lot")]),
        FieldPanel("result"),
        FieldPanel("notes"),
        FieldPanel("report"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.get_kind_display()} {self.date} {self.get_result_display()}"


class WriteOff(models.Model):
    class Reason(models.TextChoices):
        BREAKAGE = "breakage", _("Breakage")
        EXPIRY = "expiry", _("Expiry")
        SAMPLE = "sample", _("Sample")

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="write_offs")
    quantity = models.PositiveIntegerField(_("quantity"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("write-off")
        verbose_name_plural = _("write-offs")

    def __str__(self):
        return f"{self.quantity} of {self.lot_id} ({self.reason})"


class OrderLineLot(models.Model):
    """How many units of an order line came from which lot."""

    order_line = models.ForeignKey(
        "shop.OrderLine", on_delete=models.CASCADE, related_name="allocations"
    )
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="allocations")
    quantity = models.PositiveIntegerField()
    returned = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.quantity} of lot {self.lot_id}"
