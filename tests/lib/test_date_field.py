"""The one date field every form uses: the GOV.UK date input (day, month and year boxes), read part
by part with the GOV.UK Design System's messages, or a whole ISO date in a link."""
import re
from datetime import date, timedelta

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from igov.lib.forms import DateField, GovukFormMixin, PastDateField


class ReviewForm(GovukFormMixin, forms.Form):
    reviewed_on = PastDateField(label="Date of review")
    target = DateField(label="Target date", required=False)


def posted(day="", month="", year="", **more):
    return {"reviewed_on_day": day, "reviewed_on_month": month, "reviewed_on_year": year, **more}


def test_a_date_typed_day_month_year_is_stored_exactly():
    form = ReviewForm(posted("1", "12", "2025"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reviewed_on"] == date(2025, 12, 1)  # 1 December, never 12 January


def test_a_date_in_a_link_is_read_as_iso_year_month_day():
    form = ReviewForm({"reviewed_on": "2025-12-01"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reviewed_on"] == date(2025, 12, 1)


@pytest.mark.parametrize("text", ["01122025", "01/12/2025", "12/01/2025", "1 Dec 2025"])
def test_a_whole_date_in_any_other_form_is_refused_rather_than_guessed(text):
    form = ReviewForm({"reviewed_on": text})
    assert form.errors["reviewed_on"] == ["Date of review must be a real date."]


@pytest.mark.parametrize("data, message, first_box", [
    (posted("", "12", "2025"), "Date of review must include a day.", "day"),
    (posted("1", "", "2025"), "Date of review must include a month.", "month"),
    (posted("", "12", ""), "Date of review must include a day and year.", "day"),
    (posted("1", "", ""), "Date of review must include a month and year.", "month"),
    (posted("31", "2", "2025"), "Date of review must be a real date.", "day"),
    (posted("1", "13", "2025"), "Date of review must be a real date.", "month"),
    (posted("1", "Dec", "2025"), "Date of review must be a number.", "month"),
    (posted("²", "12", "2025"), "Date of review must be a number.", "day"),
    (posted("9" * 30, "12", "2025"), "Date of review must be a real date.", "day"),
    (posted("1", "12", "25"), "Date of review must have a year with 4 numbers, like 2026.", "year"),
    (posted("1", "1", "1066"), "Date of review must be on or after 1 January 1900.", "year"),
    (posted(), "Date of review is required.", "day"),
])
def test_each_mistake_gets_the_govuk_message_and_the_summary_links_to_the_box_in_error(data, message, first_box):
    form = ReviewForm(data)
    assert form.errors["reviewed_on"] == [message]
    html = render_to_string("includes/form_errors.html", {"form": form})
    assert f'<a href="#id_reviewed_on_{first_box}">{message}</a>' in html


def test_only_the_boxes_in_error_are_marked():
    form = ReviewForm(posted("1", "", "2025"))
    form.is_valid()
    html = str(form["reviewed_on"])
    marked = re.findall(r'id="id_reviewed_on_(\w+)" class="[^"]*govuk-input--error', html)
    assert marked == ["month"]
    assert 'name="reviewed_on_day" value="1"' in html and 'name="reviewed_on_year" value="2025"' in html


def test_a_past_date_field_refuses_tomorrow_and_takes_today():
    tomorrow, today = timezone.localdate() + timedelta(days=1), timezone.localdate()
    refused = ReviewForm(posted(tomorrow.day, tomorrow.month, tomorrow.year))
    assert refused.errors["reviewed_on"] == ["Date of review must be today or in the past."]
    assert ReviewForm(posted(today.day, today.month, today.year)).is_valid()


def test_a_plain_date_field_takes_a_future_date():
    form = ReviewForm(posted("1", "1", "2025") | {"target_day": "1", "target_month": "1", "target_year": "2099"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["target"] == date(2099, 1, 1)
