from django import forms

from actions.models import ActionPlan
from igov.lib.forms import GovukFormMixin
from igov.lib.uploads import validate_upload


class UploadForm(GovukFormMixin, forms.Form):
    plan = forms.ModelChoiceField(
        queryset=ActionPlan.objects.newest_first(), label="Action plan",
        help_text="The plan the actions go into. Rows whose reference the plan has update that action.")
    file = forms.FileField(label="Spreadsheet", validators=[validate_upload],
                           help_text="An Excel workbook (.xlsx) or a CSV file.")

    def __init__(self, register, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not register.needs_plan:
            del self.fields["plan"]
