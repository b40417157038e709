from django import forms
from django.core.exceptions import ValidationError

from actions.models import Action
from igov.accounts.people import assignable_owners
from igov.committee.models import Committee, Meeting, Report
from igov.lib.forms import DateField, GovukFormMixin, PersonChoiceField
from igov.lib.versioning import VersionedModelForm
from igov.org.forms import UnitChoiceField


class MeetingForm(GovukFormMixin, forms.ModelForm):
    committee_name = forms.CharField(
        label="Committee", max_length=200, initial="Audit and Procurement Committee",
        help_text="As the council’s constitution names it. A new name starts a new committee.")

    class Meta:
        model = Meeting
        fields = ["date", "agenda_item"]
        help_texts = {"date": "For example, 24 10 2016. The report’s figures are as at the end of this day."}

    field_order = ["committee_name", "date", "agenda_item"]

    def clean(self):
        cleaned = super().clean()
        name = " ".join(cleaned.get("committee_name", "").split())
        cleaned["committee_name"] = name
        if name and cleaned.get("date") and Meeting.objects.filter(
                committee__name__iexact=name, date=cleaned["date"],
                agenda_item=cleaned.get("agenda_item", "")).exists():
            raise ValidationError("That meeting and agenda item are already recorded.")
        return cleaned

    def save(self, commit=True):
        committee = (Committee.objects.filter(name__iexact=self.cleaned_data["committee_name"]).first()
                     or Committee.objects.create(name=self.cleaned_data["committee_name"]))
        self.instance.committee = committee
        return super().save(commit)


class ResolutionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="Resolution", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                           help_text="As minuted, for example “Officers be requested to schedule a seminar …”.")
    agreed_action = forms.CharField(label="Action agreed in response", widget=forms.Textarea(attrs={"rows": 3}),
                                    max_length=4000, help_text="What officers will do, and by when.")
    scope_area = forms.ChoiceField(label="Area", choices=Action.ScopeArea.choices,
                                   initial=Action.ScopeArea.GOVERNANCE)
    owner = PersonChoiceField(queryset=assignable_owners(), label="Owner")
    unit = UnitChoiceField(required=False, help_text="The owner’s directorate or service.")
    target_date = DateField(label="Target date", help_text="For example, 31 3 2017.")


class NarrativeForm(VersionedModelForm):
    """What the IG team writes around the figures; the figures themselves are never typed."""

    class Meta:
        model = Report
        fields = ["report_of", "author", "purpose", "recommendation", "summary", "annual_training_report"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "recommendation": forms.Textarea(attrs={"rows": 3}),
                   "summary": forms.Textarea(attrs={"rows": 8})}


class CorrectionForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why does the published report need correcting?", widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000, help_text="Members will read this on the corrected report, beside the original.")


class PublishForm(GovukFormMixin, forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
