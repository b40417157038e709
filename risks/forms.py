from django import forms
from django.db.models import Q
from django.utils import timezone

from igov.accounts.people import assignable_owners
from igov.lib.forms import (
    AsAtDateField,
    ChooserWidget,
    DateField,
    GovukFormMixin,
    ModelMultipleChoiceField,
    PastDateField,
    PersonChoiceField,
)
from igov.lib.references import next_reference
from igov.lib.versioning import VersionedModelForm
from igov.org.forms import UnitFormMixin
from risks.models import SCALE, Risk, scale_names


class AsAtForm(GovukFormMixin, forms.Form):
    """The date the risk index shows the register's position on (a GET form; blank: today)."""

    on = AsAtDateField(help_text="The register as it stood at the end of that day, judged by the score bands "
                                 "and appetite in force then.")


def scale_choices(names: dict[int, str]) -> list[tuple[int, str]]:
    """'4 – Likely' for each level, from the levels an administrator named (the number if unnamed)."""
    return [(value, f"{value} – {names[value]}" if value in names else str(value)) for value in SCALE]


def _use_scale_names(form):
    names = scale_names()
    likelihood, impact = scale_choices(names["likelihood"]), scale_choices(names["impact"])
    for name, field in form.fields.items():
        if name.endswith("_likelihood") or name.endswith("_impact"):
            field.choices = likelihood if name.endswith("_likelihood") else impact


class ScaleField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        # A model field passes its number bounds; the choices already bound the value.
        for bound in ("min_value", "max_value", "step_size"):
            kwargs.pop(bound, None)
        super().__init__(choices=[(v, str(v)) for v in SCALE], coerce=int, **kwargs)


class ActionChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, action):
        return f"{action.plan.title}, {action.reference}: {action.short_text}"


def linkable_actions(risk):
    """Outstanding audit actions, and any the risk is already linked to, by plan and reference."""
    from actions.models import Action

    linked = Q(pk__in=risk.actions.values("pk")) if risk.pk else Q(pk__in=[])
    return (Action.objects.filter(Q(status__in=Action.OUTSTANDING) | linked).select_related("plan")
            .order_by("plan__title", "reference"))


class AssetChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, asset):
        return f"{asset.reference}: {asset.name}"


def linkable_assets():
    """Every asset on the register, by reference (the asset register is short enough to list)."""
    from assets.models import InformationAsset

    return InformationAsset.objects.only("pk", "reference", "name").order_by("reference")


SCORE_FIELDS = ["inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact",
                "target_likelihood", "target_impact"]


class RiskForm(UnitFormMixin, VersionedModelForm):
    """The IG team's form: every field of the risk. Reviews are recorded separately."""

    owner = PersonChoiceField(queryset=assignable_owners())

    class Meta:
        model = Risk
        fields = ["reference", "title", "cause", "consequence", "category", "owner", "unit",
                  "inherent_likelihood", "inherent_impact", "existing_controls", "residual_likelihood",
                  "residual_impact", "target_likelihood", "target_impact", "treatment", "planned_controls",
                  "status", "raised_on", "review_frequency", "next_review_on", "actions", "assets"]
        field_classes = {name: ScaleField for name in SCORE_FIELDS} | {"actions": ActionChoiceField,
                                                                        "assets": AssetChoiceField}
        widgets = {"cause": forms.Textarea(attrs={"rows": 3}), "consequence": forms.Textarea(attrs={"rows": 3}),
                   "existing_controls": forms.Textarea(attrs={"rows": 4}),
                   "planned_controls": forms.Textarea(attrs={"rows": 4}),
                   "actions": ChooserWidget, "assets": ChooserWidget}
        help_texts = {"actions": "Audit actions that treat this risk. Completed actions stay linked but are not "
                                 "offered.",
                      "assets": "The information assets this risk threatens, from the asset register."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _use_scale_names(self)
        if not self.instance.pk and not self.initial.get("reference"):
            self.initial["reference"] = next_reference(Risk.objects.values_list("reference", flat=True),
                                                              "IR-001")
        self.fields["owner"].queryset = assignable_owners()
        self.fields["actions"].queryset = linkable_actions(self.instance)
        self.fields["assets"].queryset = linkable_assets()


class RiskOwnerForm(VersionedModelForm):
    """What a risk's owner changes directly: the controls, the treatment and the target. The
    residual score moves only through a recorded review, so each change has its reason."""

    class Meta:
        model = Risk
        fields = ["existing_controls", "planned_controls", "treatment", "target_likelihood", "target_impact"]
        field_classes = {"target_likelihood": ScaleField, "target_impact": ScaleField}
        widgets = {"existing_controls": forms.Textarea(attrs={"rows": 5}),
                   "planned_controls": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _use_scale_names(self)


class RiskReviewForm(GovukFormMixin, forms.Form):
    """Recording a review: when, what was found, the residual scores now, the next review."""

    reviewed_on = PastDateField(label="Date of review")
    residual_likelihood = ScaleField(label="Residual likelihood", help_text="With the controls in place today.")
    residual_impact = ScaleField(label="Residual impact", help_text="With the controls in place today.")
    note = forms.CharField(label="Review note", widget=forms.Textarea(attrs={"rows": 5}),
                           help_text="What was considered and what changed, for example “Delay-send rule now live "
                                     "in every mailbox”.")
    next_review_on = DateField(
        label="Next review date (optional)", required=False,
        help_text="Leave blank to follow the risk’s review frequency from this review.")
    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, risk: Risk, **kwargs):
        self.risk = risk
        kwargs.setdefault("initial", {
            "reviewed_on": timezone.localdate(), "residual_likelihood": risk.residual_likelihood,
            "residual_impact": risk.residual_impact, "seen_version": risk.version})
        super().__init__(*args, **kwargs)
        _use_scale_names(self)

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        if day < self.risk.raised_on:
            raise forms.ValidationError(f"The review cannot be before the risk was raised "
                                        f"({self.risk.raised_on:%d %B %Y}).")
        return day

    def clean(self):
        cleaned = super().clean()
        reviewed_on, next_review_on = cleaned.get("reviewed_on"), cleaned.get("next_review_on")
        if reviewed_on and next_review_on and next_review_on <= reviewed_on:
            self.add_error("next_review_on", "The next review must be after this review.")
        likelihood, impact = cleaned.get("residual_likelihood"), cleaned.get("residual_impact")
        if likelihood and impact:
            risk, residual = self.risk, likelihood * impact
            if residual > risk.inherent:
                self.add_error("residual_likelihood", (
                    f"The residual score ({likelihood} × {impact} = {residual}) cannot be higher than the inherent "
                    f"score ({risk.inherent_likelihood} × {risk.inherent_impact} = {risk.inherent}): controls only "
                    "lower a risk. If the risk itself has grown, ask the IG team to rescore it."))
            elif residual < risk.target:
                self.add_error("residual_likelihood", (
                    f"The residual score ({likelihood} × {impact} = {residual}) is below the target score "
                    f"({risk.target_likelihood} × {risk.target_impact} = {risk.target}), which cannot be higher "
                    "than the residual. Lower the target first (edit the risk), then record this review."))
        return cleaned
