"""The information asset register, partners and data sharing agreements outside the admin.

Officers read the register and keep their own assets (as IAO) up to date; the IG team edits
everything; committee members see the summary counts only. Access lives in the get_*_for_user
helpers below; every view loads its object through one.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from assets.filters import AgreementFilter, AssetFilter
from assets.forms import AgreementForm, AsAtForm, InformationAssetForm, OwnerAssetForm, PartnerForm
from assets.imports import AGREEMENTS, ASSETS
from assets.models import (
    DataSharingAgreement,
    InformationAsset,
    Partner,
    owner_overview,
    register_position_as_at,
    register_summary,
)
from igov.accounts.roles import (
    IG_TEAM,
    REGISTER_READERS,
    REGISTER_STAFF,
    has_role,
    is_committee_only,
    role_required,
)
from igov.imports.columns import Context
from igov.lib.dates import end_of
from igov.lib.exports import export_response
from igov.lib.history import change_log
from igov.lib.pagination import paginate
from igov.lib.versioning import EditConflict, posted_version
from risks.models import Risk

PAGE_SIZE = 50
EXPIRY_WINDOW_DAYS = 90
LAPSED_SHOWN = 10  # agreements expired but still marked active, named on the summary (the list has them all)
HISTORY_SHOWN = 25  # the newest changes on a detail page; the admin's history has them all


# --- access ----------------------------------------------------------------------------------
def get_asset_for_user(request, pk) -> InformationAsset:
    """The asset if the user may see it (officers and the IG team); 404 otherwise."""
    queryset = InformationAsset.objects.visible_to(request.user).with_next_review()
    return get_object_or_404(queryset.select_related("owner", "administrator", "unit__parent"), pk=pk)


def can_edit_asset(user, asset: InformationAsset) -> bool:
    return has_role(user, IG_TEAM) or (asset.owner_id is not None and asset.owner_id == user.pk)


def get_editable_asset_for_user(request, pk) -> InformationAsset:
    """The asset if the user may change it (its IAO or the IG team); 403 if they may only read it."""
    asset = get_asset_for_user(request, pk)
    if not can_edit_asset(request.user, asset):
        raise PermissionDenied("Only the asset's Information Asset Owner or the IG team can change it.")
    return asset


def get_agreement_for_user(request, pk) -> DataSharingAgreement:
    queryset = DataSharingAgreement.objects.visible_to(request.user).with_current_status(timezone.localdate())
    return get_object_or_404(queryset.select_related("lead_officer", "superseded_action__plan"), pk=pk)


def get_editable_agreement_for_user(request, pk) -> DataSharingAgreement:
    agreement = get_agreement_for_user(request, pk)
    if not has_role(request.user, IG_TEAM):
        raise PermissionDenied("Only the IG team can change data sharing agreements.")
    return agreement


# --- summaries -------------------------------------------------------------------------------
@role_required(*REGISTER_READERS)
def index(request: HttpRequest) -> HttpResponse:
    """The register in figures, now or as at a past date (`?on=2026-03-31`, read from the history):
    assets without an IAO, reviews overdue, agreements expired but still marked active (named for
    staff, safeguarding first), expiring soon, and by status. Committee members see counts only."""
    today = timezone.localdate()
    form = AsAtForm(request.GET or None)
    on = (form.cleaned_data["on"] if form.is_valid() else None) or today
    past = on < today
    when = end_of(on) if past else None
    position = (register_position_as_at(when, EXPIRY_WINDOW_DAYS) if past
                else register_summary(today, EXPIRY_WINDOW_DAYS))
    show_lists = not is_committee_only(request.user)
    # Agreement titles and references name no one; only staff reach the list they link to.
    lapsed = (list(DataSharingAgreement.objects.expired_but_active(today)[:LAPSED_SHOWN]
                   .only("pk", "reference", "title", "safeguarding", "ends_on", "starts_on", "term_months"))
              if show_lists and not past else [])
    return render(request, "assets/index.html", {
        "position": position, "assets": position.assets, "agreements": position.agreements, "on": on,
        "past": past, "form": form, "window": EXPIRY_WINDOW_DAYS, "show_lists": show_lists, "lapsed": lapsed,
        "live": show_lists and not past,
        "owners": owner_overview(on, when) if show_lists else []})


# --- the register ----------------------------------------------------------------------------
def _filtered_assets(request, today):
    queryset = (InformationAsset.objects.visible_to(request.user).with_next_review()
                .select_related("owner", "unit__parent"))
    return AssetFilter(request.GET or None, queryset=queryset, today=today)


@role_required(*REGISTER_STAFF)
def asset_list(request):
    """The register: every asset, filtered, sorted and paginated, with its IAO and next review."""
    today = timezone.localdate()
    filterset = _filtered_assets(request, today)
    page, query = paginate(request, filterset.qs, PAGE_SIZE)
    return render(request, "assets/asset_list.html", {
        "filter": filterset, "page": page, "query": query, "today": today,
        "can_create": has_role(request.user, IG_TEAM)})


@role_required(*REGISTER_STAFF)
def asset_export(request, fmt):
    """The filtered register as CSV or XLSX (same query string as the list)."""
    today = timezone.localdate()
    filterset = _filtered_assets(request, today)
    records = filterset.qs.select_related("owner", "administrator", "unit__parent").iterator(chunk_size=500)
    rows = ASSETS.rows(records, Context(today=today))
    return export_response(fmt, f"information-assets-{today:%Y-%m-%d}", ASSETS.headers(), rows,
                           title="Information assets")


@role_required(*REGISTER_STAFF)
def my_assets(request):
    """The signed-in IAO's assets, the overdue reviews first."""
    today = timezone.localdate()
    assets = list(InformationAsset.objects.visible_to(request.user).filter(owner=request.user)
                  .with_next_review().order_by("next_review", "reference"))
    due = [a for a in assets if a.is_review_overdue(today)]
    return render(request, "assets/my_assets.html", {
        "due": due, "others": [a for a in assets if a not in due], "total": len(assets), "today": today})


@role_required(*REGISTER_STAFF)
def asset_detail(request, pk):
    """An asset: what it is, who owns it, its review, agreements mentioning it, risks linked to it, its history."""
    asset = get_asset_for_user(request, pk)
    agreements = (DataSharingAgreement.objects.visible_to(request.user).filter(assets=asset)
                  .with_current_status(timezone.localdate()).prefetch_related("partners"))
    return render(request, "assets/asset_detail.html", {
        "asset": asset, "today": timezone.localdate(), "agreements": agreements,
        "risks": _risks_linked(asset, request.user), "history": change_log(asset, limit=HISTORY_SHOWN),
        "can_edit": can_edit_asset(request.user, asset)})


def _risks_linked(asset, user):
    """The risks linked to the asset that the user may see (an officer: the ones they own)."""
    return Risk.objects.visible_to(user).filter(assets=asset).only("pk", "reference", "title").order_by("reference")


@role_required(IG_TEAM)
def asset_create(request):
    """The IG team adds an asset to the register."""
    form = InformationAssetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asset = form.save_if_current()
        messages.success(request, f"Asset {asset.reference} added to the register.")
        return redirect(asset)
    return render(request, "assets/asset_form.html", {"form": form, "asset": None})


@role_required(*REGISTER_STAFF)
def asset_edit(request, pk):
    """The IAO updates their own asset (not its owner); the IG team changes anything."""
    asset = get_editable_asset_for_user(request, pk)
    form_class = InformationAssetForm if has_role(request.user, IG_TEAM) else OwnerAssetForm
    # From the annual review ("something has changed"): saving the corrected entry records the review.
    reviewing = request.GET.get("review") == "1"
    initial = {"last_reviewed": timezone.localdate(), "next_review_on": None} if reviewing else None
    form = form_class(request.POST or None, instance=asset, initial=initial)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, f"Asset {asset.reference} saved.")
        return redirect(asset)
    return render(request, "assets/asset_form.html", {"form": form, "asset": asset, "reviewing": reviewing})


@role_required(*REGISTER_STAFF)
def asset_review(request, pk):
    """The annual review: the IAO confirms "reviewed, no change" in one click, or edits the asset."""
    asset = get_editable_asset_for_user(request, pk)
    if request.method == "POST":
        try:
            asset.confirm_review(timezone.localdate(), seen_version=posted_version(request),
                                 by=request.user)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return redirect("assets:asset_review", pk=asset.pk)
        messages.success(request, f"Review of {asset.reference} recorded. The next review is due on "
                                  f"{asset.next_review:%-d %B %Y}.")
        return redirect("assets:my_assets" if asset.owner_id == request.user.pk else asset)
    return render(request, "assets/asset_review.html", {"asset": asset, "today": timezone.localdate()})


# --- agreements ------------------------------------------------------------------------------
def _filtered_agreements(request, today):
    queryset = (DataSharingAgreement.objects.visible_to(request.user).with_current_status(today)
                .prefetch_related(Prefetch("partners", Partner.objects.only("name"))))
    return AgreementFilter(request.GET or None, queryset=queryset, today=today)


@role_required(*REGISTER_STAFF)
def agreement_list(request):
    """Data sharing agreements, filtered and sorted, with partners, expiry and review dates."""
    today = timezone.localdate()
    filterset = _filtered_agreements(request, today)
    page, query = paginate(request, filterset.qs, PAGE_SIZE)
    return render(request, "assets/agreement_list.html", {
        "filter": filterset, "page": page, "query": query, "today": today,
        "can_create": has_role(request.user, IG_TEAM)})


@role_required(*REGISTER_STAFF)
def agreement_export(request, fmt):
    """The filtered agreements as CSV or XLSX (same query string as the list)."""
    today = timezone.localdate()
    filterset = _filtered_agreements(request, today)
    queryset = filterset.qs.select_related("lead_officer", "superseded_action__plan")
    rows = AGREEMENTS.rows(queryset, Context(today=today))
    return export_response(fmt, f"data-sharing-agreements-{today:%Y-%m-%d}", AGREEMENTS.headers(), rows,
                           title="Data sharing agreements")


@role_required(*REGISTER_STAFF)
def agreement_detail(request, pk):
    """An agreement: partners, purpose, legal basis, assets shared, dates, the action it replaced, history."""
    agreement = get_agreement_for_user(request, pk)
    return render(request, "assets/agreement_detail.html", {
        "agreement": agreement, "today": timezone.localdate(),
        "partners": agreement.partners.all(),
        "assets": agreement.assets.visible_to(request.user).select_related("owner"),
        "history": change_log(agreement, limit=HISTORY_SHOWN), "can_edit": has_role(request.user, IG_TEAM)})


@role_required(IG_TEAM)
def agreement_create(request):
    """The IG team records a new agreement."""
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agreement = form.save_if_current()
        messages.success(request, f"Agreement {agreement.reference} added.")
        return redirect(agreement)
    return render(request, "assets/agreement_form.html", {"form": form, "agreement": None})


@role_required(*REGISTER_STAFF)
def agreement_edit(request, pk):
    """The IG team changes an agreement (a stale save is refused, showing what changed)."""
    agreement = get_editable_agreement_for_user(request, pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, f"Agreement {agreement.reference} saved.")
        return redirect(agreement)
    return render(request, "assets/agreement_form.html", {"form": form, "agreement": agreement})


# --- partners --------------------------------------------------------------------------------
@role_required(*REGISTER_STAFF)
def partner_list(request):
    """The organisations the council shares with, and how many agreements each is party to."""
    in_force = Q(agreements__status__in=DataSharingAgreement.IN_FORCE)
    partners = Partner.objects.annotate(agreement_count=Count("agreements"),
                                        in_force=Count("agreements", filter=in_force)).order_by("name")
    kind = request.GET.get("kind", "")
    if kind in Partner.Kind.values:
        partners = partners.filter(kind=kind)
    page, query = paginate(request, partners, PAGE_SIZE)
    return render(request, "assets/partner_list.html", {
        "page": page, "query": query, "kinds": Partner.Kind.choices, "kind": kind,
        "can_edit": has_role(request.user, IG_TEAM)})


@role_required(IG_TEAM)
def partner_create(request):
    """The IG team adds a partner organisation."""
    return _partner_form(request, Partner())


@role_required(IG_TEAM)
def partner_edit(request, pk):
    """The IG team corrects a partner's details."""
    return _partner_form(request, get_object_or_404(Partner, pk=pk))


def _partner_form(request, partner):
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, f"{partner.name} saved.")
        return redirect("assets:partner_list")
    return render(request, "assets/partner_form.html", {"form": form, "partner": partner})

