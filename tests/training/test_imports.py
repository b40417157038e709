"""Imports: dry run first, all or nothing, idempotent, every bad row named with its row number."""
import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.training.factories import make_course, make_staff
from tests.units import unit_for
from training.imports import import_completions, import_staff
from training.models import Completion, ImportRun, StaffMember

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 15)
HEADER = "Staff number,Course,Completed on,Score,Result\r\n"


def csv_file(*lines, header=HEADER):
    return (header + "".join(line + "\r\n" for line in lines)).encode()


def xlsx_file(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def course():
    return make_course(code="DP-ANNUAL")


@pytest.fixture
def people():
    return [make_staff(staff_number=f"E{n:05d}") for n in range(1, 4)]


def test_a_dry_run_reports_what_it_would_add_and_writes_nothing(course, people):
    data = csv_file("E00001,DP-ANNUAL,01/02/2026,90,Passed", "E00002,dp-annual,2026-03-04,,")
    result = import_completions(data, "lms.csv", today=TODAY)
    assert result.ok and result.to_add == 2 and result.rows == 2
    assert Completion.objects.count() == 0 and ImportRun.objects.count() == 0


def test_a_confirmed_import_adds_the_rows_and_records_the_run(course, people, igteam):
    data = csv_file("E00001,DP-ANNUAL,01/02/2026,90,Passed", "E00002,Data protection (annual),2026-03-04,,")
    result = import_completions(data, "lms.csv", user=igteam, dry_run=False, today=TODAY)
    assert Completion.objects.count() == 2
    run = ImportRun.objects.get()
    assert (run.imported_by, run.file_name, run.rows, run.added, run.unchanged) == (igteam, "lms.csv", 2, 2, 0)
    assert run.checksum == result.checksum and len(run.checksum) == 64
    assert set(Completion.objects.values_list("import_run", flat=True)) == {run.pk}


def test_importing_the_same_file_twice_adds_nothing_the_second_time(course, people):
    data = csv_file("E00001,DP-ANNUAL,01/02/2026,90,Passed", "E00002,DP-ANNUAL,04/03/2026,,")
    import_completions(data, "lms.csv", dry_run=False, today=TODAY)
    again = import_completions(data, "lms.csv", dry_run=False, today=TODAY)
    assert (again.to_add, again.unchanged) == (0, 2)
    assert Completion.objects.count() == 2
    assert list(ImportRun.objects.order_by("pk").values_list("added", flat=True)) == [2, 0]


def test_each_bad_row_is_named_with_its_row_number_and_reason(course, people):
    data = csv_file("E00001,DP-ANNUAL,01/02/2026,90,Passed",     # row 2: fine
                    "E99999,DP-ANNUAL,01/02/2026,,",             # row 3: unknown staff number
                    "E00002,DP-ANNUAL,31/02/2026,,",             # row 4: bad date
                    "E00002,DP-ANNUAL,01/12/2026,,",             # row 5: in the future
                    "E00001,DP-ANNUAL,2026-02-01,,",             # row 6: duplicate of row 2
                    "E00003,NOPE,01/02/2026,,",                  # row 7: unknown course
                    "E00003,DP-ANNUAL,01/02/2026,120,")          # row 8: score out of range
    result = import_completions(data, "lms.csv", dry_run=False, today=TODAY)
    rows = dict(result.errors)
    assert sorted(rows) == [3, 4, 5, 6, 7, 8]
    assert "Unknown staff number E99999" in rows[3]
    assert "not a date" in rows[4]
    assert "in the future" in rows[5]
    assert "Duplicate of row 2" in rows[6]
    assert "Unknown course" in rows[7]
    assert "between 0 and 100" in rows[8]
    assert Completion.objects.count() == 0 and ImportRun.objects.count() == 0


def test_an_error_on_row_9999_of_10000_leaves_the_database_unchanged_and_names_the_row(course):
    unit = unit_for("D", "S")
    StaffMember.objects.bulk_create([StaffMember(staff_number=f"E{n:05d}", first_name="A", last_name=f"B{n}",
                                                 unit=unit, start_date=date(2020, 1, 1))
                                     for n in range(10_000)])
    lines = [f"E{n:05d},DP-ANNUAL,01/02/2026,80,Passed" for n in range(10_000)]
    lines[9_997] = "E09997,DP-ANNUAL,not a date,80,Passed"  # the file's row 9,999 (the header is row 1)
    result = import_completions(csv_file(*lines), "lms.csv", dry_run=False, today=TODAY)
    assert [row for row, _ in result.errors] == [9_999]
    assert Completion.objects.count() == 0 and ImportRun.objects.count() == 0


def test_a_failure_while_writing_rolls_the_whole_import_back(course, people, monkeypatch):
    from training import imports

    real_insert = imports._insert_completions

    def insert_one_then_fail(rows, run):
        real_insert(rows[:1], run)
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_insert_completions", insert_one_then_fail)
    data = csv_file("E00001,DP-ANNUAL,01/02/2026,,", "E00002,DP-ANNUAL,01/02/2026,,")
    with pytest.raises(RuntimeError):
        import_completions(data, "lms.csv", dry_run=False, today=TODAY)
    assert Completion.objects.count() == 0 and ImportRun.objects.count() == 0


def test_missing_columns_are_listed(course, people):
    result = import_completions(csv_file("E00001,01/02/2026", header="Employee ID,Date\r\n"), "lms.csv")
    assert result.missing_columns == ["course", "completed on"]


def test_common_header_aliases_are_recognised(course, people):
    data = csv_file("E00001,DP-ANNUAL,01/02/2026", header="Employee Number,Course Code,Completion Date\r\n")
    assert import_completions(data, "lms.csv", today=TODAY).to_add == 1


def test_an_xlsx_export_with_real_dates_imports(course, people):
    data = xlsx_file([["Staff number", "Course", "Completed on", "Score"],
                      ["E00001", "DP-ANNUAL", date(2026, 2, 1), 85], [None, None, None, None]])
    result = import_completions(data, "lms.xlsx", dry_run=False, today=TODAY)
    assert result.ok and result.rows == 1
    assert Completion.objects.get().score == 85


def test_a_failed_attempt_is_imported_as_not_passed(course, people):
    import_completions(csv_file("E00001,DP-ANNUAL,01/02/2026,40,Failed"), "lms.csv", dry_run=False, today=TODAY)
    assert Completion.objects.get().passed is False


STAFF_HEADER = ("Staff number,First name,Last name,Email,Directorate,Service,Line manager,Employment type,"
                "Start date,Leaving date,In scope,Exemption reason\r\n")


def test_the_hr_list_adds_new_staff_and_links_their_managers():
    data = csv_file("M1,Mary,Manager,mary@example.gov.uk,Resources,Finance,,Employee,01/01/2015,,,",
                    "E1,Eve,Employee,,Resources,Finance,M1,Agency,01/06/2024,,,",
                    header=STAFF_HEADER)
    result = import_staff(data, "hr.csv", dry_run=False)
    assert (result.to_add, result.to_update) == (2, 0)
    eve = StaffMember.objects.get(staff_number="E1")
    assert eve.line_manager.staff_number == "M1"
    assert eve.employment_type == StaffMember.EmploymentType.AGENCY


def test_the_hr_list_updates_changed_staff_marks_leavers_and_deletes_nobody():
    make_staff(staff_number="E1", first_name="Eve", last_name="Employee", directorate="Resources",
               service="Finance", start_date=date(2024, 6, 1))
    make_staff(staff_number="E2", first_name="Not", last_name="Listed")
    data = csv_file("E1,Eve,Employee,,Resources,Finance,,Employee,01/06/2024,30/09/2026,,",
                    header=STAFF_HEADER)
    preview = import_staff(data, "hr.csv")
    assert (preview.to_add, preview.to_update, preview.unchanged) == (0, 1, 0)
    assert "not in this file" in preview.notes[0]
    import_staff(data, "hr.csv", dry_run=False)
    assert StaffMember.objects.get(staff_number="E1").leaving_date == date(2026, 9, 30)
    assert StaffMember.objects.filter(staff_number="E2").exists()
    again = import_staff(data, "hr.csv", dry_run=False)
    assert (again.to_add, again.to_update, again.unchanged) == (0, 0, 1)


def test_the_hr_list_rejects_exemptions_without_a_reason_and_unknown_managers():
    data = csv_file("E1,Eve,Employee,,Resources,Finance,,Employee,01/06/2024,,No,",
                    "E2,Ed,Else,,Resources,Finance,X9,Employee,01/06/2024,,,",
                    "E3,Al,Also,,Resources,Finance,,Temp,01/06/2024,,,",
                    "E3,Al,Again,,Resources,Finance,,Employee,01/06/2024,01/01/2020,,",
                    header=STAFF_HEADER)
    result = import_staff(data, "hr.csv", dry_run=False)
    rows = dict(result.errors)
    assert "exemption reason" in rows[2]
    assert "Line manager X9" in rows[3]
    assert "Employment type" in rows[4]
    assert "Leaving date is before" in rows[5] or "also on row" in rows[5]
    assert StaffMember.objects.count() == 0


def test_an_hr_exemption_with_a_reason_is_kept():
    data = csv_file("E1,Eve,Employee,,Resources,Finance,,Employee,01/06/2024,,No,Long-term absence",
                    header=STAFF_HEADER)
    import_staff(data, "hr.csv", dry_run=False)
    eve = StaffMember.objects.get()
    assert (eve.in_scope, eve.exemption_reason) == (False, "Long-term absence")


def test_an_hr_list_without_an_optional_column_keeps_what_is_on_record():
    make_staff(staff_number="E1", first_name="Eve", last_name="Employee", directorate="Resources",
               service="Finance", start_date=date(2024, 6, 1), is_iao=True, email="eve@example.gov.uk")
    data = csv_file("E1,Eve,Employee,Resources,Finance,01/06/2024",
                    header="Staff number,First name,Last name,Directorate,Service,Start date\r\n")
    result = import_staff(data, "hr.csv", dry_run=False)
    assert (result.to_update, result.unchanged) == (0, 1)
    eve = StaffMember.objects.get()
    assert eve.is_iao and eve.email == "eve@example.gov.uk"


def test_a_title_above_the_header_is_skipped_and_row_numbers_stay_the_spreadsheets(course, people):
    data = xlsx_file([["Learning system export"], ["Run on 1 March 2026"], [],
                      ["Staff number", "Course", "Completed on"], ["E00001", "DP-ANNUAL", "01/02/2026"],
                      ["E00077", "DP-ANNUAL", "01/02/2026"]])
    result = import_completions(data, "lms.xlsx", today=TODAY)
    assert result.to_add == 1
    assert result.errors == [(6, "Unknown staff number E00077 (import the HR staff list first)")]


def test_the_command_reports_progress_and_imports(course, people, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "lms.csv"
    path.write_bytes(csv_file(*[f"E0000{1 + n % 3},DP-ANNUAL,{1 + n % 28:02d}/0{1 + n // 28}/2026"
                                for n in range(84)]))
    out = io.StringIO()
    call_command("import_completions", str(path), stdout=out)
    assert "84 rows; added 84" in out.getvalue()
    assert Completion.objects.count() == 84 and ImportRun.objects.get().imported_by is None
