"""Dates people type, upload or put in an address: the one rule for which dates are plausible.

Python's dates run from year 1, but nothing igov records happened before 1900: a year-1 date is a
typing or export slip ("01/01/0001" is what some systems write for "no date"), and the month
arithmetic of as-at figures would run off the calendar's start with it.
"""
from datetime import date, datetime, time

from django import forms
from django.utils import timezone

EARLIEST = date(1900, 1, 1)
TOO_EARLY = "The date must be on or after 1 January 1900."


class AsAtDateField(forms.DateField):
    """The date a page's figures are "as at" (`?on=2026-03-31`): a real date from 1900 to today.

    Every page that reads an as-at date from its query string uses this field, so a hostile or
    mistyped date gets the same message everywhere instead of a server error.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "As at")
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d/%m/%Y"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value < EARLIEST:
            raise forms.ValidationError(TOO_EARLY, code="too_early")
        if value and value > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past.", code="future")


def end_of(day: date) -> datetime:
    """The last moment of `day` in the council's time zone: a position "as at 24 October" counts
    every change made on the 24th."""
    return timezone.make_aware(datetime.combine(day, time.max))
