"""Form helpers shared by every register: GOV.UK Design System classes on Django widgets."""
from django import forms
from django.forms.widgets import Input

from igov.accounts.people import person_name

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
    if isinstance(field, forms.DateField):
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


class GovukFormMixin:
    """Adds the govuk-frontend class for each widget, names the field in Django's generic error
    messages and links errors to the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
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
