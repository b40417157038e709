from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat, pluralize
from django.utils import timezone

from actions.filters import ActionFilter
from actions.models import Action, ActionPlan, EvidenceFile, ProgressUpdate, SignOff
from igov.accounts import roles
from igov.accounts.people import assignable_owners
from igov.lib.forms import AsAtDateField, DateField, GovukDateWidget, GovukFormMixin, PastDateField, PersonChoiceField
from igov.lib.references import next_reference
from igov.lib.uploads import decode_text
from igov.lib.versioning import ConfirmForm, VersionedModelForm
from igov.org.forms import UnitFormMixin


class AsAtForm(GovukFormMixin, forms.Form):
    """The date a plan page's figures are as at (a GET form); empty: today, as things are now."""

    on = AsAtDateField(help_text="Leave empty for the position now.")


DATE_FIELDS = ["original_target_date", "revised_target_date", "completion_date"]


class _ActionFormBase(UnitFormMixin, VersionedModelForm):
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
        widgets = {name: GovukDateWidget for name in DATE_FIELDS} | {
            "evidence": forms.Textarea(attrs={"rows": 5}), "revision_reason": forms.Textarea(attrs={"rows": 3})}


class ActionForm(_ActionFormBase):
    """The IG team's form: every field. The recommendation is fixed once the plan is agreed."""

    owner = PersonChoiceField(queryset=assignable_owners(), required=False)

    class Meta:
        model = Action
        fields = ["reference", "recommendation", "response", "agreed_action", "scope_area", "priority", "owner",
                  "unit", "original_target_date", "revised_target_date", "revision_reason", "status",
                  "completion_date", "evidence", "superseded_by", "superseded_reason"]
        widgets = {name: GovukDateWidget for name in DATE_FIELDS} | {
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
        if not self.instance.pk and not self.initial.get("reference"):
            self.initial["reference"] = next_reference(others.values_list("reference", flat=True), "1")
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
        widgets = {name: GovukDateWidget for name in ("report_date", "follow_up_visit", "agreed_on")}

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


class SignOffForm(GovukFormMixin, forms.ModelForm):
    """One action signed off, as it stood when the board member opened the page."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SignOff
        fields = ["signed_on", "meeting"]
        widgets = {"signed_on": GovukDateWidget}
        labels = {"signed_on": "Date signed off"}

    def __init__(self, *args, action: Action, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.action, self.user = action, user
        self.fields["seen_version"].initial = action.version
        self.fields["signed_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen_version") != self.action.version:
            raise forms.ValidationError(
                "The action changed after you opened this page. Check what it now says, then sign it off again.")
        try:
            Action.objects.filter(pk=self.action.pk).with_sign_off().check_sign_off(self.user, cleaned.get("signed_on"))
        except forms.ValidationError as refusal:
            self.add_error(None, refusal)
        return cleaned


class BulkSignOffForm(GovukFormMixin, forms.Form):
    """Step one of the board signing off several completed actions at one meeting: which, and when."""

    selected = forms.ModelMultipleChoiceField(queryset=Action.objects.none(), label="Actions",
                                              error_messages={"required": "Tick the actions to sign off."})
    signed_on = PastDateField(label="Date signed off")
    meeting = forms.CharField(max_length=200, required=False, label="Meeting",
                              help_text="For example “Information Management Strategy Group, 12 January 2017”.")

    def __init__(self, *args, queryset, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = queryset.for_list()
        self.fields["signed_on"].initial = timezone.localdate()
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selected") is not None:
            try:
                cleaned["selected"].check_sign_off(self.user, cleaned.get("signed_on"))
            except forms.ValidationError as refusal:
                self.add_error(None, refusal)
        return cleaned


class BulkSignOffConfirmForm(ConfirmForm):
    """Step two: exactly the actions shown on the check page, signed off at the meeting and date shown."""

    signed_on = DateField(widget=forms.HiddenInput)
    meeting = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ReopenForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why is the action being reopened?",
                             help_text="This is kept with the voided sign-off and in the action’s history.")
    seen_version = forms.IntegerField(widget=forms.HiddenInput)


class BulkStatusForm(GovukFormMixin, forms.Form):
    """Step one of the IG team moving several actions to one status: the ticked actions, or every action
    that matches the list's filters (only if those filters still apply as they did, and still match the
    number of actions the list showed). Nothing changes until the check page is confirmed."""

    STATUSES = [c for c in Action.Status.choices if c[0] != Action.Status.SUPERSEDED]
    selected = forms.ModelMultipleChoiceField(queryset=Action.objects.none(), label="Actions", required=False)
    all_matching = forms.BooleanField(required=False, label="Every action that matches the filters")
    matching_count = forms.IntegerField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=[("", "Choose a status"), *STATUSES], label="New status",
                               error_messages={"required": "Choose the status to move the actions to."})

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = queryset.for_list()
        self.fields["selected"].queryset = self.queryset

    def clean_selected(self):
        selected = self.cleaned_data["selected"]
        references = sorted(selected.locked().values_list("reference", flat=True))
        if references:
            raise forms.ValidationError(
                "These actions are signed off or superseded and cannot be changed in bulk: " + ", ".join(references))
        return selected

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("all_matching"):
            cleaned["chosen"] = self._matching(cleaned.get("next", ""), cleaned.get("matching_count"))
        elif cleaned.get("selected"):
            cleaned["chosen"] = cleaned["selected"]
        else:
            raise forms.ValidationError("Select the actions to change, or choose every action that matches the "
                                        "filters.")
        if not [a for a in cleaned["chosen"] if not a.is_locked and a.status != cleaned["status"]]:
            raise forms.ValidationError(f"None of these actions would change: they are already "
                                        f"{Action.Status(cleaned['status']).label.lower()}, signed off or superseded.")
        return cleaned

    def _matching(self, query: str, shown: int | None):
        """The actions the list's filters match now, refused if a filter no longer applies as it did
        (django-filter would drop it and match every action) or the count differs from the one shown."""
        filterset = ActionFilter(QueryDict(query.removeprefix("?")), queryset=self.queryset)
        problems = filterset.problems()
        if problems:
            raise forms.ValidationError("The list’s filters cannot be applied as they were, so nothing has been "
                                        "changed: " + " ".join(problems) + " Filter the list again.")
        matching = list(filterset.qs)
        if shown is None or len(matching) != shown:
            raise forms.ValidationError(
                f"The filters now match {len(matching)} action{pluralize(len(matching))}, not the {shown or 0} the "
                "list showed, so nothing has been changed. Check the list again.")
        return matching

    def plan(self) -> dict:
        """What confirming would do: the actions to change (completed ones leaving completed named
        apart, since they lose their completion dates), and those left as they are, with why."""
        status = self.cleaned_data["status"]
        chosen = self.cleaned_data["chosen"]
        change = [a for a in chosen if not a.is_locked and a.status != status]
        return {"status": Action.Status(status), "change": change,
                "leaving_completed": [a for a in change if a.status == Action.Status.COMPLETED],
                "locked": [a for a in chosen if a.is_locked],
                "unchanged": [a for a in chosen if not a.is_locked and a.status == status]}


class BulkStatusConfirmForm(ConfirmForm):
    """Step two: exactly the actions shown on the check page, each as it was shown, to one status."""

    status = forms.ChoiceField(choices=BulkStatusForm.STATUSES, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    leave_completed = forms.BooleanField(required=False)
