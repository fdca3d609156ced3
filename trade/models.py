"""Business clients: companies that buy by the carton at their group's
prices, ask for quotes and pay by bank transfer on terms.

A company applies (`BusinessAccount`, one per ICE), staff approve it and put
it in a `ClientGroup`; the group's price list (`PriceListItem` with its
volume `PriceTier`s) prices what its members ask for. A `Quote` is what a
member asked for; staff adjust it and send it as a pro-forma, which the
client accepts once: the order it becomes is placed through shop's one
order path (trade.services.quote_accept)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cooperatives.validators import validate_ice
from shop.models.catalog import MAX_PRICE, MAX_STOCK
from shop.models.orders import Incoterm

MAX_TERMS_DAYS = 180


class ClientGroup(models.Model):
    """Business clients priced alike (hotels, delicatessens, importers)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")

    def __str__(self):
        return self.name


class AccountStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class BusinessAccount(models.Model):
    """A company buying wholesale. Its ICE is unique: applying twice finds
    the first application."""

    company_name = models.CharField(_("company name"), max_length=150)
    ice = models.CharField(
        _("ICE"),
        max_length=15,
        unique=True,
        validators=[validate_ice],
        help_text=_("The company's 15-digit Identifiant Commun de l'Entreprise."),
    )
    address = models.TextField(_("address"))
    city = models.CharField(_("city"), max_length=80)
    country = models.CharField(_("country"), max_length=2, default="MA")
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccountStatus.choices,
        default=AccountStatus.PENDING,
        db_index=True,
    )
    group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"),
        default=30,
        validators=[MaxValueValidator(MAX_TERMS_DAYS)],
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("company_name"),
                FieldPanel("ice"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
            ],
            heading=_("Company"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("language"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("group"),
                FieldPanel("payment_terms_days"),
            ],
            heading=_("Terms"),
        ),
    ]

    class Meta:
        ordering = ["company_name", "pk"]
        verbose_name = _("business client")
        verbose_name_plural = _("business clients")
        permissions = [("manage_business_clients", _("Manage business clients"))]

    def __str__(self):
        return f"{self.company_name} ({self.ice})"

    @property
    def is_approved(self) -> bool:
        return self.status == AccountStatus.APPROVED and self.group_id is not None

    @property
    def is_export(self) -> bool:
        return self.country != "MA"


class BusinessMember(models.Model):
    """A customer account that buys for a company: one company per person."""

    account = models.ForeignKey(
        BusinessAccount,
        verbose_name=_("business client"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer account"),
        on_delete=models.CASCADE,
        related_name="business_membership",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return f"{self.user} — {self.account.company_name}"


class PriceListItem(ClusterableModel):
    """A variant on a group's price list: how it is packed (case size), the
    least a client may order, and its prices by volume."""

    group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.CASCADE,
        related_name="prices",
    )
    variant = models.ForeignKey(
        "shop.Variant",
        verbose_name=_("variant"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    case_size = models.PositiveIntegerField(
        _("case size"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STOCK)],
        help_text=_("Units per case: quantities are ordered in whole cases."),
    )
    minimum_quantity = models.PositiveIntegerField(
        _("minimum quantity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STOCK)],
    )

    panels = [
        FieldPanel("group"),
        FieldPanel("variant"),
        FieldRowPanel([FieldPanel("case_size"), FieldPanel("minimum_quantity")]),
        InlinePanel("tiers", label=_("Prices by volume"), min_num=1),
    ]

    class Meta:
        ordering = ["group", "variant__sku"]
        verbose_name = _("wholesale price")
        verbose_name_plural = _("wholesale prices")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "variant"], name="trade_one_price_per_group_variant"
            )
        ]

    def __str__(self):
        return f"{self.group} — {self.variant.sku}"

    def unit_price_for(self, quantity: int) -> int | None:
        """The price of the highest tier `quantity` reaches (None below the
        first tier)."""
        reached = [t for t in self.tiers.all() if t.from_quantity <= quantity]
        if not reached:
            return None
        return max(reached, key=lambda t: t.from_quantity).unit_price


class PriceTier(models.Model):
    item = ParentalKey(PriceListItem, on_delete=models.CASCADE, related_name="tiers")
    from_quantity = models.PositiveIntegerField(
        _("from (units)"), default=1, validators=[MinValueValidator(1)]
    )
    unit_price = models.PositiveIntegerField(
        _("unit price including VAT, in centimes"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE)],
    )

    panels = [FieldRowPanel([FieldPanel("from_quantity"), FieldPanel("unit_price")])]

    class Meta:
        ordering = ["from_quantity"]
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "from_quantity"], name="trade_one_tier_per_quantity"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gt=0), name="trade_tier_price_positive"
            ),
        ]

    def __str__(self):
        return f"≥ {self.from_quantity}: {self.unit_price}"


class QuoteStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SENT = "sent", _("Pro-forma sent")
    ACCEPTED = "accepted", _("Accepted")
    CANCELLED = "cancelled", _("Cancelled")


class Quote(ClusterableModel):
    """What a business client asked for, then the pro-forma staff send: its
    lines, prices and delivery are frozen once sent."""

    account = models.ForeignKey(
        BusinessAccount,
        verbose_name=_("business client"),
        on_delete=models.PROTECT,
        related_name="quotes",
    )
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuoteStatus.choices,
        default=QuoteStatus.REQUESTED,
        db_index=True,
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="ar"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_note = models.TextField(_("client's note"), blank=True, max_length=2000)
    delivery = models.PositiveIntegerField(
        _("delivery, including VAT, in centimes"),
        default=0,
        validators=[MaxValueValidator(MAX_PRICE)],
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"),
        default=30,
        validators=[MaxValueValidator(MAX_TERMS_DAYS)],
    )
    incoterm = models.CharField(
        _("Incoterm"),
        max_length=3,
        choices=Incoterm.choices,
        blank=True,
        help_text=_("For a client outside Morocco."),
    )
    # The one-time token of the form that asked for it: the same form sent
    # again finds this quote instead of asking twice.
    request_token = models.CharField(max_length=64, unique=True, editable=False)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    order = models.OneToOneField(
        "shop.Order",
        verbose_name=_("order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quote",
    )

    panels = [
        FieldPanel("account", read_only=True),
        FieldPanel("client_note", read_only=True),
        InlinePanel("lines", label=_("Lines"), min_num=1),
        FieldRowPanel(
            [
                FieldPanel("delivery"),
                FieldPanel("valid_until"),
                FieldPanel("payment_terms_days"),
            ]
        ),
        FieldRowPanel([FieldPanel("incoterm"), FieldPanel("language")]),
    ]

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return self.number

    @property
    def is_editable(self) -> bool:
        return self.status == QuoteStatus.REQUESTED


class QuoteLine(Orderable):
    quote = ParentalKey(Quote, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "shop.Variant",
        verbose_name=_("variant"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_STOCK)]
    )
    unit_price = models.PositiveIntegerField(
        _("unit price including VAT, in centimes"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE)],
    )
    panels = [
        FieldPanel("variant"),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit_price")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")

    def __str__(self):
        return f"{self.quantity} × {self.variant_id}"

    @property
    def gross(self) -> int:
        return self.unit_price * self.quantity
