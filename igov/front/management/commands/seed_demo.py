import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

# Each register adds its demo module here; each has seed(scale, today, stdout) and is idempotent.
DEMO_MODULES = [
    "igov.accounts.demo",
    "igov.org.demo",  # the units every register's demo data points at
    "training.demo",
    "actions.demo",
    "assets.demo",
    "risks.demo",
    "igov.committee.demo",  # last: its reports read the registers' history
]
ALWAYS = {"igov.accounts.demo", "igov.org.demo"}


class Command(BaseCommand):
    help = (
        "Loads the demo users (officer, igteam, board, committee, admin; password igov-demo) and "
        "each register's demo data. Idempotent: running it again changes nothing. --scale N "
        "multiplies the data volumes. Refuses to run with DEBUG off unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="multiply data volumes by N (default 1)")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")
        parser.add_argument("--only", nargs="*", default=[], metavar="APP",
                            help="seed only these registers (e.g. actions committee); the users always")

    def handle(self, *args, scale, force, only=(), **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo loads demo users with a known password: it refuses to run "
                               "with DEBUG off. Use --force if you really mean it.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more")
        today = timezone.localdate()
        with transaction.atomic():
            for name in DEMO_MODULES:
                if only and name not in ALWAYS and name.split(".")[-2] not in only:
                    continue
                importlib.import_module(name).seed(scale, today, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"demo data loaded at scale {scale}"))
