from django import forms

from igov.lib.forms import GovukFormMixin


class ReviewForm(GovukFormMixin, forms.Form):
    note = forms.CharField(label="Review note")
    reviewed_on = forms.DateField(label="Date of review")
    score = forms.IntegerField(label="Residual score", error_messages={"required": "Choose a score."})


def test_generic_messages_name_the_field_they_are_about():
    form = ReviewForm(data={"reviewed_on": "31/02/2026"})
    assert form.errors["note"] == ["Review note is required."]
    assert form.errors["reviewed_on"] == ["Date of review must be a real date, like 24 October 2016."]


def test_a_message_the_form_sets_itself_is_kept():
    assert ReviewForm(data={}).errors["score"] == ["Choose a score."]
