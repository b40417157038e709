from django.core.management.base import BaseCommand

from igov.benchmark.imports import peak_mb, training_import


class Command(BaseCommand):
    help = (
        "Benchmarks the completions import: generates an XLSX of --rows completions (default 200,000), "
        "times a bare openpyxl read-only pass over it, then the real import (upload guard, checks, "
        "bulk insert in one transaction), and prints the ratio and the peak memory. Everything it writes "
        "is rolled back. Targets (issue 7): import ≤ 1.5× the bare parse, peak RSS ≤ 250 MB. "
        "`make bench` runs it too (igov.benchmark.imports)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=200_000)

    def handle(self, *args, rows, **options):
        self.stdout.write(f"peak RSS so far {peak_mb():.0f} MB")
        r = training_import(rows)
        self.stdout.write(f"{r['rows']:,} rows, {r['megabytes']} MB workbook")
        self.stdout.write(f"bare openpyxl read-only pass: {r['bare_cpu_s']:.2f} s CPU ({r['bare_wall_s']:.2f} s wall)")
        self.stdout.write(f"import: {r['stored']:,} stored in {r['import_cpu_s']:.2f} s CPU "
                          f"({r['import_wall_s']:.2f} s wall)")
        # CPU time, not wall time: a shared machine's load would swamp the comparison.
        self.stdout.write(self.style.SUCCESS(
            f"ratio import / bare parse = {r['ratio']:.2f} (target ≤ 1.5); peak RSS {r['peak_rss_mb']} MB "
            f"(target ≤ 250)"))
