from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat, pluralize
from django.utils import timezone

from actions.filters import ActionFilter
from actions.models import NO_EVIDENCE_IN_BULK, Action, ActionPlan, EvidenceFile, ProgressUpdate, clip
from igov.accounts import roles
from igov.accounts.people import assignable_owners
from igov.committee.models import Meeting
from igov.lib.forms import (
    LARGEST_ID,
    AsAtDateField,
    GovukDateWidget,
    GovukFormMixin,
    PastDateField,
    PersonChoiceField,
)
from igov.lib.references import next_reference
from igov.lib.uploads import decode_text
from igov.lib.versioning import ConfirmForm, VersionedModelForm
from igov.org.forms import UnitFormMixin


class AsAtForm(GovukFormMixin, forms.Form):
    """The date a plan page's figures are as at (a GET form); empty: today, as things are now."""

    on = AsAtDateField(help_text="Leave empty for the position now.")


DATE_FIELDS = ["original_target_date", "revised_target_date", "completion_date"]


def check_evidence_file(uploaded):
    """One evidence document, refused unless its size, name and first bytes say it is what it claims."""
    if uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise forms.ValidationError(f"{uploaded.name} is {filesizeformat(uploaded.size)}; the largest you can "
                                    f"upload is {filesizeformat(settings.UPLOAD_MAX_BYTES)}.")
    suffix = PurePath(uploaded.name).suffix.lower()
    if suffix not in EvidenceFile.KINDS:
        raise forms.ValidationError(f"This kind of file cannot be uploaded as evidence ({uploaded.name}). Save it "
                                    "as a PDF, or as a Word, Excel or PowerPoint file, an image, or text.")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    signatures = EvidenceFile.KINDS[suffix]
    if signatures is None:
        if b"\x00" in head:
            raise forms.ValidationError(f"{uploaded.name} ends {suffix} but is not text.")
        decode_text(head, partial=True)
    elif not head.startswith(signatures):
        raise forms.ValidationError(f"{uploaded.name} ends {suffix} but its contents are not a {suffix[1:].upper()} "
                                    "file. Open it and save it again in that format.")
    if not uploaded.size:
        raise forms.ValidationError(f"{uploaded.name} is empty.")
    return uploaded


EVIDENCE_FILE_HELP = ("PDF, Word, Excel, PowerPoint, Outlook message, PNG or JPEG image, text or CSV; "
                      f"up to {filesizeformat(settings.UPLOAD_MAX_BYTES)} each.")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """None, one or several evidence files, each checked by check_evidence_file."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [check_evidence_file(super(EvidenceFilesField, self).clean(one, initial)) for one in uploads]


class _ActionFormBase(UnitFormMixin, VersionedModelForm):
    """An action's fields, and on an existing action what an update adds in the same submit: a progress
    note, evidence files to attach and to remove. save_update() saves them all in one transaction, with
    one history row saying what was added or removed."""

    note = forms.CharField(label="Progress note", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What has happened since the last update. Optional.")
    files = EvidenceFilesField(label="Attach evidence files", required=False, help_text=EVIDENCE_FILE_HELP)
    remove_files = forms.ModelMultipleChoiceField(
        queryset=EvidenceFile.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Remove evidence files")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            for name in ("note", "files", "remove_files"):
                del self.fields[name]
        else:
            self.fields["remove_files"].queryset = self.instance.evidence_files.all()

    def clean(self):
        cleaned = super().clean()
        # An action that is no longer completed has no completion date: clear it rather than refuse.
        if cleaned.get("status") and cleaned["status"] != Action.Status.COMPLETED:
            cleaned["completion_date"] = None
        if self.instance.pk is not None and "files" in cleaned and "remove_files" in cleaned:
            # The model's evidence rule (Action.clean) counts the files the action will have after this submit.
            kept = self.instance.evidence_files.exclude(pk__in=[f.pk for f in cleaned["remove_files"]]).count()
            self.instance.evidence_files_after_save = kept + len(cleaned["files"])
        return cleaned

    def save_update(self, by) -> Action | None:
        """The action, its new note and evidence files, and those removed, in one transaction, as `by`'s;
        None (nothing saved) if someone changed the action since the form was opened."""
        note = self.cleaned_data.get("note", "").strip()
        files = self.cleaned_data.get("files", [])
        removed = list(self.cleaned_data.get("remove_files", []))
        events = (["Progress note added"] if note else []) + (
            ["Evidence added: " + ", ".join(PurePath(f.name).name for f in files)] if files else []) + (
            ["Evidence removed: " + ", ".join(f.name for f in removed)] if removed else [])
        self.instance._history_user = by
        if events:
            self.instance._change_reason = clip("; ".join(events))
        with transaction.atomic():
            action = self.save_if_current()
            if action is None:
                return None
            if note:
                ProgressUpdate.objects.create(action=action, author=by, note=note)
            for uploaded in files:
                EvidenceFile.objects.create(action=action, file=uploaded, name=PurePath(uploaded.name).name[:255],
                                            size=uploaded.size, uploaded_by=by)
            for evidence in removed:
                evidence.delete()
                transaction.on_commit(lambda stored=evidence.file: stored.delete(save=False))
        return action


class OfficerActionForm(_ActionFormBase):
    """What an officer may change on an action they own: its progress, never the recommendation."""

    status = forms.ChoiceField(choices=[c for c in Action.Status.choices if c[0] not in Action.CLOSED_UNDONE])

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
                  "completion_date", "evidence", "superseded_by", "superseded_reason", "addition_reason",
                  "rewording_reason"]
        widgets = {name: GovukDateWidget for name in DATE_FIELDS} | {
            "recommendation": forms.Textarea(attrs={"rows": 4}), "agreed_action": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 5}), "revision_reason": forms.Textarea(attrs={"rows": 3}),
            "superseded_reason": forms.Textarea(attrs={"rows": 3}),
            "addition_reason": forms.Textarea(attrs={"rows": 3}), "rewording_reason": forms.Textarea(attrs={"rows": 3})}

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
        self._ask_agreement_reason()

    def _ask_agreement_reason(self):
        """Once the plan is agreed, adding needs a reason, and so does re-wording (asked afresh each time;
        Action.agreement_errors checks). Withdrawing has its own page (actions:withdraw)."""
        if self.instance.status != Action.Status.WITHDRAWN:
            status = self.fields["status"]
            status.choices = [c for c in status.choices if c[0] != Action.Status.WITHDRAWN]
        if not self.plan.is_fixed:
            del self.fields["addition_reason"], self.fields["rewording_reason"]
            return
        if self.instance.pk:
            del self.fields["addition_reason"]
            self.initial["rewording_reason"] = ""
            self.fields["rewording_reason"].help_text = (
                "Only if you change the recommendation or the agreed action: the auditor’s words are recorded as "
                "agreed, so the reason is kept with the action and in its history.")
        else:
            del self.fields["rewording_reason"]
            self.fields["addition_reason"].required = True
            self.fields["addition_reason"].error_messages["required"] = ("Give the reason for adding an action to "
                                                                         "the agreed plan.")
        # The reason beside the words it explains.
        order = list(self.fields)
        reason = order.pop(-1)
        order.insert(order.index("agreed_action") + 1, reason)
        self.order_fields(order)

    def clean_rewording_reason(self):
        # Left empty when the wording is not changed: the reason for the last re-wording stays.
        return self.cleaned_data["rewording_reason"].strip() or self.instance.rewording_reason

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




class MeetingFields(forms.Form):
    """The meeting of the sign-off group, which every sign-off needs: one of the committee meetings igov
    has recorded (up to today), or typed. Cleaned, "meeting" is the meeting in words."""

    recorded_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label="Meeting", empty_label="Choose a recorded meeting",
        help_text="The meeting that signed the actions off, if igov has it.")
    meeting = forms.CharField(max_length=200, required=False, label="Or type the meeting",
                              help_text="For example “Information Management Strategy Group, 12 January 2017”.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_meeting"].queryset = (Meeting.objects.filter(date__lte=timezone.localdate())
                                                    .select_related("committee"))

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("meeting") or "").strip()
        recorded = cleaned.get("recorded_meeting")
        if typed and recorded:
            self.add_error("meeting", "Choose a recorded meeting or type one, not both.")
        elif not typed and not recorded:
            self.add_error("recorded_meeting", "Choose the meeting that signed the actions off, or type it.")
        cleaned["meeting"] = typed or (str(recorded) if recorded else "")
        return cleaned


class SignOffForm(GovukFormMixin, MeetingFields):
    """One action signed off, as it stood when the board member opened the page."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    signed_on = PastDateField(label="Date signed off")

    def __init__(self, *args, action: Action, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.action, self.user = action, user
        self.fields["seen_version"].initial = action.version
        self.fields["signed_on"].initial = timezone.localdate()
        self.order_fields(["seen_version", "signed_on", "recorded_meeting", "meeting"])

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
    """Step one of the board signing off several completed actions: the ticked ones, checked against the
    board's rules. The date and meeting are asked on the check page, beside the actions' evidence."""

    selected = forms.ModelMultipleChoiceField(queryset=Action.objects.none(), label="Actions",
                                              error_messages={"required": "Tick the actions to sign off."})
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, queryset, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = queryset.for_list()
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selected") is not None:
            try:
                cleaned["selected"].check_sign_off(self.user)
            except forms.ValidationError as refusal:
                self.add_error(None, refusal)
        return cleaned


class BulkSignOffConfirmForm(GovukFormMixin, MeetingFields, ConfirmForm):
    """Step two: exactly the actions shown on the check page, with their evidence, signed off at the
    meeting and on the date given there. `plan`: the page came from the plan's "all awaiting sign-off"."""

    signed_on = PastDateField(label="Date signed off")
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    plan = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=LARGEST_ID)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()
        self.order_fields(["signed_on", "recorded_meeting", "meeting"])


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why is the action being withdrawn?",
                             help_text="This is kept with the action and in its history, and shown beside the "
                                       "plan’s agreed recommendations.",
                             error_messages={"required": "Say why the action is being withdrawn."})
    seen_version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why is the action being reopened?",
                             help_text="This is kept with the voided sign-off and in the action’s history.")
    seen_version = forms.IntegerField(widget=forms.HiddenInput)


class BulkStatusForm(GovukFormMixin, forms.Form):
    """Step one of the IG team moving several actions to one status: the ticked actions, or every action
    that matches the list's filters (only if those filters still apply as they did, and still match the
    number of actions the list showed). Nothing changes until the check page is confirmed."""

    STATUSES = [c for c in Action.Status.choices if c[0] not in Action.CLOSED_UNDONE]
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
        if cleaned["status"] == Action.Status.COMPLETED:
            changing = [a.pk for a in cleaned["chosen"] if not a.is_locked and a.status != cleaned["status"]]
            bare = (Action.objects.filter(pk__in=changing).without_evidence().order_by("reference")
                    .values_list("reference", flat=True))
            if bare:
                raise forms.ValidationError(f"{NO_EVIDENCE_IN_BULK}: {', '.join(bare)}. Give each its evidence on "
                                            "the action’s page, or leave them out.")
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
