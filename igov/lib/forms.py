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


class GovukFormMixin:
    """Adds the govuk-frontend class for each widget and links errors to the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
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
