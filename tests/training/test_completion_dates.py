"""A completion is dated on or after its course's launch and not in the future, by every path that records
one (the import, the admin); a formula whose value was never saved is named, never read as a blank."""
import io
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from zeal import zeal_ignore

from tests.training.factories import make_course, make_staff
from training.imports import COMPLETION_COLUMNS, STAFF_COLUMNS, import_completions, import_staff
from training.models import Completion, Course

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 15)
LAUNCH = date(2025, 11, 1)


@pytest.fixture
def course():
    return make_course(code="DP-ANNUAL", launch_date=LAUNCH)


@pytest.fixture
def person():
    return make_staff(staff_number="E00001")


def completions_csv(*dates):
    return ("Staff number,Course,Completed on\r\n" + "".join(f"E00001,DP-ANNUAL,{d}\r\n" for d in dates)).encode()


@pytest.mark.parametrize("written, message", [
    ("01/01/0001", "“01/01/0001” is not a likely date (dates start from 1900)"),
    ("0001-01-01", "“0001-01-01” is not a likely date"),
    ("31/12/1899", "“31/12/1899” is not a likely date"),
    ("31/10/2025", "Completed on 31/10/2025 is before the course launched on 01/11/2025"),
    ("16/10/2026", "Completed on 16/10/2026 is in the future"),
])
def test_an_import_refuses_a_completion_before_the_course_launched_or_in_the_future(course, person, written,
                                                                                     message):
    result = import_completions(completions_csv(written), "lms.csv", today=TODAY)
    assert [row for row, _ in result.errors] == [2]
    assert message in result.errors[0][1]


def test_an_import_accepts_a_completion_on_the_launch_day_and_today(course, person):
    result = import_completions(completions_csv("01/11/2025", "15/10/2026"), "lms.csv", today=TODAY)
    assert result.ok and result.to_add == 2


def test_an_xlsx_date_cell_before_1900_is_refused(course, person):
    data = xlsx(["Staff number", "Course", "Completed on"], ["E00001", "DP-ANNUAL", date(1800, 1, 1)])
    result = import_completions(data, "lms.xlsx", today=TODAY)
    assert result.errors == [(2, "Completed on: 01/01/1800 is not a likely date (dates start from 1900)")]


def test_an_hr_start_date_in_year_1_is_refused():
    data = (b"Staff number,First name,Last name,Directorate,Service,Start date\r\n"
            b"E1,Eve,Employee,Resources,Finance,01/01/0001\r\n")
    result = import_staff(data, "hr.csv", today=TODAY)
    assert result.errors == [(2, "Start date: “01/01/0001” is not a likely date (dates start from 1900)")]


def admin_add(client, course, person, completed_on):
    # Refused, the admin's raw-id widget looks the person up again to label the field: a second query,
    # not one per row, which django-zeal would otherwise report.
    with zeal_ignore([{"model": "training.StaffMember", "field": "*"}]):
        return client.post(reverse("admin:training_completion_add"), {
            "staff": person.pk, "course": course.pk, "completed_on": completed_on, "score": "", "passed": "on"})


@pytest.mark.parametrize("completed_on, message", [
    ("0001-01-01", "before the course launched"),
    ("2025-10-31", "The completion date 31/10/2025 is before the course launched on 01/11/2025."),
    ("2999-01-01", "The completion date 01/01/2999 is in the future."),
])
def test_the_admin_refuses_a_completion_before_the_course_launched_or_in_the_future(login, admin_user, course,
                                                                                    person, completed_on, message):
    response = admin_add(login(admin_user), course, person, completed_on)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Completion.objects.exists()


def test_the_admin_records_a_completion_on_the_launch_day(login, admin_user, course, person):
    assert admin_add(login(admin_user), course, person, "2025-11-01").status_code == 302
    assert Completion.objects.get().completed_on == LAUNCH


def test_the_admin_refuses_a_course_launched_before_1900_or_renewed_after_more_than_ten_years(login, admin_user):
    response = login(admin_user).post(reverse("admin:training_course_add"), {
        "code": "OLD", "name": "Old course", "mandatory": "on", "audience": "all", "renewal_months": "32767",
        "launch_date": "0001-01-01", "grace_days": "30", "target_percent": "95", "seen_version": "0"})
    page = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "The launch date must be on or after 1 January 1900." in page
    assert "at most 120 months" in page


@pytest.mark.parametrize("model, fields", [
    (Completion, {"completed_on": date(1, 1, 1)}),
    (Course, {"code": "OLD", "name": "Old", "launch_date": date(1899, 12, 31)}),
    (Course, {"code": "LONG", "name": "Long", "launch_date": LAUNCH, "renewal_months": 121}),
])
def test_the_database_refuses_an_implausible_date_whatever_path_writes_it(course, person, model, fields):
    if model is Completion:
        fields = {"staff": person, "course": course, **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def xlsx(header, row):
    book = Workbook()
    book.active.append(header)
    book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD_COMPLETION = {"staff number": "E00001", "course": "DP-ANNUAL", "completed on": "01/02/2026", "score": 90,
                   "result": "Passed"}
GOOD_STAFF = {"staff number": "E00002", "first name": "Eve", "last name": "Employee", "email": "eve@example.gov.uk",
              "directorate": "Resources", "service": "Finance", "line manager": "E00001",
              "employment type": "Employee", "start date": "01/06/2024", "leaving date": "",
              "in scope": "Yes", "exemption reason": "", "information asset owner": "No"}
FORMULA_CASES = [("completions", name) for name in COMPLETION_COLUMNS] + [("staff", name) for name in STAFF_COLUMNS]


@pytest.mark.parametrize("kind, column", FORMULA_CASES)
def test_a_formula_with_no_saved_value_is_named_in_every_column(course, person, kind, column):
    good, columns, importer = {"completions": (GOOD_COMPLETION, COMPLETION_COLUMNS, import_completions),
                               "staff": (GOOD_STAFF, STAFF_COLUMNS, import_staff)}[kind]
    names = list(columns)
    row = [f'="{good[name]}"' if name == column else good[name] for name in names]
    letter = "ABCDEFGHIJKLM"[names.index(column)]
    result = importer(xlsx([name.capitalize() for name in names], row), f"{kind}.xlsx", today=TODAY)
    assert result.errors == [(2, f"{column.capitalize()} (column {letter}) is a formula with no saved value")]


def test_a_formula_outside_the_documented_columns_is_ignored(course, person):
    data = xlsx(["Staff number", "Course", "Completed on", "Notes"], ["E00001", "DP-ANNUAL", "01/02/2026", "=1+1"])
    assert import_completions(data, "lms.xlsx", today=TODAY).ok


def test_the_real_import_page_today_accepts_a_completion_made_today(login, igteam, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_course(code="DP-ANNUAL", launch_date=timezone.localdate() - timedelta(days=30))
    make_staff(staff_number="E00001")
    today = f"{timezone.localdate():%d/%m/%Y}"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login(igteam).post(reverse("training:import"), {
        "kind": "completions", "file": SimpleUploadedFile("lms.csv", completions_csv(today))})
    assert "Import 1 row" in response.content.decode()
