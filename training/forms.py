from django import forms

from igov.lib.forms import AsAtDateField, GovukFormMixin
from igov.lib.uploads import validate_upload
from training.models import Course, ImportRun


class AsAtForm(GovukFormMixin, forms.Form):
    """Which course, as at which date: the filter on every compliance page (a GET form)."""

    course = forms.ModelChoiceField(queryset=Course.objects.all(), empty_label=None, required=False)
    on = AsAtDateField()


class StaffSearchForm(forms.Form):
    """The staff search box (a GET form): any text, cut to 100 characters, but never a null character,
    which no name holds and PostgreSQL cannot compare."""

    q = forms.CharField(label="Name or staff number", required=False, error_messages={
        "null_characters_not_allowed": "A search cannot contain a null character. Type a name or a "
                                       "staff number."})

    def clean_q(self):
        return self.cleaned_data["q"][:100]


class ImportForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="What the file contains", choices=ImportRun.Kind.choices,
                             widget=forms.RadioSelect)
    file = forms.FileField(label="File", help_text="A .csv or .xlsx file of up to 10 MB, with the documented "
                                                   "column headers in the first row.",
                           validators=[validate_upload])


class ConfirmForm(forms.Form):
    """What the preview page posts back: the staged file's checksum, never a path."""

    kind = forms.ChoiceField(choices=ImportRun.Kind.choices)
    checksum = forms.RegexField(regex=r"^[0-9a-f]{64}$")
    file_kind = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")])
    file_name = forms.CharField(max_length=255)
