"""The record of every confirmed import, to read: it is written only by the import itself."""
from django.contrib import admin

from igov.imports.models import ImportRecord


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "register", "into", "file_name", "imported_by", "rows", "created", "updated",
                    "unchanged"]
    list_filter = ["register"]
    list_select_related = ["imported_by"]
    search_fields = ["file_name"]
    date_hierarchy = "imported_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
