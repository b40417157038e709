"""Choosing a unit on a register's form: directorates, each followed by its services."""
from django import forms
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from igov.org.models import Unit


def in_tree_order(queryset):
    """Directorates by name, each followed by its services by name, in SQL (for choice lists)."""
    return (queryset.select_related("parent").annotate(directorate_name=Coalesce("parent__name", "name"))
            .order_by("directorate_name", F("parent").asc(nulls_first=True), "name"))


def unit_label(unit: Unit) -> str:
    text = unit.label
    return text if unit.in_use else f"{text} (no longer in use)"


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", in_tree_order(Unit.objects.in_use()))
        kwargs.setdefault("label", "Directorate or service")
        kwargs.setdefault("empty_label", "Choose a directorate or service")
        super().__init__(**kwargs)

    def label_from_instance(self, unit):
        return unit_label(unit)


class UnitFormMixin:
    """A register's ModelForm: its unit is chosen from the units in use, plus the one it already has."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("unit")
        if field is None:
            return
        current = getattr(self.instance, "unit_id", None)
        field.__class__ = UnitChoiceField
        field.queryset = in_tree_order(Unit.objects.filter(Q(in_use=True) | Q(pk=current)))
        field.label = "Directorate or service"
        field.empty_label = "Choose a directorate or service"
