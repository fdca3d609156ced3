from django.db import models
from django.utils.translation import gettext_lazy as _


class SalesChannel(models.TextChoices):
    ONLINE = "online", _("Online shop")
    STORE = "store", _("Solidarity store")
    FAIR = "fair", _("Fair")
    WHOLESALE = "wholesale", _("Wholesale")
    EXPORT = "export", _("Export")


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    ASSOCIATION = "association", _("Association")
    EIG = "eig", _("Economic interest group")
    INDIVIDUAL = "individual", _("Individual producer")


class CertificationKind(models.TextChoices):
    ORGANIC = "organic", _("Organic")
    FAIR_TRADE = "fair_trade", _("Fair trade")
    PGI = "pgi", _("Protected geographical indication")
    TERROIR_LABEL = "terroir_label", _("Terroir du Maroc label")
    ONSSA = "onssa", _("Food-safety authorisation")
    SPEC_BOOK = "spec_book", _("Specification-book conformity")
    OTHER = "other", _("Other")


class SettlementPeriod(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class FeesBorneBy(models.TextChoices):
    FOUNDATION = "foundation", _("The foundation")
    COOPERATIVE = "cooperative", _("The cooperative")


class MembershipRole(models.TextChoices):
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Member")
