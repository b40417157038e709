"""Dates people type, upload or put in an address: the rules for which dates are plausible.

Python's dates run from year 1, but nothing igov records happened before 1900: a year-1 date is a
typing or export slip ("01/01/0001" is what some systems write for "no date"), and the month
arithmetic of as-at figures would run off the calendar's start with it.

The date fields people type into (day, month and year boxes) are in igov.lib.forms; the rules here
are shared by those fields, the models (so the admin obeys them) and the imports.
"""
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST = date(1900, 1, 1)
TOO_EARLY = "The date must be on or after 1 January 1900."


PAST_ONLY = "{label} must be today or in the past."


def in_future(day: date | None) -> bool:
    """The rule for a date of something that has happened (a review, a signature, a completion): it is
    today or earlier. Refused with PAST_ONLY, naming the date as its form field's label does."""
    return day is not None and day > timezone.localdate()


def not_in_future(day: date | None, label: str = "The date") -> None:
    """in_future as a model field's validator (so the admin obeys it), and PastDateField's check."""
    if in_future(day):
        raise ValidationError(PAST_ONLY.format(label=label), code="future")


def not_before_earliest(day: date | None, label: str = "The date") -> None:
    if day is not None and day < EARLIEST:
        raise ValidationError(f"{label} must be on or after 1 January 1900.", code="too_early")


def __getattr__(name: str):
    # The date widget and fields moved to igov.lib.forms (the fields need the form helpers there).
    if name in {"GovukDateWidget", "AsAtDateField", "DateField", "PastDateField"}:
        from igov.lib import forms

        return getattr(forms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def end_of(day: date) -> datetime:
    """The last moment of `day` where the council is: "as at 24 October" counts that day's changes."""
    return timezone.make_aware(datetime.combine(day, time.max))
