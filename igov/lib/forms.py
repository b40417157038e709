"""Form helpers shared by every register: GOV.UK Design System classes on Django widgets."""
from django import forms
from django.forms.widgets import Input

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
            if self.is_bound and name in self.errors:
                widget.attrs["class"] += " govuk-input--error" if isinstance(widget, Input) else ""
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
            elif field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"
