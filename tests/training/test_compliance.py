"""Compliance as at a date, on hand-built cases whose answers can be worked out on paper."""
from datetime import date

import pytest
from django.db import connection

from tests.training.factories import complete, make_course, make_staff
from tests.units import unit_for
from training.models import ComplianceFigures, Course, StaffMember, add_months, month_ends

S = StaffMember.Status
pytestmark = pytest.mark.django_db
ON = date(2026, 10, 15)
# Counting a date not kept yet locks the course row first where the database can (PostgreSQL).
LOCK = int(connection.features.has_select_for_update)


def status_of(staff, course, on=ON):
    row = StaffMember.objects.with_status(course, on).filter(pk=staff.pk).values_list("status", flat=True)
    return row[0] if row else None


def test_a_completion_within_the_renewal_period_is_compliant():
    course = make_course()
    staff = make_staff()
    complete(staff, course, date(2026, 1, 10))
    assert status_of(staff, course) == S.COMPLIANT


def test_a_completion_exactly_twelve_months_ago_has_expired():
    course = make_course()
    staff = make_staff()
    complete(staff, course, date(2025, 10, 15))
    assert status_of(staff, course) == S.OVERDUE
    assert status_of(staff, course, date(2026, 10, 14)) == S.DUE_SOON


def test_a_completion_expiring_within_30_days_is_due_soon():
    course = make_course()
    staff = make_staff()
    complete(staff, course, date(2025, 11, 14))  # expires 14 November 2026, 30 days after ON
    assert status_of(staff, course) == S.DUE_SOON
    complete(staff, course, date(2025, 11, 15)) if False else None
    other = make_staff()
    complete(other, course, date(2025, 11, 15))  # expires 15 November: 31 days away
    assert status_of(other, course) == S.COMPLIANT


def test_the_latest_completion_counts_not_an_older_one():
    course = make_course()
    staff = make_staff()
    complete(staff, course, date(2024, 3, 1))
    complete(staff, course, date(2026, 3, 1))
    assert status_of(staff, course) == S.COMPLIANT
    assert status_of(staff, course, date(2025, 6, 1)) == S.OVERDUE


def test_a_completion_after_the_date_does_not_count_as_at_the_date():
    course = make_course()
    staff = make_staff()
    complete(staff, course, date(2026, 11, 1))
    assert status_of(staff, course) == S.NEVER


def test_a_failed_attempt_is_not_a_completion():
    course = make_course()
    staff = make_staff()
    complete(staff, course, date(2026, 5, 1), passed=False, score=40)
    assert status_of(staff, course) == S.NEVER


def test_a_new_starter_is_in_grace_for_the_grace_period_then_never_completed():
    course = make_course(grace_days=30)
    starter = make_staff(start_date=date(2026, 9, 16))  # day 29 of 30 on ON
    assert status_of(starter, course) == S.GRACE
    assert status_of(starter, course, date(2026, 10, 16)) == S.NEVER


def test_a_new_starter_who_has_completed_is_compliant_not_in_grace():
    course = make_course()
    starter = make_staff(start_date=date(2026, 10, 1))
    complete(starter, course, date(2026, 10, 3))
    assert status_of(starter, course) == S.COMPLIANT


def test_leavers_are_out_of_scope_from_their_leaving_date():
    course = make_course()
    leaver = make_staff(leaving_date=date(2026, 6, 30))
    assert status_of(leaver, course) is None
    assert status_of(leaver, course, date(2026, 6, 29)) == S.NEVER


def test_someone_not_yet_started_is_out_of_scope():
    course = make_course()
    assert status_of(make_staff(start_date=date(2026, 11, 1)), course) is None


def test_exempt_staff_are_out_of_scope():
    course = make_course()
    exempt = make_staff(in_scope=False, exemption_reason="Long-term absence")
    assert status_of(exempt, course) is None


def test_all_staff_courses_include_agency_and_contractors_but_not_councillors():
    course = make_course(audience=Course.Audience.ALL_STAFF)
    agency = make_staff(employment_type=StaffMember.EmploymentType.AGENCY)
    contractor = make_staff(employment_type=StaffMember.EmploymentType.CONTRACTOR)
    councillor = make_staff(employment_type=StaffMember.EmploymentType.COUNCILLOR)
    assert status_of(agency, course) == S.NEVER
    assert status_of(contractor, course) == S.NEVER
    assert status_of(councillor, course) is None


def test_an_employees_only_course_leaves_out_agency_workers():
    course = make_course(audience=Course.Audience.EMPLOYEES)
    assert status_of(make_staff(employment_type=StaffMember.EmploymentType.AGENCY), course) is None
    assert status_of(make_staff(), course) == S.NEVER


def test_a_councillors_course_is_for_councillors_only():
    course = make_course(audience=Course.Audience.COUNCILLORS)
    assert status_of(make_staff(employment_type=StaffMember.EmploymentType.COUNCILLOR), course) == S.NEVER
    assert status_of(make_staff(), course) is None


def test_a_managers_course_is_for_people_with_reports_counted_once():
    course = make_course(audience=Course.Audience.MANAGERS)
    manager = make_staff()
    make_staff(line_manager=manager)
    make_staff(line_manager=manager)
    assert status_of(manager, course) == S.NEVER
    assert StaffMember.objects.in_scope_for(course, ON).count() == 1


def test_an_iao_course_is_for_information_asset_owners():
    course = make_course(audience=Course.Audience.IAOS)
    assert status_of(make_staff(is_iao=True), course) == S.NEVER
    assert status_of(make_staff(), course) is None


def test_a_course_that_never_expires_stays_compliant():
    course = make_course(renewal_months=None)
    staff = make_staff()
    complete(staff, course, date(2019, 1, 1))
    assert status_of(staff, course) == S.COMPLIANT


def build_council(course):
    """Two directorates, seven people, every status once or more."""
    people = {
        "ok": make_staff(directorate="Resources", service="Finance"),
        "due": make_staff(directorate="Resources", service="Finance"),
        "overdue": make_staff(directorate="Resources", service="Legal"),
        "never": make_staff(directorate="People", service="Adult care"),
        "grace": make_staff(directorate="People", service="Adult care", start_date=date(2026, 10, 1)),
        "ok2": make_staff(directorate="People", service="Children's services"),
        "left": make_staff(directorate="People", service="Adult care", leaving_date=date(2026, 1, 1)),
    }
    complete(people["ok"], course, date(2026, 2, 1))
    complete(people["ok2"], course, date(2026, 2, 1))
    complete(people["due"], course, date(2025, 11, 1))
    complete(people["overdue"], course, date(2025, 1, 1))
    complete(people["left"], course, date(2025, 12, 1))
    return people


def test_directorate_figures_add_up_to_the_whole_council():
    course = make_course()
    build_council(course)
    by_directorate = StaffMember.objects.compliance_by_unit(course, ON)
    assert [unit.name for unit, _f in by_directorate] == ["People", "Resources"]
    (whole,) = StaffMember.objects.compliance(course, ON)
    summed = ComplianceFigures.total_of([f for _u, f in by_directorate], course)
    assert (summed.total, summed.counts) == (whole.total, whole.counts)
    assert whole.total == 6
    assert whole.counts == {S.COMPLIANT: 2, S.DUE_SOON: 1, S.OVERDUE: 1, S.NEVER: 1, S.GRACE: 1}
    assert sum(whole.counts.values()) == whole.total


def test_the_percentage_counts_due_soon_as_valid_and_leaves_out_new_starters_in_grace():
    course = make_course()
    build_council(course)
    (whole,) = StaffMember.objects.compliance(course, ON)
    assert whole.valid == 3 and whole.base == 5
    assert whole.percent == 60.0
    assert not whole.meets_target


def test_service_figures_add_up_to_their_directorate():
    course = make_course()
    build_council(course)
    services = StaffMember.objects.compliance_by_unit(course, ON, within=unit_for("People"), directorates=False)
    assert {unit.name: f.total for unit, f in services} == {"Adult care": 2, "Children's services": 1}


def test_the_trend_gives_the_same_figures_as_compliance_on_each_date():
    course = make_course()
    build_council(course)
    days = month_ends(ON, 12)
    trend = StaffMember.objects.trend(course, days)
    for day, point in zip(days, trend, strict=True):
        (expected,) = StaffMember.objects.compliance(course, day)
        assert (point.total, point.counts) == (expected.total, expected.counts), day


def test_the_trend_is_counted_in_one_query_and_kept_then_read_in_one(django_assert_num_queries):
    course = make_course()
    build_council(course)
    with django_assert_num_queries(3 + LOCK):  # what is kept (nothing yet), the count, keeping it
        first = StaffMember.objects.trend(course, month_ends(ON, 12))
    with django_assert_num_queries(1):
        again = StaffMember.objects.trend(course, month_ends(ON, 12))
    assert [(p.on, p.counts) for p in again] == [(p.on, p.counts) for p in first]


def test_completions_since_launch_count_people_not_attempts():
    course = make_course(launch_date=date(2025, 11, 1))
    staff = make_staff()
    complete(staff, course, date(2025, 12, 1))
    complete(staff, course, date(2026, 2, 1))
    complete(make_staff(), course, date(2025, 10, 1))  # before launch
    from training.models import Completion

    assert Completion.objects.since_launch(course, ON) == 1


def test_adding_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -13) == date(2025, 2, 28)


def test_month_ends_run_up_to_the_date():
    assert month_ends(date(2026, 10, 15), 3) == [date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 15)]


def test_the_council_summary_gives_the_headline_for_dashboards_and_reports(django_assert_num_queries):
    from training.models import council_summary

    assert council_summary(ON) is None
    course = make_course()
    build_council(course)
    with django_assert_num_queries(4 + LOCK):  # the course, and the counts: read, counted, kept
        summary = council_summary(ON)
    with django_assert_num_queries(2):
        assert council_summary(ON) == summary
    assert summary["course"] == course
    assert (summary["figures"].percent, summary["since_launch"]) == (60.0, 4)  # 2025-01 was before launch
