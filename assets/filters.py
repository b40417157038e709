"""The register's and the agreements' list filters, applied to querysets already scoped by visible_to(user)."""
from datetime import timedelta

import django_filters
from django.contrib.auth import get_user_model

from assets.models import DataSharingAgreement, InformationAsset, Partner
from igov.lib.filters import PersonFilter, RegisterFilterSet
from igov.org.filters import UnitFilter

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(queryset, field, value):
    return queryset.filter(**{field: value == "yes"}) if value in ("yes", "no") else queryset


class AssetFilter(RegisterFilterSet):
    REVIEW = [("overdue", "Overdue (or never reviewed)"), ("due_soon", "Due in the next 90 days"),
              ("up_to_date", "Not overdue")]

    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Reference, name, system or data subjects")
    owner = PersonFilter(
        label="Information Asset Owner (IAO)", null_label="No IAO", empty_label="Anyone",
        queryset=get_user_model().objects.filter(owned_information_assets__isnull=False).distinct()
        .order_by("last_name", "first_name"))
    unit = UnitFilter()
    classification = django_filters.ChoiceFilter(choices=InformationAsset.Classification.choices,
                                                 label="Security classification", empty_label="Any")
    criticality = django_filters.ChoiceFilter(choices=InformationAsset.Criticality.choices,
                                              label="Business criticality", empty_label="Any")
    personal_data = django_filters.ChoiceFilter(choices=YES_NO, method=_yes_no, label="Personal data",
                                                empty_label="Either")
    special_category_data = django_filters.ChoiceFilter(choices=YES_NO, method=_yes_no,
                                                        label="Special category data", empty_label="Either")
    review = django_filters.ChoiceFilter(choices=REVIEW, method="filter_review", label="Annual review",
                                         empty_label="Any")
    sort = django_filters.OrderingFilter(
        fields=[("reference", "reference"), ("name", "name"), ("owner__last_name", "owner"),
                ("unit__name", "service"), ("next_review", "next_review"), ("classification", "classification")],
        field_labels={"reference": "Reference", "name": "Name", "owner__last_name": "IAO", "unit__name": "Service",
                      "next_review": "Next review", "classification": "Classification"},
        label="Sort by", empty_label="Reference")

    search_fields = ("reference", "name", "system_or_location", "data_subjects")

    class Meta:
        model = InformationAsset
        fields = ["q", "owner", "unit", "classification", "criticality", "personal_data",
                  "special_category_data", "review"]

    def filter_review(self, queryset, name, value):
        overdue = InformationAsset.objects.review_overdue(self.today).values("pk")
        if value == "overdue":
            return queryset.filter(pk__in=overdue)
        if value == "due_soon":
            return queryset.filter(next_review__gte=self.today, next_review__lte=self.today + timedelta(days=90))
        return queryset.exclude(pk__in=overdue)


class AgreementFilter(RegisterFilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Reference, title or purpose")
    status = django_filters.ChoiceFilter(
        choices=DataSharingAgreement.Status.choices, method="filter_status", empty_label="Any status",
        help_text="Agreements past their expiry date count as expired")
    safeguarding = django_filters.ChoiceFilter(choices=YES_NO, method=_yes_no, label="Concerns safeguarding",
                                               empty_label="Either")
    unit = UnitFilter(field_name="assets__unit", help_text="Agreements sharing the unit's information assets")
    partner = django_filters.ModelChoiceFilter(field_name="partners", queryset=Partner.objects.all(),
                                               empty_label="Any partner")
    expiring = django_filters.ChoiceFilter(
        choices=[("90", "In the next 90 days"), ("180", "In the next 6 months")], method="filter_expiring",
        label="Expiring", empty_label="Any time")
    review_overdue = django_filters.ChoiceFilter(choices=YES_NO, method="filter_review", label="Review overdue",
                                                 empty_label="Either")
    lapsed = django_filters.ChoiceFilter(choices=YES_NO, method="filter_lapsed", empty_label="Either",
                                         label="Expired but still marked active")
    sort = django_filters.OrderingFilter(
        fields=[("reference", "reference"), ("title", "title"), ("current_status", "status"),
                ("expires_on", "expiry"), ("review_due", "review")],
        field_labels={"reference": "Reference", "title": "Title", "current_status": "Status",
                      "expires_on": "Expiry date", "review_due": "Review due"},
        label="Sort by", empty_label="Reference")

    search_fields = ("reference", "title", "purpose")

    class Meta:
        model = DataSharingAgreement
        fields = ["q", "status", "safeguarding", "unit", "partner", "expiring", "review_overdue", "lapsed"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(current_status=value)

    def filter_expiring(self, queryset, name, value):
        return queryset.filter(pk__in=DataSharingAgreement.objects.expiring_within(int(value), self.today)
                               .values("pk"))

    def filter_review(self, queryset, name, value):
        overdue = DataSharingAgreement.objects.review_overdue(self.today).values("pk")
        return queryset.filter(pk__in=overdue) if value == "yes" else queryset.exclude(pk__in=overdue)

    def filter_lapsed(self, queryset, name, value):
        lapsed = DataSharingAgreement.objects.expired_but_active(self.today).values("pk")
        return queryset.filter(pk__in=lapsed) if value == "yes" else queryset.exclude(pk__in=lapsed)
