"""The base of every register's list filters (django-filter), applied to a queryset already
scoped by visible_to(user)."""
from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q
from django.utils import timezone

from igov.accounts.people import person_name
from igov.lib.forms import GovukFormMixin


class RegisterFilterSet(django_filters.FilterSet):
    """A list's filters: the govuk-frontend form classes, `today` for the date rules, and a stable
    order under every sort (ending in the primary key), so pages never repeat or skip a row."""

    default_order = ["reference"]
    search_fields: tuple[str, ...] = ()  # what the search box (a CharFilter with method="search") looks in

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def get_form_class(self):
        return type(f"{type(self).__name__}Form", (GovukFormMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        """Rows with every word of the search in at least one of search_fields."""
        for word in value.split():
            queryset = queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": word}) for f in self.search_fields)))
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*(queryset.query.order_by or self.default_order), "pk")


class PersonField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, user):
        return person_name(user)


class PersonFilter(django_filters.ModelChoiceFilter):
    """A choice of person, each named as everywhere else in igov."""

    field_class = PersonField
