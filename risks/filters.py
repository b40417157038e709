import django_filters
from django import forms
from django.contrib.auth import get_user_model

from igov.accounts.roles import is_committee_only
from igov.lib.filters import PersonFilter, RegisterFilterSet
from igov.org.filters import UnitFilter
from risks.models import SCALE, Risk, RiskCategory, ScoreBand


def _bands():
    return [(band.pk, f"{band.label} ({band.min_score}–{band.max_score})") for band in ScoreBand.objects.all()]


def _owners(request):
    """People who own a risk the user can see (an officer sees only themself)."""
    visible = Risk.objects.visible_to(request.user) if request else Risk.objects.none()
    return get_user_model().objects.filter(owned_risks__in=visible).distinct().order_by("last_name", "first_name")


SCALE_CHOICES = [(value, str(value)) for value in SCALE]


class RiskFilter(RegisterFilterSet):
    """The register's filters, applied to a queryset already scoped by visible_to(user) and
    annotated with_scores(). The likelihood and impact filters come from the heat map's cells."""

    q = django_filters.CharFilter(method="search", label="Search", help_text="Reference, title, cause or consequence")
    category = django_filters.ModelChoiceFilter(queryset=RiskCategory.objects.all(), empty_label="All categories")
    owner = PersonFilter(queryset=_owners, empty_label="Anyone")
    unit = UnitFilter()
    band = django_filters.ChoiceFilter(choices=_bands, method="filter_band", label="Residual score band",
                                       empty_label="Any band")
    status = django_filters.ChoiceFilter(choices=Risk.Status.choices, empty_label="Open or closed")
    above_appetite = django_filters.BooleanFilter(method="filter_above_appetite", widget=forms.CheckboxInput,
                                                  label="Only risks above appetite")
    review_overdue = django_filters.BooleanFilter(method="filter_review_overdue", widget=forms.CheckboxInput,
                                                  label="Only risks whose review is overdue")
    inherent_likelihood = django_filters.TypedChoiceFilter(choices=SCALE_CHOICES, coerce=int)
    inherent_impact = django_filters.TypedChoiceFilter(choices=SCALE_CHOICES, coerce=int)
    residual_likelihood = django_filters.TypedChoiceFilter(choices=SCALE_CHOICES, coerce=int)
    residual_impact = django_filters.TypedChoiceFilter(choices=SCALE_CHOICES, coerce=int)
    sort = django_filters.OrderingFilter(
        fields=[("residual_score", "residual"), ("inherent_score", "inherent"), ("target_score", "target"),
                ("reference", "reference"), ("last_reviewed", "reviewed")],
        field_labels={"residual_score": "Residual score", "inherent_score": "Inherent score",
                      "target_score": "Target score", "reference": "Reference", "last_reviewed": "Last review"},
        label="Sort by", empty_label="Residual score, highest first")

    # Shown as hidden fields: they are set by following a heat map cell, not chosen in the form.
    CELL_FIELDS = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")

    default_order = ["-residual_score", "reference"]  # highest residual score first
    search_fields = ("reference", "title", "cause", "consequence")

    class Meta:
        model = Risk
        fields = ["q", "category", "owner", "unit", "band", "status", "above_appetite", "review_overdue"]

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        if self.request is not None and is_committee_only(self.request.user):
            del self.filters["owner"]  # a committee member never sees who owns a risk, nor chooses by it
        for name in self.CELL_FIELDS:
            self.form.fields[name].widget = forms.HiddenInput()

    def filter_band(self, queryset, name, value):
        band = ScoreBand.objects.filter(pk=value).first()
        return queryset.filter(Risk.objects.band_q(band)) if band else queryset.none()

    def filter_above_appetite(self, queryset, name, value):
        return queryset.filter(Risk.objects.above_appetite_q()) if value else queryset

    def filter_review_overdue(self, queryset, name, value):
        return queryset.with_review_base().filter(Risk.objects.review_overdue_q(self.today)) if value else queryset

    @property
    def cell(self):
        """The heat map cell being shown, as text, or None."""
        data = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        for kind in ("inherent", "residual"):
            likelihood, impact = data.get(f"{kind}_likelihood"), data.get(f"{kind}_impact")
            if likelihood and impact:
                return f"{kind} likelihood {likelihood} and impact {impact}"
        return None
