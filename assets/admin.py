"""Asset owners in the Django admin: the register with its filters, the IAO overview, and handing
assets to another IAO — the selected ones (an admin action) or all of a leaver's (from their user page).

Both show every asset that will move before anything does, and move exactly those: the assets shown,
each as it was shown (ConfirmForm, lock_if_current); anything else is refused. A leaver's assets move
through the app's hand-over (igov.accounts.handover.hand_over), and their user page links to the whole
hand-over in the app: actions, risks, assets and agreements at once."""
from collections import Counter
from operator import attrgetter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from assets.forms import ReassignForm
from assets.models import DataSharingAgreement, InformationAsset, Partner, owner_overview
from igov.accounts import handover
from igov.accounts.admin_site import is_id_of
from igov.accounts.people import person_name
from igov.lib.versioning import ConfirmForm, EditConflict, SeenVersionsField, VersionedAdminMixin, lock_if_current

User = get_user_model()


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "review overdue"
    parameter_name = "review_overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue (or never reviewed)"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        overdue = InformationAsset.objects.review_overdue(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


def person(user):
    return person_name(user) if user else "—"


class HandOverConfirmForm(ConfirmForm):
    """The assets a hand-over page showed (as owner, and as administrator), each with the version shown."""

    seen = SeenVersionsField(required=False)
    count = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    seen_administered = SeenVersionsField(required=False)


def _moved_message(request, successor, moved: int, administrators: int = 0) -> None:
    message = f"{moved} information asset{'s' if moved != 1 else ''} moved to {person(successor)}"
    if administrators:
        message += (f"; {person(successor)} is now the Information Asset Administrator of {administrators} "
                    f"asset{'s' if administrators != 1 else ''}")
    messages.success(request, message + ".")


def reassign(request, seen: dict[int, int], successor) -> int:
    """Moves the chosen assets (`seen`: {id: version} of each as the admin was shown it) to successor, one
    history entry each, made by the admin; nothing moves unless each is still as shown."""
    with transaction.atomic():
        lock_if_current(InformationAsset.objects.all(), seen, name=attrgetter("reference"))
        moved = InformationAsset.objects.filter(pk__in=seen).reassign_to(successor, by=request.user)
    _moved_message(request, successor, moved)
    return moved


def hand_over_leavers(request, leavers, successor, owned: dict[int, int], administered: dict[int, int] | None):
    """Every asset of each leaver, as shown (`owned`, and `administered` unless None: {id: version}), to
    successor through the app's hand-over (igov.accounts.handover), in one transaction."""
    shown = InformationAsset.objects.filter(pk__in=owned.keys() | (administered or {}).keys())
    holders = {pk: (owner, admin) for pk, owner, admin in shown.values_list("pk", "owner_id", "administrator_id")}
    moved = Counter()
    with transaction.atomic():
        for leaver in leavers:
            successors = {"assets": successor}
            seen = {"assets": {pk: v for pk, v in owned.items() if holders.get(pk, (None,))[0] == leaver.pk}}
            if administered is not None:
                successors["administered"] = successor
                seen["administered"] = {pk: v for pk, v in administered.items()
                                        if holders.get(pk, (None, None))[1] == leaver.pk}
            moved.update(handover.hand_over(leaver, successors, effective=timezone.localdate(), by=request.user,
                                            reason="IAO hand-over in the admin", seen=seen))
    _moved_message(request, successor, moved["assets"], moved["administered"])


@admin.register(InformationAsset)
class InformationAssetAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference", "name", "owner_name", "unit", "classification", "next_review_date",
                    "review_overdue"]
    list_filter = [("owner", admin.RelatedOnlyFieldListFilter), ("unit", admin.RelatedOnlyFieldListFilter),
                   "classification",
                   ReviewOverdueFilter, "personal_data", "special_category_data"]
    search_fields = ["reference", "name", "unit__name", "owner__first_name", "owner__last_name", "owner__username"]
    # The admin's own widgets, not the autocomplete (select2, which has no accessible name): raw ids for
    # people, as a council has thousands of users.
    raw_id_fields = ["owner", "administrator"]
    list_select_related = ["owner", "unit__parent"]
    list_per_page = 100
    actions = ["reassign_to_another_iao"]
    change_list_template = "assets/admin/asset_change_list.html"
    fieldsets = [
        (None, {"fields": ["reference", "name", "description", "owner", "administrator", "unit"]}),
        ("Where it is", {"fields": ["format", "system_or_location"]}),
        ("Personal data", {"fields": ["personal_data", "special_category_data", "data_subjects", "lawful_basis",
                                      "special_category_condition"]}),
        ("Retention and security", {"fields": ["retention_period", "retention_rule", "classification",
                                               "criticality"]}),
        ("Review", {"fields": ["last_reviewed", "next_review_on"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_next_review()

    @admin.display(description="IAO", ordering="owner__last_name")
    def owner_name(self, asset):
        return person(asset.owner)

    @admin.display(description="next review", ordering="next_review")
    def next_review_date(self, asset):
        return asset.next_review or "never reviewed"

    @admin.display(description="overdue", boolean=True)
    def review_overdue(self, asset):
        return asset.is_review_overdue(timezone.localdate())

    @admin.action(description="Reassign to another IAO")
    def reassign_to_another_iao(self, request, queryset):
        """Shows the chosen assets (all the filter matches, with "select all") and the successor to choose;
        then moves exactly the assets shown, refused if any changed or the list came back different."""
        owners = {a.owner for a in queryset.select_related("owner") if a.owner}
        applying = "apply" in request.POST
        # One current owner cannot be their own successor; with several, any of them may take the rest.
        form = ReassignForm(request.POST if applying else None, exclude=owners if len(owners) == 1 else ())
        confirm = ConfirmForm(request.POST if applying else None)
        if form.is_valid() and confirm.is_valid():
            seen = confirm.cleaned_data["seen"]
            try:
                reassign(request, seen, form.cleaned_data["successor"])
            except EditConflict as conflict:
                self.message_user(request, conflict.message, messages.ERROR)
            return None  # back to the change list, filters kept
        if applying and confirm.errors:  # a page from before this check, or one that lost or gained assets
            for errors in confirm.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
            return None
        assets = list(queryset.select_related("owner"))
        return TemplateResponse(request, "assets/admin/reassign.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
            "assets": assets, "title": "Reassign to another IAO",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "confirm": ConfirmForm(initial={"seen": assets, "count": len(assets)}),
        })

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("owners/", view(self.owners_view), name="assets_informationasset_owners"),
            path("hand-over/", view(self.hand_over_view), name="assets_informationasset_handover"),
            *super().get_urls(),
        ]

    def owners_view(self, request):
        """The IAO overview: each owner with their asset count and reviews overdue."""
        rows = owner_overview(timezone.localdate())
        return TemplateResponse(request, "assets/admin/owners.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "rows": rows,
            "title": "Information Asset Owners", "total": sum(r["assets"] for r in rows),
            "total_overdue": sum(r["overdue"] for r in rows),
            "changelist": reverse("admin:assets_informationasset_changelist"),
        })

    def hand_over_view(self, request):
        """Every asset of one or more departing IAOs (?owner=ID, repeatable) to a successor, in one step:
        exactly the assets the page showed, refused if the leaver's assets changed since."""
        if not self.has_change_permission(request):
            return redirect("admin:index")
        ids = request.GET.getlist("owner")
        leavers = list(User.objects.filter(pk__in=[i for i in ids if is_id_of(User, i)]).order_by("last_name"))
        unknown = sorted(set(ids) - {str(leaver.pk) for leaver in leavers})
        if unknown:
            # A mistyped or stale address hands nothing over, rather than part of what was meant.
            messages.error(request, f"No user has the id {', '.join(f'“{i}”' for i in unknown)}. Choose the "
                                    "departing owner from the list of owners or from their user page.")
            leavers = []
        assets = InformationAsset.objects.filter(owner__in=leavers)
        administered = InformationAsset.objects.filter(administrator__in=leavers)
        form = ReassignForm(request.POST or None, exclude=leavers, administered=administered.exists())
        confirm = HandOverConfirmForm(request.POST or None)
        if leavers and request.method == "POST" and form.is_valid() and confirm.is_valid():
            include = form.cleaned_data.get("include_administered")
            owned, admin_of = confirm.cleaned_data["seen"], confirm.cleaned_data["seen_administered"] if include else {}
            if (set(assets.values_list("pk", flat=True)) != set(owned)
                    or (include and set(administered.values_list("pk", flat=True)) != set(admin_of))):
                self.message_user(request, "The leaver’s assets changed after this page was opened, so nothing has "
                                           "been handed over. Check the list below, then hand over again.",
                                  messages.ERROR)
                return redirect(request.get_full_path())
            try:
                hand_over_leavers(request, leavers, form.cleaned_data["successor"], owned,
                                  admin_of if include else None)
            except EditConflict as conflict:
                self.message_user(request, conflict.message, messages.ERROR)
                return redirect(request.get_full_path())
            except ValidationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
                return redirect(request.get_full_path())
            return redirect(reverse("admin:assets_informationasset_changelist") + "?"
                            + urlencode({"owner__id__exact": form.cleaned_data["successor"].pk}))
        shown = list(assets.select_related("owner", "unit"))
        shown_administered = list(administered.select_related("owner", "unit"))
        return TemplateResponse(request, "assets/admin/hand_over.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
            "leavers": leavers, "assets": shown, "administered": shown_administered,
            "administered_count": len(shown_administered), "title": "Hand over a leaver’s information assets",
            "confirm": HandOverConfirmForm(initial={"seen": shown, "count": len(shown),
                                                    "seen_administered": shown_administered}),
        })


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "contact_name", "contact_email"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name"]


@admin.register(DataSharingAgreement)
class DataSharingAgreementAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference", "title", "status", "safeguarding", "expiry", "review"]
    list_filter = ["status", "safeguarding", "dpia_completed", "partners__kind"]
    search_fields = ["reference", "title", "partners__name"]
    # The admin's own widgets, not the autocomplete (select2, which has no accessible name): the few
    # partners to pick from a filtered list; raw ids for the thousands of assets and users.
    filter_horizontal = ["partners"]
    raw_id_fields = ["assets", "lead_officer", "superseded_action"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_dates()

    @admin.display(description="expires", ordering="expires_on")
    def expiry(self, agreement):
        return agreement.expires_on

    @admin.display(description="review due", ordering="review_due")
    def review(self, agreement):
        return agreement.review_due


# The user's admin page gains a hand-over link and a list action for leavers. It extends whichever
# user admin is registered (Django's own unless another app replaced it first).
_RegisteredUserAdmin = type(admin.site._registry[User])
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(_RegisteredUserAdmin):
    change_form_template = "assets/admin/user_change_form.html"
    actions = [*(_RegisteredUserAdmin.actions or []), "hand_over_information_assets"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, unquote(object_id))  # None for an id that is no user's
        if user is not None:
            extra_context = {**(extra_context or {}),
                             "owned_asset_count": InformationAsset.objects.filter(owner=user).count(),
                             "hand_over_url": reverse("admin:assets_informationasset_handover") + "?"
                             + urlencode({"owner": user.pk}),
                             "hand_over_everything_url": reverse("people:hand_over", args=[user.pk])}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Hand their information assets to a successor")
    def hand_over_information_assets(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        return redirect(reverse("admin:assets_informationasset_handover") + "?"
                        + urlencode({"owner": ids}, doseq=True))
