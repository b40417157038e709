from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from actions.models import Action, ActionPlan, EvidenceFile, ProgressUpdate, SignOff
from igov.accounts import roles
from igov.accounts.people import assignable_owners
from igov.lib.forms import GovukFormMixin, PersonChoiceField
from igov.lib.uploads import decode_text
from igov.lib.versioning import VersionedModelForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


DATE_FIELDS = ["original_target_date", "revised_target_date", "completion_date"]


class _ActionFormBase(VersionedModelForm):
    def clean(self):
        cleaned = super().clean()
        # An action that is no longer completed has no completion date: clear it rather than refuse.
        if cleaned.get("status") and cleaned["status"] != Action.Status.COMPLETED:
            cleaned["completion_date"] = None
        return cleaned


class OfficerActionForm(_ActionFormBase):
    """What an officer may change on an action they own: its progress, never the recommendation."""

    status = forms.ChoiceField(choices=[c for c in Action.Status.choices if c[0] != Action.Status.SUPERSEDED])

    class Meta:
        model = Action
        fields = ["status", "completion_date", "evidence", "revised_target_date", "revision_reason"]
        widgets = {name: DateInput for name in DATE_FIELDS} | {
            "evidence": forms.Textarea(attrs={"rows": 5}), "revision_reason": forms.Textarea(attrs={"rows": 3})}


class ActionForm(_ActionFormBase):
    """The IG team's form: every field. The recommendation is fixed once the plan is agreed."""

    owner = PersonChoiceField(queryset=assignable_owners(), required=False)

    class Meta:
        model = Action
        fields = ["reference", "recommendation", "response", "agreed_action", "scope_area", "priority", "owner",
                  "service", "original_target_date", "revised_target_date", "revision_reason", "status",
                  "completion_date", "evidence", "superseded_by", "superseded_reason"]
        widgets = {name: DateInput for name in DATE_FIELDS} | {
            "recommendation": forms.Textarea(attrs={"rows": 4}), "agreed_action": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 5}), "revision_reason": forms.Textarea(attrs={"rows": 3}),
            "superseded_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["owner"].queryset = assignable_owners()
        others = Action.objects.filter(plan=plan).exclude(pk=self.instance.pk).only("pk", "reference")
        self.fields["superseded_by"].queryset = others
        self.fields["superseded_by"].label_from_instance = lambda a: a.reference
        self.plan = plan
        if plan.is_agreed and self.instance.pk:
            field = self.fields["recommendation"]
            field.disabled = True
            field.help_text = (f"The plan was agreed on {plan.agreed_on:%-d %B %Y}: the recommendation stays "
                               "exactly as the auditor wrote it.")

    def clean_reference(self):
        # The plan is not a form field, so the unique constraint is checked here to give a message.
        reference = self.cleaned_data["reference"].strip()
        if Action.objects.filter(plan=self.plan, reference__iexact=reference).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"This plan already has an action {reference}.")
        return reference


class ActionPlanForm(VersionedModelForm):
    lead = PersonChoiceField(queryset=get_user_model().objects.none(), required=False, label="IG team lead")

    class Meta:
        model = ActionPlan
        fields = ["title", "source_kind", "issuing_body", "body_reference", "report_date", "assurance",
                  "follow_up_visit", "lead", "agreed_on"]
        widgets = {name: DateInput for name in ("report_date", "follow_up_visit", "agreed_on")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = (get_user_model().objects.filter(is_active=True, groups__name=roles.IG_TEAM)
                                        .order_by("last_name", "first_name"))
        if self.instance.pk and self.instance.is_agreed:
            # Un-agreeing would unlock the recommendations: once agreed, a plan stays agreed.
            self.fields["agreed_on"].disabled = True
            self.fields["agreed_on"].help_text = "Once agreed, a plan stays agreed: its recommendations are fixed."


class ProgressUpdateForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}


class EvidenceFileForm(GovukFormMixin, forms.Form):
    """One evidence document, refused unless its size, name and first bytes say it is what it claims."""

    file = forms.FileField(label="Evidence file", help_text=(
        "PDF, Word, Excel, PowerPoint, Outlook message, PNG or JPEG image, text or CSV; "
        f"up to {filesizeformat(settings.UPLOAD_MAX_BYTES)}."))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(f"The file is {filesizeformat(uploaded.size)}; the largest you can upload "
                                        f"is {filesizeformat(settings.UPLOAD_MAX_BYTES)}.")
        suffix = PurePath(uploaded.name).suffix.lower()
        if suffix not in EvidenceFile.KINDS:
            raise forms.ValidationError("This kind of file cannot be uploaded as evidence. Save it as a PDF, or as "
                                        "a Word, Excel or PowerPoint file, an image, or text.")
        uploaded.seek(0)
        head = uploaded.read(8192)
        uploaded.seek(0)
        signatures = EvidenceFile.KINDS[suffix]
        if signatures is None:
            if b"\x00" in head:
                raise forms.ValidationError(f"The file ends {suffix} but is not text.")
            decode_text(head, partial=True)
        elif not head.startswith(signatures):
            raise forms.ValidationError(f"The file ends {suffix} but its contents are not a {suffix[1:].upper()} "
                                        "file. Open it and save it again in that format.")
        if not uploaded.size:
            raise forms.ValidationError("The file is empty.")
        return uploaded


class SignedOnNotInFuture:
    """A sign-off (one action or several) is dated on or before today."""

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise forms.ValidationError("The sign-off date cannot be in the future.")
        return signed_on

    @staticmethod
    def signed_before_completion(actions, signed_on) -> list[str]:
        """Messages for each action completed after `signed_on`: the board cannot sign off work
        before it was done."""
        return [f"The sign-off date cannot be before {action.reference} was completed "
                f"({action.completion_date:%-d %B %Y})."
                for action in actions if action.completion_date and signed_on < action.completion_date]


class SignOffForm(SignedOnNotInFuture, GovukFormMixin, forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SignOff
        fields = ["signed_on", "meeting"]
        widgets = {"signed_on": DateInput}
        labels = {"signed_on": "Date signed off"}

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["seen_version"].initial = action.version
        self.fields["signed_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if self.action.status != Action.Status.COMPLETED:
            raise forms.ValidationError("Only a completed action can be signed off.")
        if cleaned.get("seen_version") != self.action.version:
            raise forms.ValidationError(
                "The action changed after you opened this page. Check what it now says, then sign it off again.")
        if self.action.sign_offs.filter(voided_at__isnull=True).exists():
            raise forms.ValidationError("This action is already signed off.")
        if cleaned.get("signed_on"):
            for message in self.signed_before_completion([self.action], cleaned["signed_on"]):
                self.add_error("signed_on", message)
        return cleaned


class BulkSignOffForm(SignedOnNotInFuture, GovukFormMixin, forms.Form):
    """The board signs off several completed actions at once, at one meeting."""

    selected = forms.ModelMultipleChoiceField(queryset=Action.objects.none(), label="Actions")
    signed_on = forms.DateField(label="Date signed off", widget=DateInput)
    meeting = forms.CharField(max_length=200, required=False, label="Meeting",
                              help_text="For example “Information Management Strategy Group, 12 January 2017”.")

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = queryset
        self.fields["signed_on"].initial = timezone.localdate()

    def clean_selected(self):
        selected = self.cleaned_data["selected"]  # from a queryset annotated with_sign_off()
        not_ready = sorted(selected.filter(~Q(status=Action.Status.COMPLETED) | Q(is_signed_off=True))
                           .values_list("reference", flat=True))
        if not_ready:
            raise forms.ValidationError("Only completed actions not yet signed off can be signed off: "
                                        + ", ".join(not_ready))
        return selected

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selected") is not None and cleaned.get("signed_on"):
            actions = sorted(cleaned["selected"], key=lambda action: action.reference)
            for message in self.signed_before_completion(actions, cleaned["signed_on"]):
                self.add_error("signed_on", message)
        return cleaned


class ReopenForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why is the action being reopened?",
                             help_text="This is kept with the voided sign-off and in the action’s history.")


class BulkStatusForm(GovukFormMixin, forms.Form):
    """The IG team moves several actions to one status; completed ones get today as completion date."""

    STATUSES = [c for c in Action.Status.choices if c[0] != Action.Status.SUPERSEDED]
    selected = forms.ModelMultipleChoiceField(queryset=Action.objects.none(), label="Actions", required=False)
    all_matching = forms.BooleanField(required=False, label="Every action that matches the filters")
    status = forms.ChoiceField(choices=[("", "Choose a status"), *STATUSES], label="New status",
                               error_messages={"required": "Choose the status to move the actions to."})

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = queryset

    def clean_selected(self):
        selected = self.cleaned_data["selected"]
        locked = selected.filter(Q(status=Action.Status.SUPERSEDED) | Q(sign_offs__voided_at__isnull=True,
                                                                        sign_offs__isnull=False))
        references = sorted(set(locked.values_list("reference", flat=True)))
        if references:
            raise forms.ValidationError(
                "These actions are signed off or superseded and cannot be changed in bulk: " + ", ".join(references))
        return selected

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("selected") and not cleaned.get("all_matching"):
            raise forms.ValidationError("Select the actions to change, or choose every action that matches the "
                                        "filters.")
        return cleaned
