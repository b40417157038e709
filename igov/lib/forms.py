"""Form helpers shared by every register: GOV.UK Design System classes on Django widgets, and the one
date field every form uses."""
import re
from datetime import date, datetime

from django import forms
from django.db import models
from django.forms.utils import pretty_name
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join

from igov.accounts.people import person_name
from igov.lib.dates import not_before_earliest, not_in_future

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    Input: "govuk-input",
}


def name_the_field(field: forms.Field) -> None:
    """Django's generic messages ("This field is required.") say which field they are about, since
    the error summary lists them away from the fields. Messages a form sets itself are kept."""
    label = str(field.label or "This field")
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    ours = {"required": f"{label} is required."}
    if isinstance(field, DateField):
        pass  # its messages name the field already
    elif isinstance(field, forms.DateField):
        ours["invalid"] = f"{label} must be a real date, like 24 October 2016."
    elif isinstance(field, forms.IntegerField):
        ours["invalid"] = f"{label} must be a whole number."
    for key, message in ours.items():
        if field.error_messages.get(key) == defaults.get(key):
            field.error_messages[key] = message


# The widest id a database column holds: SQLite cannot even bind a larger number (OverflowError).
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id too large for any database is refused as not one of the choices, rather
    than crashing the query that looks the ids up."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip().lstrip("-")
            if text.isdigit() and int(text) > LARGEST_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                            params={"value": pk})
        return super()._check_values(value)


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK Design System's date input: day, month and year boxes, never the browser's date
    picker, whose order follows the browser's locale ("01122026" became 12 January in a US one).

    The three boxes post `<name>_day`, `<name>_month` and `<name>_year`; a link or bookmark may give
    the whole date as `<name>=2026-03-31` instead. The field (DateField) reads either and says which
    boxes are wrong in `error_parts`, so only those are marked and the error summary links to the first.
    """

    PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
    error_parts: tuple[str, ...] = ()

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput(attrs={"inputmode": "numeric"}) for part, _, _ in self.PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and ISO_DATE.match(value.strip()):  # a linked date
            year, month, day = (int(part) for part in value.strip().split("-"))
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return data.get(name)
        parts = [str(data.get(f"{name}_{part}", "")).strip() for part, _, _ in self.PARTS]
        return parts if any(parts) else ""

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part, _, _ in self.PARTS)

    def id_for_label(self, id_):
        # The error summary's link goes to the first box in error (the day box when none is named).
        first = next((part for part, _, _ in self.PARTS if part in self.error_parts), "day")
        return f"{id_}_{first}" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        error = "-error" in attrs.get("aria-describedby", "")  # how GovukFormMixin marks a field in error
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        items = []
        for (part, label, width), part_value in zip(self.PARTS, values, strict=True):
            box_id = f"{attrs.get('id', name)}_{part}"
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            if error and (not self.error_parts or part in self.error_parts):
                css += " govuk-input--error"
            box = forms.TextInput().render(f"{name}_{part}", "" if part_value is None else part_value,
                                           {"id": box_id, "class": css, "inputmode": "numeric"})
            items.append((box_id, label, box))
        return format_html('<div class="govuk-date-input" id="{}">{}</div>', attrs.get("id", name), format_html_join(
            "", '<div class="govuk-date-input__item"><div class="govuk-form-group"><label class="govuk-label '
                'govuk-date-input__label" for="{}">{}</label>{}</div></div>', items))


ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _and(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


class DateField(forms.DateField):
    """A date a person types: the GOV.UK date input (GovukDateWidget), read part by part with the
    GOV.UK Design System's messages ("Date of review must include a month"). Only the three boxes and
    a whole ISO date in a link (`?on=2026-03-31`) are read: "01/12/2026" could be either month, so it is
    refused rather than guessed. No date before 1900 (igov.lib.dates.EARLIEST)."""

    widget = GovukDateWidget

    def _refuse(self, message: str, code: str, parts=()):
        if isinstance(self.widget, GovukDateWidget):
            self.widget.error_parts = tuple(parts)
        raise forms.ValidationError(message, code=code)

    @property
    def _label(self) -> str:
        return str(self.label or "The date")

    def to_python(self, value):
        if isinstance(self.widget, GovukDateWidget):
            self.widget.error_parts = ()
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            match = ISO_DATE.match(value.strip())
            if not match:
                self._refuse(f"{self._label} must be a real date.", "invalid")
            year, month, day = match.groups()
        else:
            day, month, year = (str(part).strip() for part in value)
        parts = {"day": day, "month": month, "year": year}
        missing = [name for name, text in parts.items() if not text]
        if missing:
            self._refuse(f"{self._label} must include a {_and(missing)}.", "incomplete", missing)
        letters = [name for name, text in parts.items() if not text.isdecimal()]
        if letters:
            self._refuse(f"{self._label} must be a number.", "not_a_number", letters)
        if len(year) != 4:
            self._refuse(f"{self._label} must have a year with 4 numbers, like 2026.", "year_digits", ["year"])
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # 31 February, or a day too large for any calendar
            self._refuse(f"{self._label} must be a real date.", "invalid",
                         ["month"] if not 1 <= int(month) <= 12 else ["day"])

    def validate(self, value):
        super().validate(value)
        try:
            not_before_earliest(value, self._label)
        except forms.ValidationError:
            if isinstance(self.widget, GovukDateWidget):
                self.widget.error_parts = ("year",)
            raise


class PastDateField(DateField):
    """The date of something that has happened (a review, a signature, a completion): today or before."""

    def validate(self, value):
        super().validate(value)
        not_in_future(value, self._label)


class AsAtDateField(PastDateField):
    """The date a page's figures are "as at" (`?on=2026-03-31`): a real date from 1900 to today.

    Every page that reads an as-at date from its query string uses this field, so a hostile or
    mistyped date gets the same message everywhere instead of a server error.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "As at")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "For example, 31 3 2026")
        super().__init__(**kwargs)


class ChooserWidget(forms.CheckboxSelectMultiple):
    """A long multiple choice as GOV.UK checkboxes in a scrolling group. With script
    (static/js/chooser.js) a filter box above hides the options that do not match and says how many
    are shown; without it, plain checkboxes."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = [option for _, group, _ in widget["optgroups"] for option in group]
        described = widget["attrs"].get("aria-describedby")
        boxes = format_html_join("", '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
                                     'type="checkbox" id="{}" name="{}" value="{}"{}{}><label class="govuk-label '
                                     'govuk-checkboxes__label" for="{}">{}</label></div>', (
            (o["attrs"]["id"], o["name"], o["value"],
             format_html(' aria-describedby="{}"', described) if described else "",
             " checked" if o["selected"] else "", o["attrs"]["id"], o["label"]) for o in options))
        return format_html('<div class="igov-chooser" data-module="igov-chooser"><div class="govuk-checkboxes '
                           'govuk-checkboxes--small igov-chooser__options" id="{}">{}</div></div>',
                           widget["attrs"].get("id", name), boxes)


def date_formfield(db_field, **kwargs):
    """A ModelForm's form field for a model field: every model date is typed in the GOV.UK date input
    (a PastDateField when the model says it cannot be in the future), however the form was written."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", PastDateField if not_in_future in db_field.validators else DateField)
        kwargs.setdefault("widget", GovukDateWidget)
    return db_field.formfield(**kwargs)


class GovukFormMixin:
    """Adds the govuk-frontend class for each widget, names the field in Django's generic error
    messages and links errors to the field. A ModelForm using it gets the one date field for every
    model date (date_formfield), unless its Meta chooses another formfield_callback."""

    def __init_subclass__(cls, **kwargs):
        # Runs before ModelFormMetaclass reads Meta, so the callback shapes the fields it builds.
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            meta.formfield_callback = staticmethod(date_formfield)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.label is None:
                field.label = pretty_name(name)
            if type(field) is forms.ModelMultipleChoiceField:  # what ModelForm makes for a many-to-many
                field.__class__ = ModelMultipleChoiceField
            name_the_field(field)
            widget = field.widget
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(widget, widget_class):
                    existing = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{css} {existing}".strip()
                    break
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self):
        # Marked after validation, not in __init__: a subclass's __init__ may still change its
        # fields (a queryset, say) after this mixin's, and validating earlier would use the old ones.
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            if isinstance(widget, Input) and "govuk-input--error" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = widget.attrs.get("class", "") + " govuk-input--error"
            widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of person, each named as everywhere else in igov."""

    def label_from_instance(self, user):
        return person_name(user)
