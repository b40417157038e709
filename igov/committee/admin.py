from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from igov.committee.models import Committee, Meeting, Report, Resolution
from igov.lib.versioning import VersionedAdminMixin


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "resolutions_plan"]
    list_select_related = ["resolutions_plan"]


class ResolutionInline(admin.TabularInline):
    model = Resolution
    extra = 0
    raw_id_fields = ["action"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "committee", "agenda_item"]
    list_select_related = ["committee"]
    inlines = [ResolutionInline]


@admin.register(Report)
class ReportAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """Reports are prepared and published in the app. Here a draft can be looked at; a published report
    is shown read-only and can be neither changed nor deleted (not even by an administrator)."""

    list_display = ["meeting", "edition", "status", "published_at"]
    list_select_related = ["meeting__committee", "superseded_by"]
    readonly_fields = ["edition", "supersedes", "published_at", "published_by", "pdf_sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
