from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The cooperative portal: a layer above `shop` (it reads shop data), beside
    `cms`. Nothing below it imports it."""

    name = "portal"
    verbose_name = _("Cooperative portal")
