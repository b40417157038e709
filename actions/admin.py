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
    """Notes are added (by ActionAdmin.save_formset, through Action.add_note, so the action's history
    says who added one) and then kept as written: none is edited or removed here."""

    model = ProgressUpdate
    extra = 0
    fields = ["note", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    # Removed only on the action's update form, where the action's history records who removed what.
    can_delete = False

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

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            return super().save_formset(request, form, formset, change)
        for note in formset.save(commit=False):
            form.instance.add_note(request.user, note.note)


@admin.register(SignOff)
class SignOffAdmin(SimpleHistoryAdmin):
    """The board's sign-offs, to read and, for an administrator, to record or correct one the board made
    elsewhere. SignOff.clean holds the rules here as on the action's pages (a meeting; a completed action;
    a date neither in the future nor before completion); a new one keeps a snapshot of the action.
    Voiding happens only by reopening the action, on its page."""

    list_display = ["action", "signed_on", "signed_by", "meeting", "voided_at"]
    list_select_related = ["action", "signed_by"]
    raw_id_fields = ["action", "signed_by"]
    fields = ["action", "signed_by", "signed_on", "meeting", "status", "completion_date", "evidence",
              "evidence_files", "voided_at", "voided_by", "void_reason"]
    readonly_fields = ["status", "completion_date", "evidence", "evidence_files", "voided_at", "voided_by",
                       "void_reason"]

    def get_readonly_fields(self, request, obj=None):
        # Which action a sign-off is of never changes once recorded.
        return [*self.readonly_fields, "action"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.take_snapshot()
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False
