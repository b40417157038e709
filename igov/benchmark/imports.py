"""The imports against a bare openpyxl read of the same file: the training completions import (issue 7's
benchmark, also `manage.py bench_import`) and each register's spreadsheet import, a dry run of its own
export (the round trip an IG officer makes).

Both sides run in this process. The training import is timed in CPU seconds as bench_import always was
(its SQLite database ran in-process); the register imports, which read the database, in wall seconds.
"""
import io
import resource
import statistics
import time
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from actions.models import ActionPlan
from igov.imports.columns import Context
from igov.imports.importer import run_import
from igov.imports.registers import registers
from igov.lib.exports import xlsx_workbook
from igov.org.models import Unit
from training.imports import import_completions
from training.models import Completion, Course, StaffMember


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_parse(data: bytes) -> int:
    """Every row of the first sheet read with openpyxl's read-only mode: the least an import can do."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def completions_workbook(rows: int, people: int) -> bytes:
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


def cpu_seconds(task) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of task()."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = task()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def training_import(rows: int) -> dict:
    """The completions import of `rows` rows (a quarter as many new staff, made first) against the better
    of two bare parses; everything written is rolled back."""
    people = max(rows // 4, 1)
    data = completions_workbook(rows, people)
    bare_cpu, bare_wall, counted = cpu_seconds(lambda: bare_parse(data))
    with transaction.atomic():
        course = Course.objects.create(code="BENCH", name="Benchmark course", launch_date=date(2020, 1, 1))
        unit = Unit.objects.create(code="BENCH", name="Benchmark service")
        StaffMember.objects.bulk_create(
            [StaffMember(staff_number=f"B{n:07d}", first_name="Bench", last_name=str(n), unit=unit,
                         start_date=date(2015, 1, 1)) for n in range(people)], batch_size=5000)
        cpu, wall, result = cpu_seconds(
            lambda: import_completions(data, "bench.xlsx", dry_run=False, today=date(2026, 1, 1)))
        if not result.ok:
            raise RuntimeError(f"the benchmark's completions did not import: {result.errors[:5]}")
        stored = Completion.objects.filter(course=course).count()
        transaction.set_rollback(True)
    second_cpu, second_wall, _ = cpu_seconds(lambda: bare_parse(data))
    return {"rows": counted - 1, "stored": stored, "megabytes": round(len(data) / 1024 / 1024, 1),
            "import_cpu_s": round(cpu, 2), "import_wall_s": round(wall, 2),
            "bare_cpu_s": round(min(bare_cpu, second_cpu), 2), "bare_wall_s": round(min(bare_wall, second_wall), 2),
            "ratio": round(cpu / min(bare_cpu, second_cpu), 2), "peak_rss_mb": round(peak_mb())}


def register_imports(user, repeat: int = 3) -> dict[str, dict]:
    """For each register, its export as an XLSX, dry-run imported against a bare parse (medians of
    `repeat` runs, alternating)."""
    today = timezone.localdate()
    results = {}
    for kind, register in registers().items():
        plan = None
        if register.needs_plan:
            plan = max(ActionPlan.objects.all(), key=lambda p: p.actions.count())
        context = Context(user=user, plan=plan, today=today)
        data = xlsx_workbook([(register.title, register.headers(),
                               list(register.rows(register.queryset(context), context)))])
        imports, bares = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            preview = run_import(register, data, f"{kind}.xlsx",
                                 context=Context(user=user, plan=plan, today=today), dry_run=True)
            imports.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare_parse(data)
            bares.append(time.perf_counter() - started)
        errors = [(row.number, row.errors) for row in preview.errors[:3]]
        results[kind] = {"rows": len(preview.rows), "errors": len(preview.errors), "first_errors": errors,
                         "import_s": round(statistics.median(imports), 3), "bare_s": round(statistics.median(bares), 3),
                         "ratio": round(statistics.median(imports) / statistics.median(bares), 2)}
    return results
