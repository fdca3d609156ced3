import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperatives.choices import SalesChannel
from shop.orders.states import OrderStatus
from shop.places import place_label


def new_access_token() -> str:
    return secrets.token_urlsafe(32)


class Incoterm(models.TextChoices):
    """The Incoterms 2020 rules an export order is sold under."""

    EXW = "EXW", _("EXW: Ex Works")
    FCA = "FCA", _("FCA: Free Carrier")
    FOB = "FOB", _("FOB: Free On Board")
    CFR = "CFR", _("CFR: Cost and Freight")
    CIF = "CIF", _("CIF: Cost, Insurance and Freight")
    CPT = "CPT", _("CPT: Carriage Paid To")
    CIP = "CIP", _("CIP: Carriage and Insurance Paid To")
    DAP = "DAP", _("DAP: Delivered At Place")
    DPU = "DPU", _("DPU: Delivered at Place Unloaded")
    DDP = "DDP", _("DDP: Delivered Duty Paid")


class Order(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)
    access_token = models.CharField(
        max_length=64, unique=True, default=new_access_token
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    full_name = models.CharField(_("name"), max_length=120)
    address_line = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=80)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, default="MA")
    # In Morocco: the ISO 3166-2 codes of the province or prefecture the
    # buyer chose (it prices the delivery) and of its region; `city` keeps
    # the locality as typed.
    province = models.CharField(_("province or prefecture"), max_length=6, blank=True)
    region = models.CharField(_("region"), max_length=5, blank=True)
    language = models.CharField(_("language"), max_length=5)
    channel = models.CharField(
        _("channel"),
        max_length=12,
        choices=SalesChannel.choices,
        default=SalesChannel.ONLINE,
    )
    # Business orders: the Incoterm of an export sale (blank at home) and the
    # day its bank transfers are due (payment terms).
    incoterm = models.CharField(
        _("Incoterm"), max_length=3, choices=Incoterm.choices, blank=True
    )
    payment_due_on = models.DateField(_("payment due on"), null=True, blank=True)
    # A business buyer's ICE: its invoices must show it (CGI art. 145).
    buyer_ice = models.CharField(_("buyer's ICE"), max_length=15, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PLACED,
        db_index=True,
    )
    payment_method = models.CharField(_("payment method"), max_length=20)
    delivery_method = models.ForeignKey(
        "shop.DeliveryMethod",
        verbose_name=_("delivery method"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delivery_name = models.CharField(_("delivery"), max_length=100)
    discount_code = models.ForeignKey(
        "shop.DiscountCode",
        verbose_name=_("discount code"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    discount_borne_by = models.CharField(max_length=12, blank=True)
    subtotal = models.PositiveIntegerField(_("products"))
    delivery = models.PositiveIntegerField(_("delivery"))
    delivery_vat = models.PositiveIntegerField(_("VAT on delivery"), default=0)
    discount = models.PositiveIntegerField(_("discount"), default=0)
    vat = models.PositiveIntegerField(_("VAT"))
    total = models.PositiveIntegerField(_("total"))
    stock_released = models.BooleanField(default=False, editable=False)
    # The one-time token of the review form that placed this order: the same
    # form sent again finds this order instead of placing a second one.
    checkout_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    # The day the money counts, in the ledger and in the reports alike (a
    # store or fair session closed later still belongs to its own day).
    paid_on = models.DateField(_("paid on"), null=True, blank=True, db_index=True)
    # Consumer law (17c): the latest delivery day promised when the order was
    # placed (its delivery method's delay), and the buyer's consent to the
    # processing of their data with the privacy notice's version they saw.
    delivery_by = models.DateField(_("delivery at the latest"), null=True, blank=True)
    privacy_consent_at = models.DateTimeField(
        _("personal data consent given at"), null=True, blank=True
    )
    privacy_consent_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )

    class Meta:
        ordering = ["-placed_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    total=models.F("subtotal")
                    + models.F("delivery")
                    - models.F("discount")
                ),
                name="order_total_adds_up",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def place_label(self) -> str:
        """The locality, its province and the country, in the reader's
        language."""
        return place_label(city=self.city, province=self.province, country=self.country)

    def vat_breakdown(self) -> list[dict]:
        """VAT per rate, products and delivery, as charged."""
        rates: dict[int, dict] = {}
        for line in self.lines.all():
            entry = rates.setdefault(
                line.vat_rate_bp, {"rate_bp": line.vat_rate_bp, "base": 0, "vat": 0}
            )
            entry["base"] += line.gross - line.discount
            entry["vat"] += line.vat
        if self.delivery:
            rate = settings.SHOP_DELIVERY_VAT_BP
            entry = rates.setdefault(rate, {"rate_bp": rate, "base": 0, "vat": 0})
            entry["base"] += self.delivery
            entry["vat"] += self.delivery_vat
        return sorted(rates.values(), key=lambda e: -e["rate_bp"])


class OrderLine(models.Model):
    """What was sold, as it was when it was sold: a product renamed or
    repriced later changes no order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "shop.Variant",
        null=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="order_lines",
    )
    product_name = models.CharField(_("product"), max_length=150)
    sku = models.CharField(_("SKU"), max_length=40)
    variant_label = models.CharField(_("variant"), max_length=60)
    unit_price = models.PositiveIntegerField(_("unit price"))
    quantity = models.PositiveIntegerField(_("quantity"))
    vat_rate_bp = models.PositiveIntegerField(_("VAT rate"))
    gross = models.PositiveIntegerField(_("amount"))
    discount = models.PositiveIntegerField(_("discount"), default=0)
    vat = models.PositiveIntegerField(_("VAT"))
    lot = models.CharField(_("lot"), max_length=40, blank=True)
    # The partnership agreement the line was sold under: its terms
    # (commission, settlement delay, who bears payment fees) apply to it.
    agreement = models.ForeignKey(
        "cooperatives.PartnershipAgreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gross=models.F("unit_price") * models.F("quantity")),
                name="order_line_gross_adds_up",
            )
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name} ({self.sku})"


class OrderEvent(models.Model):
    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        NOTE = "note", _("Note")
        EMAIL = "email", _("Email sent")
        PAYMENT = "payment", _("Payment")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    message = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order_id} {self.kind} {self.to_status or self.message[:30]}"
