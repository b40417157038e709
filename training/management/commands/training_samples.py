import csv
import random
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from openpyxl import Workbook

from training.models import Completion, Course, StaffMember

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "samples"


class Command(BaseCommand):
    help = (
        "Writes sample HR and learning system exports for trying the import against the demo data "
        "(run seed_demo first): hr_staff.csv, lms_completions.csv and .xlsx (new completions for people "
        "still to complete, plus some already present), lms_completions_with_errors.csv. "
        "Deterministic for a given database and day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(DEFAULT_FOLDER), help="where to write (default training/samples)")

    def handle(self, *args, folder, **options):
        course = Course.objects.main()
        if course is None:
            raise CommandError("No course: run manage.py seed_demo first.")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        today = timezone.localdate()
        rng = random.Random(1487)
        staff = list(StaffMember.objects.filter(staff_number__startswith="E").select_related("line_manager")
                     .order_by("staff_number")[:200])
        hr_header = ["Staff number", "First name", "Last name", "Email", "Directorate", "Service", "Line manager",
                     "Employment type", "Start date", "Leaving date", "In scope", "Exemption reason",
                     "Information asset owner"]
        hr_rows = [[s.staff_number, s.first_name, s.last_name, s.email, s.directorate, s.service,
                    s.line_manager.staff_number if s.line_manager else "", s.get_employment_type_display(),
                    f"{s.start_date:%d/%m/%Y}", f"{s.leaving_date:%d/%m/%Y}" if s.leaving_date else "",
                    "Yes" if s.in_scope else "No", s.exemption_reason, "Yes" if s.is_iao else "No"] for s in staff]
        for row in hr_rows[1:4]:  # three leavers at the end of last month
            row[9] = f"{today.replace(day=1) - timedelta(days=1):%d/%m/%Y}"
        for n in range(1, 6):  # five new starters
            hr_rows.append([f"N{n:06d}", rng.choice(["Asha", "Owain", "Kirsty", "Tomasz", "Grace"]),
                            rng.choice(["Begum", "Pryce", "MacLeod", "Nowak", "Adeyemi"]), "", "Resources",
                            "Finance", hr_rows[0][0], "Employee", f"{today - timedelta(days=n * 3):%d/%m/%Y}", "",
                            "Yes", "", "No"])
        self._csv(folder / "hr_staff.csv", hr_header, hr_rows)

        lms_header = ["Staff number", "Course", "Completed on", "Score", "Result"]
        todo = list(StaffMember.objects.still_to_complete(course, today).order_by("staff_number")
                    .values_list("staff_number", flat=True)[:300])
        lms_rows = [[number, course.code, f"{today - timedelta(days=rng.randint(0, 20)):%d/%m/%Y}",
                     rng.randint(70, 100), "Passed"] for number in todo]
        present = Completion.objects.filter(course=course).select_related("staff").order_by("pk")[:20]
        lms_rows += [[c.staff.staff_number, course.code, f"{c.completed_on:%d/%m/%Y}", c.score, "Passed"]
                     for c in present]
        self._csv(folder / "lms_completions.csv", lms_header, lms_rows)
        self._xlsx(folder / "lms_completions.xlsx", lms_header, lms_rows)
        bad = [row[:] for row in lms_rows[:10]]
        bad[2][0] = "X999999"
        bad[4][2] = "31/02/2026"
        bad[6][2] = f"{today + timedelta(days=30):%d/%m/%Y}"
        bad[8] = bad[7][:]
        self._csv(folder / "lms_completions_with_errors.csv", lms_header, bad)
        self.stdout.write(self.style.SUCCESS(f"sample files written to {folder}"))

    def _csv(self, path, header, rows):
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    def _xlsx(self, path, header, rows):
        book = Workbook()
        sheet = book.active
        sheet.title = "Completions"
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        book.save(path)
