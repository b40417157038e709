"""The one "directorate or service" filter every register's list and export uses: by unit code in the
query string (`?unit=CF`), a directorate matching its services' records too."""
import django_filters

from igov.org.forms import UnitChoiceField, in_tree_order
from igov.org.models import Unit


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", in_tree_order(Unit.objects.all()))
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("label", "Directorate or service")
        kwargs.setdefault("empty_label", "Any directorate or service")
        kwargs.setdefault("method", self.within)
        super().__init__(*args, **kwargs)

    @staticmethod
    def within(queryset, name, unit):
        """Rows of the unit; across a relation (an agreement's assets' unit), each row once."""
        units = Unit.objects.within(unit).values("pk")
        if "__" in name:
            return queryset.filter(pk__in=queryset.model.objects.filter(**{f"{name}__in": units}).values("pk"))
        return queryset.filter(**{f"{name}__in": units})
