from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from actions.models import Action
from assets.models import DataSharingAgreement, InformationAsset, Partner
from igov.accounts.roles import IG_TEAM, OFFICER
from igov.lib.forms import AsAtDateField, ChooserWidget, GovukFormMixin, PersonChoiceField
from igov.lib.references import next_reference
from igov.lib.versioning import VersionedModelForm
from igov.org.forms import UnitFormMixin


class AsAtForm(GovukFormMixin, forms.Form):
    """As at which date the summary shows the register (a GET form; blank is today)."""

    on = AsAtDateField()


def staff_users():
    """The people who may own assets or lead agreements: officers and the IG team, active."""
    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(groups__name__in=[OFFICER, IG_TEAM]) | Q(is_superuser=True))
            .distinct().order_by("first_name", "last_name"))


class InformationAssetForm(UnitFormMixin, VersionedModelForm):
    class Meta:
        model = InformationAsset
        fields = ["reference", "name", "description", "owner", "administrator", "unit",
                  "format", "system_or_location", "personal_data", "special_category_data", "data_subjects",
                  "lawful_basis", "special_category_condition", "retention_period", "retention_rule",
                  "classification", "criticality", "last_reviewed", "next_review_on"]
        field_classes = {"owner": PersonChoiceField, "administrator": PersonChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reference" in self.fields and not self.instance.pk and not self.initial.get("reference"):
            self.initial["reference"] = next_reference(
                InformationAsset.objects.values_list("reference", flat=True), "IA-0001")
        for name in ("owner", "administrator"):
            if name in self.fields:
                self.fields[name].queryset = staff_users()


class OwnerAssetForm(InformationAssetForm):
    """What an IAO may change on their own asset: everything but who owns it and its reference."""

    class Meta(InformationAssetForm.Meta):
        fields = [f for f in InformationAssetForm.Meta.fields if f not in ("reference", "owner")]


class AgreementForm(VersionedModelForm):
    class Meta:
        model = DataSharingAgreement
        fields = ["reference", "title", "status", "safeguarding", "partners", "purpose", "legal_basis",
                  "data_shared", "assets", "dpia_completed", "dpia_date", "signed_on", "starts_on",
                  "term_months", "ends_on", "last_reviewed", "review_on", "lead_officer", "superseded_action"]
        field_classes = {"lead_officer": PersonChoiceField}
        widgets = {"partners": ChooserWidget, "assets": ChooserWidget}
        labels = {"signed_on": "Date signed"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("reference"):
            self.initial["reference"] = next_reference(
                DataSharingAgreement.objects.values_list("reference", flat=True),
                f"DSA-{timezone.localdate().year}-001")
        self.fields["lead_officer"].queryset = staff_users()
        self.fields["assets"].queryset = InformationAsset.objects.only("reference", "name")
        self.fields["superseded_action"].queryset = Action.objects.filter(
            status=Action.Status.SUPERSEDED).select_related("plan")
        for name in ("purpose", "data_shared"):
            self.fields[name].widget.attrs["rows"] = 3


class PartnerForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "contact_name", "contact_email", "contact_phone"]


class ReassignForm(GovukFormMixin, forms.Form):
    """The admin's hand-over: who takes the assets on."""

    successor = PersonChoiceField(queryset=None, label="New Information Asset Owner",
                                  help_text="Every asset listed moves to this person.")
    include_administered = forms.BooleanField(
        required=False, label="Also make them the Information Asset Administrator where the leaver was")

    def __init__(self, *args, exclude=(), administered=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = staff_users().exclude(pk__in=[u.pk for u in exclude])
        if not administered:
            del self.fields["include_administered"]
