"""The as-at date a person types: the GOV.UK date input (day, month, year boxes), or a whole date in a
link, read by one field with one set of messages."""
from datetime import date

import pytest
from django import forms

from igov.lib.forms import AsAtDateField, GovukFormMixin


class AsAt(GovukFormMixin, forms.Form):
    on = AsAtDateField()


@pytest.mark.parametrize("data, expected", [
    ({"on_day": "24", "on_month": "10", "on_year": "2016"}, date(2016, 10, 24)),
    ({"on_day": " 1 ", "on_month": "3", "on_year": "2025"}, date(2025, 3, 1)),
    ({"on": "2016-10-24"}, date(2016, 10, 24)),
    ({}, None),
    ({"on_day": "", "on_month": "", "on_year": ""}, None),
])
def test_the_three_boxes_or_a_linked_date_give_the_date(data, expected):
    form = AsAt(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == expected


@pytest.mark.parametrize("data, message", [
    ({"on_day": "31", "on_month": "2", "on_year": "2026"}, "must be a real date"),
    ({"on_day": "12", "on_month": "", "on_year": "2026"}, "As at must include a month"),
    ({"on_day": "1", "on_month": "1", "on_year": "1"}, "a year with 4 numbers"),
    ({"on_day": "1", "on_month": "1", "on_year": "1066"}, "on or after 1 January 1900"),
    ({"on_day": "1", "on_month": "1", "on_year": "2999"}, "today or in the past"),
    ({"on": "\x00"}, "must be a real date"),
])
def test_a_date_that_cannot_be_used_gets_a_message(data, message):
    form = AsAt(data)
    assert not form.is_valid()
    assert message in str(form.errors["on"])


def test_a_date_in_error_keeps_what_was_typed_and_links_the_summary_to_the_day_box():
    form = AsAt({"on_day": "31", "on_month": "2", "on_year": "2026"})
    form.is_valid()
    html = str(form["on"])
    assert 'name="on_day" value="31"' in html and 'name="on_year" value="2026"' in html
    assert "govuk-input--error" in html
    assert form["on"].id_for_label == "id_on_day"


def test_it_is_never_the_browsers_date_picker():
    html = str(AsAt(initial={"on": date(2026, 1, 5)})["on"])
    assert 'type="date"' not in html
    assert 'name="on_day" value="5"' in html and 'name="on_month" value="1"' in html
