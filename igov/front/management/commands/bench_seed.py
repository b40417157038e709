import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from igov.benchmark.seed import SIZES, seed


class Command(BaseCommand):
    help = ("Brings the database up to a benchmark size (issue 16): 'large' (a large council: 2,000 staff, "
            "20,000 completions, 200 actions, 500 assets, 100 risks, 50,000 history rows) or '10x' (ten times "
            "it). Adds only what is missing, so 'large' then '10x' tops up. Loads the demo users; refuses to run "
            "with DEBUG off unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), required=True)
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args, size, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("bench_seed loads demo users with a known password and made-up history: it "
                               "refuses to run with DEBUG off. Use --force on a throwaway database.")
        started = time.perf_counter()
        held = seed(SIZES[size], self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"size {size} in {time.perf_counter() - started:.0f} s: "
            + ", ".join(f"{count:,} {what.replace('_', ' ')}" for what, count in held.items())))
