import io
import resource
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from openpyxl import Workbook, load_workbook

from training.imports import import_completions
from training.models import Completion, Course, StaffMember


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = (
        "Benchmarks the completions import: generates an XLSX of --rows completions (default 200,000), "
        "times a bare openpyxl read-only pass over it, then the real import (upload guard, checks, "
        "bulk insert in one transaction), and prints the ratio and the peak memory. Everything it writes "
        "is rolled back. Targets (issue 7): import ≤ 1.5× the bare parse, peak RSS ≤ 250 MB."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=200_000)

    def handle(self, *args, rows, **options):
        people = max(rows // 4, 1)
        data = self.workbook(rows, people)
        self.stdout.write(f"{rows:,} rows, {len(data) / 1024 / 1024:.1f} MB workbook; peak RSS so far "
                          f"{peak_mb():.0f} MB")
        bare = self.bare_pass(data)
        with transaction.atomic():
            course = Course.objects.create(code="BENCH", name="Benchmark course", launch_date=date(2020, 1, 1))
            StaffMember.objects.bulk_create(
                [StaffMember(staff_number=f"B{n:07d}", first_name="Bench", last_name=str(n), directorate="Bench",
                             service="Bench", start_date=date(2015, 1, 1)) for n in range(people)], batch_size=5000)
            started, wall = time.process_time(), time.perf_counter()
            result = import_completions(data, "bench.xlsx", dry_run=False, today=date(2026, 1, 1))
            imported, wall = time.process_time() - started, time.perf_counter() - wall
            assert result.ok, result.errors[:5]
            stored = Completion.objects.filter(course=course).count()
            transaction.set_rollback(True)
        self.stdout.write(f"import: {result.to_add:,} added ({stored:,} stored) in {imported:.2f} s CPU "
                          f"({wall:.2f} s wall); "
                          f"peak RSS {peak_mb():.0f} MB")
        # CPU time, not wall time: a shared machine's load would swamp the comparison. (SQLite runs in this
        # process, so its work is counted; a PostgreSQL server's is not.)
        bare = min(bare, self.bare_pass(data))
        self.stdout.write(self.style.SUCCESS(
            f"ratio import / bare parse = {imported / bare:.2f} (target ≤ 1.5); peak RSS {peak_mb():.0f} MB "
            f"(target ≤ 250)"))

    def bare_pass(self, data: bytes) -> float:
        started, wall = time.process_time(), time.perf_counter()
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
        book.close()
        elapsed, wall = time.process_time() - started, time.perf_counter() - wall
        self.stdout.write(f"bare openpyxl read-only pass: {count:,} rows in {elapsed:.2f} s CPU ({wall:.2f} s wall); "
                          f"peak RSS {peak_mb():.0f} MB")
        return elapsed

    def workbook(self, rows: int, people: int) -> bytes:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Completions")
        sheet.append(["Staff number", "Course", "Completed on", "Score", "Result"])
        first = date(2021, 1, 1)
        for n in range(rows):
            person, attempt = n % people, n // people
            sheet.append([f"B{person:07d}", "BENCH", first + timedelta(days=attempt * 365 + person % 300),
                          60 + n % 41, "Passed"])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
