from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from igov.lib.versioning import VersionedAdminMixin
from training.models import Completion, Course, ImportRun, StaffMember


@admin.register(Course)
class CourseAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "audience", "renewal_months", "launch_date", "target_percent", "mandatory"]
    list_filter = ["mandatory", "audience"]
    search_fields = ["name", "code"]


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = ["staff_number", "last_name", "first_name", "unit", "employment_type",
                    "in_scope", "leaving_date"]
    list_filter = [("unit", admin.RelatedOnlyFieldListFilter), "employment_type", "in_scope", "is_iao"]
    search_fields = ["staff_number", "last_name", "first_name", "email"]
    raw_id_fields = ["line_manager"]
    list_select_related = ["unit__parent"]

    def has_delete_permission(self, request, obj=None):
        # Leavers are marked with a leaving date, never deleted: their completions are the record.
        return False


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ["staff", "course", "completed_on", "score", "passed"]
    list_filter = ["course", "passed"]
    search_fields = ["staff__staff_number", "staff__last_name"]
    raw_id_fields = ["staff", "import_run"]
    list_select_related = ["staff", "course"]
    date_hierarchy = "completed_on"


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "kind", "file_name", "imported_by", "rows", "added", "updated", "unchanged"]
    list_filter = ["kind"]
    list_select_related = ["imported_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
