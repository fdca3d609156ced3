"""Build the demo site in one step; running it again gives the same site."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from storefront.demo import members as demo_members
from storefront.demo import purchasing as demo_purchasing
from storefront.demo import quality, season
from storefront.demo.loader import DemoLoader
from trade import demo as trade_demo

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@tadamon.localhost"
DEMO_ADMIN_PASSWORD = "tadamon-demo"  # noqa: S105 - demo only, printed on purpose
DEMO_TEAM = [
    ("editor", "Editors"),
    ("moderator", "Moderators"),
    ("staff", "Foundation staff"),
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-season",
            action="store_true",
            help="Skip the past season of orders, sessions and statements.",
        )

    def handle(self, *args, **options):
        # Demo buyers get no email: the season's confirmations would flood
        # the console backend.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            self._load(without_season=options["without_season"])

    @transaction.atomic
    def _load(self, *, without_season: bool):
        self._admin()
        for username, group in DEMO_TEAM:
            self._member(username, group)
        counts = DemoLoader(stdout=self.stdout).run()
        quality.load()  # specification books, checklists, surprise plan
        demo_members.load()
        members = season.portal_members(DEMO_ADMIN_PASSWORD)
        demo_purchasing.load()
        trade_demo.load(password=DEMO_ADMIN_PASSWORD)
        if not without_season:
            season.generate()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: {cooperatives} cooperatives, {products} "
                "products, {stories} stories.".format(**counts)
            )
        )
        self.stdout.write(
            f"Wagtail admin: /admin/  user: {DEMO_ADMIN_USERNAME}  "
            f"password: {DEMO_ADMIN_PASSWORD}"
        )
        self.stdout.write(
            "Team accounts (same password): "
            + ", ".join(f"{name} ({group})" for name, group in DEMO_TEAM)
        )
        self.stdout.write(
            f"Cooperative portal: /fr/portal/  user: {members[0]} (or any "
            "cooperative's slug)  password: tadamon-demo"
        )
        self.stdout.write("Discount code to try at checkout: BIENVENUE10")
        self.stdout.write(
            f"Business client (wholesale prices, quotes): /fr/trade/  user: "
            f"{trade_demo.BUYER_EMAIL}  password: {DEMO_ADMIN_PASSWORD}"
        )

    def _member(self, username: str, group: str):
        User = get_user_model()
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@tadamon.localhost"},
        )
        user.is_staff = False
        user.set_password(DEMO_ADMIN_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=group)])

    def _admin(self):
        User = get_user_model()
        user, _created = User.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"email": DEMO_ADMIN_EMAIL},
        )
        user.email = DEMO_ADMIN_EMAIL
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_ADMIN_PASSWORD)
        user.save()
        return user
