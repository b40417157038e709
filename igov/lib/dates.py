"""Dates people type, upload or put in an address: the one rule for which dates are plausible.

Python's dates run from year 1, but nothing igov records happened before 1900: a year-1 date is a
typing or export slip ("01/01/0001" is what some systems write for "no date"), and the month
arithmetic of as-at figures would run off the calendar's start with it.
"""
from datetime import date, datetime, time

from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join

EARLIEST = date(1900, 1, 1)
TOO_EARLY = "The date must be on or after 1 January 1900."


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK Design System's date input: day, month and year boxes, never the browser's date
    picker, whose order follows the browser's locale ("01122026" became 12 January in a US one).

    The three boxes post `<name>_day`, `<name>_month` and `<name>_year`; a link or bookmark may give
    the whole date as `<name>=2026-03-31` instead. Either way the field receives "year-month-day"
    and parses it itself, so a date that does not exist gets the field's own message.
    """

    PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput(attrs={"inputmode": "numeric"}) for part, _, _ in self.PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:  # a linked date, or the boxes as typed
            year, month, day = (part.lstrip("0") if part.strip("0") else part for part in value.split("-"))
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return data.get(name)
        parts = [str(data.get(f"{name}_{part}", "")).strip() for part, _, _ in self.PARTS]
        day, month, year = parts
        return f"{year}-{month}-{day}" if any(parts) else ""

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part, _, _ in self.PARTS)

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_  # the error summary's link goes to the first box

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        error = "-error" in attrs.get("aria-describedby", "")  # how GovukFormMixin marks a field in error
        values = value if isinstance(value, list) else self.decompress(value)
        items = []
        for (part, label, width), part_value in zip(self.PARTS, values, strict=True):
            box_id = f"{attrs.get('id', name)}_{part}"
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            css += " govuk-input--error" if error else ""
            box = forms.TextInput().render(f"{name}_{part}", "" if part_value is None else part_value,
                                           {"id": box_id, "class": css, "inputmode": "numeric"})
            items.append((box_id, label, box))
        return format_html('<div class="govuk-date-input" id="{}">{}</div>', attrs.get("id", name), format_html_join(
            "", '<div class="govuk-date-input__item"><div class="govuk-form-group"><label class="govuk-label '
                'govuk-date-input__label" for="{}">{}</label>{}</div></div>', items))


def end_of(day: date) -> datetime:
    """The last moment of `day` where the council is: "as at 24 October" counts that day's changes."""
    return timezone.make_aware(datetime.combine(day, time.max))


class AsAtDateField(forms.DateField):
    """The date a page's figures are "as at" (`?on=2026-03-31`): a real date from 1900 to today.

    Every page that reads an as-at date from its query string uses this field, so a hostile or
    mistyped date gets the same message everywhere instead of a server error.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "As at")
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d/%m/%Y"])
        kwargs.setdefault("help_text", "For example, 31 3 2026")
        kwargs.setdefault("widget", GovukDateWidget)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value < EARLIEST:
            raise forms.ValidationError(TOO_EARLY, code="too_early")
        if value and value > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past.", code="future")
