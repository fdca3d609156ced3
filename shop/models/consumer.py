"""Consumer law in the shop (law 31-08) and personal data (law 09-08): the
pages that hold the terms of sale and the privacy notice, a person's
consent to the processing of their data, and withdrawal requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core import page_cache

# Law 31-08, art. 36 and 37: a buyer at a distance may withdraw within seven
# days of delivery, and is refunded within fifteen days of withdrawing.
WITHDRAWAL_DAYS = 7
REFUND_DAYS = 15


@register_setting(icon="doc-full")
class LegalPages(BaseSiteSetting):
    """Which pages of the site are the terms of sale and the privacy notice:
    the footer of every page, the checkout and the sign-up link to them, and
    the privacy notice's published revision is the version a person
    consents to."""

    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of sale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page names the CNDP declaration number of the site's settings "
            "by itself: do not type it in the page."
        ),
    )

    panels = [FieldPanel("terms_page"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("terms and privacy pages")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Every page's footer links to them: cached pages are made again.
        page_cache.invalidate_on_commit()


class PrivacyConsent(models.Model):
    """The consent a person gave at sign-up to the processing of their
    personal data, with the version of the privacy notice they were shown
    (the notice page's published revision)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="privacy_consent",
    )
    version = models.CharField(_("privacy notice version"), max_length=20)
    given_at = models.DateTimeField(_("consent given at"))

    class Meta:
        verbose_name = _("personal data consent")
        verbose_name_plural = _("personal data consents")

    def __str__(self):
        return f"{self.user_id} {self.version} {self.given_at:%Y-%m-%d}"


class WithdrawalReason(models.TextChoices):
    CHANGED_MIND = "changed_mind", _("I changed my mind")
    NOT_AS_DESCRIBED = "not_as_described", _("It does not match its description")
    DAMAGED = "damaged", _("It arrived damaged")
    WRONG_ITEM = "wrong_item", _("I received another product")
    OTHER = "other", _("Another reason")


class WithdrawalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REFUNDED = "refunded", _("Refunded")
    CLOSED = "closed", _("Closed without refund")


class WithdrawalRequest(models.Model):
    """A buyer's withdrawal from (part of) a delivered order, within the
    withdrawal period; staff refund it through the refund flow by
    `refund_due_on` or close it."""

    order = models.ForeignKey(
        "shop.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="withdrawals",
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=WithdrawalReason.choices
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WithdrawalStatus.choices,
        default=WithdrawalStatus.OPEN,
        db_index=True,
    )
    requested_at = models.DateTimeField(_("requested at"), db_index=True)
    refund_due_on = models.DateField(_("refund due by"))
    # The one-time token of the buyer's form: the same form sent again finds
    # this request instead of making a second one.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    refund = models.ForeignKey(
        "shop.Refund",
        verbose_name=_("refund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_note = models.TextField(_("staff note"), blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("withdrawal request")
        verbose_name_plural = _("withdrawal requests")

    def __str__(self):
        return f"{self.order_id} #{self.pk}"


class WithdrawalLine(models.Model):
    request = models.ForeignKey(
        WithdrawalRequest, on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(
        "shop.OrderLine",
        verbose_name=_("order line"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="withdrawal_line_quantity"
            )
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line_id}"
