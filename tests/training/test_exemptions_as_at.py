"""Compliance as at a past date counts people by the exemption and employment type in force then,
read from the staff records' history (made by every save and by the HR import)."""
from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.training.factories import make_course, make_staff
from training.imports import import_staff
from training.models import StaffMember

pytestmark = pytest.mark.django_db
STAFF_HEADER = ("Staff number,First name,Last name,Email,Directorate,Service,Line manager,Employment type,"
                "Start date,Leaving date,In scope,Exemption reason\r\n")
BEFORE, AFTER = date(2025, 3, 31), date(2025, 7, 31)


def at(day):
    return time_machine.travel(timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=10))),
                               tick=False)


def in_scope(course, on):
    (figures,) = StaffMember.objects.compliance(course, on)
    return figures.total


@pytest.fixture
def course():
    return make_course(launch_date=date(2024, 11, 1))


def test_a_person_exempted_after_a_date_still_counts_in_scope_on_that_date(course):
    with at(date(2025, 1, 6)):
        person = make_staff(start_date=date(2020, 1, 1))
        make_staff(start_date=date(2020, 1, 1))
    with at(date(2025, 6, 2)):
        person.in_scope, person.exemption_reason = False, "Long-term absence"
        person.save()
    assert in_scope(course, BEFORE) == 2
    assert in_scope(course, AFTER) == 1
    assert in_scope(course, timezone.localdate()) == 1


def test_a_person_brought_into_scope_after_a_date_is_not_counted_on_that_date(course):
    with at(date(2025, 1, 6)):
        person = make_staff(start_date=date(2020, 1, 1), in_scope=False, exemption_reason="Seconded out")
    with at(date(2025, 6, 2)):
        person.in_scope, person.exemption_reason = True, ""
        person.save()
    assert in_scope(course, BEFORE) == 0
    assert in_scope(course, AFTER) == 1


def test_the_employment_type_in_force_then_decides_the_audience(course):
    # A councillor is outside the all-staff audience; an employee who became one counted until then.
    with at(date(2025, 1, 6)):
        person = make_staff(start_date=date(2020, 1, 1))
    with at(date(2025, 6, 2)):
        person.employment_type = StaffMember.EmploymentType.COUNCILLOR
        person.save()
    assert in_scope(course, BEFORE) == 1
    assert in_scope(course, AFTER) == 0


def test_before_a_record_was_made_the_record_as_first_made_counts(course):
    # HR loads people who started long before: before the load, the first known terms stand.
    with at(date(2025, 6, 2)):
        person = make_staff(start_date=date(2020, 1, 1))
    with at(date(2025, 8, 4)):
        person.in_scope, person.exemption_reason = False, "Career break"
        person.save()
    assert in_scope(course, BEFORE) == 1
    assert in_scope(course, date(2025, 9, 1)) == 0


def test_the_hr_import_leaves_history_as_the_importing_user(course, igteam):
    data = (STAFF_HEADER + "E1,Eve,Employee,,Resources,Finance,,Employee,01/06/2020,,,\r\n").encode()
    with at(date(2025, 1, 6)):
        import_staff(data, "hr-january.csv", dry_run=False, user=igteam)
    exempt = (STAFF_HEADER + "E1,Eve,Employee,,Resources,Finance,,Employee,01/06/2020,,No,Maternity leave\r\n")
    with at(date(2025, 6, 2)):
        import_staff(exempt.encode(), "hr-june.csv", dry_run=False, user=igteam)
    rows = list(StaffMember.history.order_by("history_date").values_list(
        "history_type", "history_user", "in_scope", "first_name", "history_change_reason"))
    assert rows == [("+", igteam.pk, True, "Eve", "HR import of hr-january.csv"),
                    ("~", igteam.pk, False, "Eve", "HR import of hr-june.csv")]
    assert in_scope(course, BEFORE) == 1
    assert in_scope(course, AFTER) == 0


def test_the_compliance_query_does_not_grow_with_history_depth(course):
    def queries(on):
        with CaptureQueriesContext(connection) as captured:
            StaffMember.objects.compliance_by_unit(course, on)
            StaffMember.objects.trend(course, [BEFORE, AFTER])
        return len(captured)

    with at(date(2025, 1, 6)):
        people = [make_staff(start_date=date(2020, 1, 1)) for _ in range(3)]
    shallow = queries(BEFORE)
    for month in range(2, 12):
        with at(date(2025, month, 2)):
            for person in people:
                person.in_scope = not person.in_scope
                person.exemption_reason = "" if person.in_scope else "Secondment"
                person.save()
    assert StaffMember.history.count() == 33
    # Each save forgot the kept counts, so both times they are counted afresh: read, count, keep, each
    # twice (the day, then the trend's other day), each after locking the course where the database can,
    # and the units' names.
    assert queries(BEFORE) == shallow == 7 + 2 * connection.features.has_select_for_update
