from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """One row per email the shop means to send once, under its idempotency
    key ("order_confirmation:42"). shop/emails.py claims the key (SENDING)
    before sending and marks it SENT after: a task run again finds the key
    and sends nothing. A key left SENDING belongs to an attempt that stopped
    between the two: the email may have gone, so it is not sent again."""

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    key = models.CharField(_("key"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENDING
    )
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self):
        return f"{self.key} ({self.status})"
