"""Organisation units in the Django admin: the tree, renaming (which renames everywhere), retiring,
and merging one unit into another (each record moved with history)."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from igov.lib.versioning import VersionedAdminMixin
from igov.org.forms import UnitChoiceField, in_tree_order
from igov.org.models import Unit


class MergeForm(forms.Form):
    into = UnitChoiceField(queryset=Unit.objects.none(), label="Merge into")
    reason = forms.CharField(max_length=200, help_text="Recorded in the history of every record moved, "
                                                       "e.g. “Restructure, March 2027”.")

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = in_tree_order(Unit.objects.in_use().exclude(pk=unit.pk)
                                                     .exclude(parent=unit.pk))


@admin.register(Unit)
class UnitAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "parent", "in_use"]
    list_filter = ["in_use", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    fields = ["name", "code", "parent", "in_use"]
    actions = ["merge"]

    def has_delete_permission(self, request, obj=None):
        return False  # retired ("not in use") or merged, never deleted: records and history point at it

    @admin.action(description="Merge the selected unit into another")
    def merge(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose one unit to merge.", messages.ERROR)
            return None
        unit = queryset.get()
        form = MergeForm(request.POST if "into" in request.POST else None, unit=unit)
        if form.is_valid():
            try:
                moved = unit.merge_into(form.cleaned_data["into"], by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(request, f"{unit.label} merged into {form.cleaned_data['into'].label}: "
                                       f"{moved} records moved.", messages.SUCCESS)
            return redirect("admin:org_unit_changelist")
        return TemplateResponse(request, "admin/org/unit/merge.html", {
            **self.admin_site.each_context(request), "title": f"Merge {unit.label}", "unit": unit, "form": form,
            "opts": self.model._meta, "records": {m._meta.verbose_name_plural: m.objects.filter(unit=unit).count()
                                                 for m in Unit.registers()}})
