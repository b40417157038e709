"""Small builders for training tests: a course and staff members with only what a test cares about."""
from datetime import date
from itertools import count

from tests.units import unit_for
from training.models import Completion, Course, StaffMember

_numbers = count(1)


def make_course(**fields):
    defaults = {"code": "DP-ANNUAL", "name": "Data protection (annual)", "renewal_months": 12,
                "launch_date": date(2025, 11, 1), "grace_days": 30, "target_percent": 95}
    return Course.objects.create(**{**defaults, **fields})


def make_staff(**fields):
    number = next(_numbers)
    defaults = {"staff_number": f"T{number:06d}", "first_name": "Test", "last_name": f"Person{number}",
                "start_date": date(2020, 1, 1)}
    fields.setdefault("unit", unit_for(fields.pop("directorate", "Resources"), fields.pop("service", "Finance")))
    return StaffMember.objects.create(**{**defaults, **fields})


def complete(staff, course, on, **fields):
    return Completion.objects.create(staff=staff, course=course, completed_on=on, **fields)
