"""The benchmark's data: a large council's registers (size 1) and ten times them (size 10), made with
each register's demo module and topped up in bulk. Topping up from size 1 to size 10 in the same
database adds only what is missing, so one run measures both sizes side by side.
"""
import math
import time
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

import actions.demo
import assets.demo
import risks.demo
import training.demo
from actions.models import Action
from assets.models import InformationAsset
from igov.accounts import demo as accounts_demo
from igov.committee import demo as committee_demo
from igov.committee.management.commands.bench_report import EDITS
from igov.committee.models import Committee, Meeting, Report
from igov.lib import bench
from igov.org import demo as org_demo
from risks.models import Risk
from training.models import Completion, Course, StaffMember

# A large council at size 1; the "ten times a large council" at size 10.
PER_SIZE = {"staff": 2_000, "completions": 20_000, "actions": 200, "assets": 500, "risks": 100,
            "history_rows": 50_000}
SIZES = {"large": 1, "10x": 10}
# Each size's staff are made by training.demo at this many people per scale step.
STAFF_PER_STEP = 200
# Annual courses besides the demo's data protection module: a council keeps several years of each.
COURSES = [("CYBER-ANNUAL", "Cyber security awareness (annual)"), ("RM-ANNUAL", "Records management (annual)"),
           ("FOI-ANNUAL", "Freedom of information and subject access (annual)")]
YEARS_OF_COURSES = 6
COMMITTEE = "Benchmark committee"
REPORT_DAYS_AGO = 60


def wanted(size: int) -> dict[str, int]:
    return {what: count * size for what, count in PER_SIZE.items()}


def seed(size: int, stdout, today: date | None = None) -> dict[str, int]:
    """Brings the database up to `size` (1 or 10) and returns what it holds."""
    today = today or timezone.localdate()
    want = wanted(size)
    steps = [
        ("users and units", lambda: (accounts_demo.seed(1, today, stdout), org_demo.seed(1, today, stdout))),
        ("staff", lambda: _staff(want["staff"], today, stdout)),
        ("completions", lambda: _completions(want["completions"], today)),
        ("actions", lambda: (actions.demo.seed(1, today, stdout), _actions(want["actions"], today))),
        ("assets", lambda: assets.demo.seed(math.ceil(want["assets"] / 56), today, stdout)),
        ("risks", lambda: risks.demo.seed(math.ceil(want["risks"] / len(risks.demo.RISKS)), today, stdout)),
        ("committee", lambda: (committee_demo.seed(1, today, stdout), draft_report(today))),
    ]
    with transaction.atomic():
        for name, step in steps:
            _timed(name, step, stdout)
    rows = bench.history_row_count()
    if rows < want["history_rows"]:
        _timed(f"{want['history_rows'] - rows:,} history rows", lambda: bench.add_history(
            EDITS, want["history_rows"] - rows, until=timezone.now() - timedelta(hours=1)), stdout)
    _timed("ANALYZE", bench.analyze, stdout)
    return holdings()


def _timed(name: str, step, stdout) -> None:
    started = time.perf_counter()
    step()
    stdout.write(f"  {name}: {time.perf_counter() - started:.1f} s")


def holdings() -> dict[str, int]:
    return {"staff": StaffMember.objects.count(), "completions": Completion.objects.count(),
            "actions": Action.objects.count(), "assets": InformationAsset.objects.count(),
            "risks": Risk.objects.count(), "history_rows": bench.history_row_count()}


def _staff(count: int, today: date, stdout) -> None:
    """training.demo's staff (and the councillors), `count` of them, with their data protection module."""
    steps = math.ceil(count / STAFF_PER_STEP)
    per_scale, training.demo.STAFF_PER_SCALE = training.demo.STAFF_PER_SCALE, STAFF_PER_STEP
    try:
        training.demo.seed(steps, today, stdout)
    finally:
        training.demo.STAFF_PER_SCALE = per_scale


def _completions(count: int, today: date) -> None:
    """Up to `count` completions in all: the other annual courses, year after year since each person
    started (or the course launched), year by year across everyone so each person has a share."""
    launched = date(today.year - YEARS_OF_COURSES, 4, 1)
    courses = [Course.objects.get_or_create(code=code, defaults={
        "name": name, "renewal_months": 12, "launch_date": launched, "grace_days": 30, "target_percent": 95})[0]
        for code, name in COURSES]
    missing = count - Completion.objects.count()
    if missing <= 0:
        return
    done = set(Completion.objects.filter(course__in=courses).values_list("staff_id", "course_id", "completed_on"))
    staff = list(StaffMember.objects.exclude(employment_type=StaffMember.EmploymentType.COUNCILLOR)
                 .order_by("pk").values_list("pk", "start_date", "leaving_date"))
    new = []
    for year in range(YEARS_OF_COURSES):
        for n, course in enumerate(courses):
            for pk, start, leaving in staff:
                on = max(launched, start) + timedelta(days=365 * year + (pk * 7 + n * 31) % 200)
                if on <= min(today, leaving or today) and (pk, course.pk, on) not in done:
                    new.append(Completion(staff_id=pk, course=course, completed_on=on, score=60 + pk % 41))
                    if len(new) == missing:
                        Completion.objects.bulk_create(new, batch_size=5_000)
                        return
    Completion.objects.bulk_create(new, batch_size=5_000)


def _actions(count: int, today: date) -> None:
    """Internal audit plans of 60 actions each (actions.demo's) until there are `count` actions."""
    people, n = actions.demo.demo_people(), 1
    while Action.objects.count() < count:
        actions.demo._internal_audit_plan(n, today, people)
        n += 1


def draft_report(today: date) -> Report:
    """A draft report for a meeting REPORT_DAYS_AGO, the previous one 90 days before it: the report
    page and its PDF show the registers as at that past date."""
    committee, _ = Committee.objects.get_or_create(name=COMMITTEE)
    on = today - timedelta(days=REPORT_DAYS_AGO)
    Meeting.objects.get_or_create(committee=committee, date=on - timedelta(days=90))
    meeting, _ = Meeting.objects.get_or_create(committee=committee, date=on)
    report = meeting.reports.first()
    return report or Report.objects.create(meeting=meeting, author="Benchmark")
