from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, ActionPlan, EvidenceFile, ProgressUpdate, SignOff
from igov.lib.versioning import VersionedAdminMixin


@admin.register(ActionPlan)
class ActionPlanAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "source_kind", "issuing_body", "report_date", "assurance", "agreed_on", "lead"]
    list_filter = ["source_kind", "assurance"]
    search_fields = ["title", "issuing_body", "body_reference"]
    list_select_related = ["lead"]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    raw_id_fields = ["author"]


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        # Files come through the action page, where they are checked; the admin only lists them.
        return False


@admin.register(Action)
class ActionAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference", "plan", "status", "priority", "owner", "unit", "original_target_date",
                    "revised_target_date", "added_after_agreement"]
    list_filter = ["plan", "status", "added_after_agreement", "priority", "scope_area",
                   ("unit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["reference", "recommendation", "agreed_action", "unit__name"]
    list_select_related = ["plan", "owner", "unit__parent"]
    raw_id_fields = ["owner", "superseded_by"]
    inlines = [ProgressUpdateInline, EvidenceFileInline]

    # Once the plan is agreed, Action.clean refuses an addition or a re-wording without its reason,
    # here as on the service's pages; whether an action was added since is shown, never edited.
    readonly_fields = ["added_after_agreement"]


@admin.register(SignOff)
class SignOffAdmin(SimpleHistoryAdmin):
    """The board's sign-offs, to read. They are made and voided only on the action's pages, where the
    board's rules hold (nobody signs off their own work, the action as it was seen, a snapshot kept)."""

    list_display = ["action", "signed_on", "signed_by", "meeting", "voided_at"]
    list_select_related = ["action", "signed_by"]
    raw_id_fields = ["action", "signed_by", "voided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
