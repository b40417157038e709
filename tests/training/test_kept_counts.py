"""The kept compliance counts (ComplianceSnapshot) never show a stale figure: after each kind of change the
figures the pages read equal the figures counted afresh from every person's status."""
from datetime import date

import pytest

from tests.training.factories import complete, make_course, make_staff
from tests.units import unit_for
from training.imports import import_completions, import_staff
from training.models import Completion, ComplianceSnapshot, StaffMember, month_ends

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 15)
DAYS = month_ends(TODAY)
HR_HEADER = "Staff number,First name,Last name,Email,Directorate,Service,Start date,Leaving date\r\n"


@pytest.fixture
def council():
    """A course and people in two directorates, completed at various dates; the pages have read the
    figures at every date of the trend, so they are kept."""
    course = make_course(launch_date=date(2024, 1, 1))
    people = {
        "ann": make_staff(staff_number="E00001", start_date=date(2019, 1, 1)),
        "bob": make_staff(staff_number="E00002", start_date=date(2019, 1, 1), directorate="People",
                          service="Adult care"),
        "cat": make_staff(staff_number="E00003", start_date=date(2026, 3, 1), directorate="People",
                          service="Children's services"),
        "dan": make_staff(staff_number="E00004", start_date=date(2018, 6, 1)),
    }
    complete(people["ann"], course, date(2025, 12, 1))
    complete(people["bob"], course, date(2025, 2, 1))
    complete(people["dan"], course, date(2024, 11, 20))
    read(course)
    assert ComplianceSnapshot.objects.filter(course=course).count() == len(DAYS)
    return course, people


def read(course):
    """What the pages show: the trend, and each date's figures by unit, from the kept counts."""
    trend = StaffMember.objects.trend(course, DAYS)
    units = {day: StaffMember.objects.compliance_by_unit(course, day, directorates=False) for day in DAYS}
    return ([(p.on, p.total, p.counts, p.since_launch) for p in trend],
            {day: [(unit.pk if unit else None, f.counts) for unit, f in rows] for day, rows in units.items()})


def counted(course):
    """The same figures counted afresh, straight from the one definition of each status."""
    trend = []
    for day in DAYS:
        (whole,) = StaffMember.objects.compliance(course, day)
        trend.append((day, whole.total, whole.counts, Completion.objects.since_launch(course, day)))
    units = {day: [(f.group["unit"], f.counts) for f in StaffMember.objects.compliance(course, day, by=("unit",))]
             for day in DAYS}
    return trend, {day: sorted(rows, key=lambda row: (row[0] is None, unit_name(row[0])))
                   for day, rows in units.items()}


def unit_name(pk):
    from igov.org.models import Unit
    return Unit.objects.get(pk=pk).name.casefold() if pk else ""


def assert_kept_figures_are_true(course):
    assert read(course) == counted(course)


def test_the_kept_figures_equal_the_counted_ones(council):
    course, _people = council
    assert_kept_figures_are_true(course)


def test_a_completion_added_with_a_past_date_changes_the_figures_from_that_date(council):
    course, people = council
    complete(people["bob"], course, date(2026, 1, 5))
    assert ComplianceSnapshot.objects.filter(course=course, on__gte=date(2026, 1, 5)).count() == 0
    assert ComplianceSnapshot.objects.filter(course=course, on__lt=date(2026, 1, 5)).count() == 2  # kept
    assert_kept_figures_are_true(course)


def test_a_completion_deleted(council):
    course, people = council
    people["ann"].completions.get().delete()
    assert_kept_figures_are_true(course)


def test_a_completion_moved_to_an_earlier_date(council):
    course, people = council
    completion = people["ann"].completions.get()
    completion.completed_on = date(2024, 12, 1)
    completion.save()
    assert_kept_figures_are_true(course)


def test_a_staff_member_leaving(council):
    course, people = council
    people["dan"].leaving_date = date(2025, 12, 31)
    people["dan"].save()
    assert_kept_figures_are_true(course)


def test_a_staff_member_moving_unit(council):
    course, people = council
    people["ann"].unit = unit_for("People", "Adult care")
    people["ann"].save()
    assert_kept_figures_are_true(course)


def test_a_staff_member_becoming_a_line_manager_changes_the_line_managers_course(council):
    _course, people = council
    managers = make_course(code="MGR", name="Managing people", audience="managers", launch_date=date(2024, 1, 1))
    read(managers)
    people["bob"].line_manager = people["dan"]
    people["bob"].save()
    assert_kept_figures_are_true(managers)


def test_an_exemption_and_a_new_starter(council):
    course, people = council
    people["bob"].in_scope, people["bob"].exemption_reason = False, "Long-term absence"
    people["bob"].save()
    make_staff(start_date=date(2025, 8, 1))
    assert_kept_figures_are_true(course)


def test_a_completions_import(council):
    course, _people = council
    data = (b"Staff number,Course,Completed on\r\n"
            b"E00002,DP-ANNUAL,03/02/2026\r\nE00003,DP-ANNUAL,20/09/2026\r\n")
    assert import_completions(data, "lms.csv", dry_run=False, today=TODAY).ok
    assert_kept_figures_are_true(course)


def test_a_staff_import_with_a_leaver_a_move_and_a_new_starter(council):
    course, _people = council
    data = (HR_HEADER + "E00001,Ann,Lee,ann@example.gov.uk,People,Adult care,01/01/2019,\r\n"
            "E00004,Dan,Day,dan@example.gov.uk,Resources,Finance,01/06/2018,30/04/2025\r\n"
            "E00009,Eve,New,eve@example.gov.uk,Resources,Finance,01/02/2025,\r\n").encode()
    assert import_staff(data, "hr.csv", dry_run=False, today=TODAY).ok
    assert_kept_figures_are_true(course)


def test_an_import_preview_leaves_no_figures_of_its_own(council):
    course, _people = council
    before = read(course)
    data = b"Staff number,Course,Completed on\r\nE00002,DP-ANNUAL,03/02/2026\r\n"
    result = import_completions(data, "lms.csv", dry_run=True, detail=True, today=TODAY)
    assert result.ok and result.compliance  # the preview counted the figures with the import applied
    assert read(course) == before == counted(course)


def test_a_change_to_the_courses_validity(council):
    course, _people = council
    course.renewal_months = 6
    course.save()
    assert not ComplianceSnapshot.objects.filter(course=course).exists()
    assert_kept_figures_are_true(course)


@pytest.mark.parametrize("kept", [True, False])
def test_a_units_page_shows_the_same_figures_whether_the_day_is_kept_or_not(council, kept):
    from django.utils import timezone

    from igov.org.figures import unit_position

    course, _people = council
    today = timezone.localdate()
    if kept:
        StaffMember.objects.trend(course, [today])
    people = unit_for("People")
    (expected,) = StaffMember.objects.in_unit(people).compliance(course, today)
    assert unit_position(people, today).training.counts == expected.counts
    assert ComplianceSnapshot.objects.filter(course=course, on=today).exists() == kept
