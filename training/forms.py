from django import forms
from django.utils import timezone

from igov.lib.forms import GovukFormMixin
from igov.lib.uploads import validate_upload
from training.models import Course, ImportRun


class AsAtForm(GovukFormMixin, forms.Form):
    """Which course, as at which date: the filter on every compliance page (a GET form)."""

    course = forms.ModelChoiceField(queryset=Course.objects.all(), empty_label=None, required=False)
    on = forms.DateField(label="As at", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                         widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on and on > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past.")
        return on


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
