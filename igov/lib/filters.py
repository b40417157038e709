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
    not_filters = frozenset({"page"})  # query-string keys the list reads that are not filters

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

    def problems(self) -> list[str]:
        """Why the filters asked for cannot be applied as asked, in words; empty when they can. A value
        no longer among the choices (a service renamed, an owner who left, an old bookmark, `?status=zzz`)
        or a filter the list does not have. django-filter would drop such a filter and match more."""
        if not self.is_bound:
            return []
        found = [f"{self.form.fields[name].label if name in self.form.fields else 'Filters'}: {error}"
                 for name, errors in self.form.errors.items() for error in errors]
        unknown = sorted(set(self.data) - set(self.form.fields) - self.not_filters)
        if unknown:
            found.append("This list has no filter called " + ", ".join(f"“{key}”" for key in unknown) + ".")
        return found

    @property
    def qs(self):
        # Nothing rather than everything: a list, an export or a bulk change made from filters that
        # cannot be applied would otherwise act on rows the person never chose.
        if self.problems():
            return self.queryset.none()
        return super().qs

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*(queryset.query.order_by or self.default_order), "pk")


class PersonField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, user):
        return person_name(user)


class PersonFilter(django_filters.ModelChoiceFilter):
    """A choice of person, each named as everywhere else in igov."""

    field_class = PersonField
