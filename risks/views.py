"""The information risk register: the heat map and counts for everyone who reads, now or as at
a past date; the register for officers (their own risks), the IG team (every risk) and committee
members (every risk, without anyone's name: `shows_names`).

Access lives in the get_*_for_user helpers below; every view loads its risk through one.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from assets.models import InformationAsset
from igov.accounts.roles import (
    IG_TEAM,
    READERS,
    REGISTER_STAFF,
    has_role,
    is_committee_only,
    role_required,
)
from igov.imports.columns import Context
from igov.lib.exports import export_response
from igov.lib.pagination import paginate
from igov.lib.versioning import EditConflict
from risks.charts import residual_chart
from risks.filters import RiskFilter
from risks.forms import AsAtForm, RiskForm, RiskOwnerForm, RiskReviewForm
from risks.imports import RISKS
from risks.models import Bands, Risk, heat_map, risk_record_review, scale_names

PAGE_SIZE = 25
ABOVE_SHOWN = 10  # the index lists the risks furthest above appetite; the register has them all


# --- access ----------------------------------------------------------------------------------
def shows_names(user) -> bool:
    """Whether the user may see who owns and reviews risks: everyone but committee members, who see
    each risk without Risk.NOT_FOR_MEMBERS, reviewers or history users."""
    return not is_committee_only(user)


def get_risk_for_user(request, pk) -> Risk:
    """The risk if the user may see it (its owner or the IG team); 404 otherwise."""
    queryset = (Risk.objects.visible_to(request.user).with_scores()
                .select_related("category__appetite", "owner", "unit__parent"))
    return get_object_or_404(queryset, pk=pk)


def can_edit(user, risk: Risk) -> bool:
    return has_role(user, IG_TEAM) or risk.owner_id == user.pk


def get_editable_risk_for_user(request, pk) -> Risk:
    """The risk if the user may change it (its owner or the IG team); 403 if they may only read it."""
    risk = get_risk_for_user(request, pk)
    if not can_edit(request.user, risk):
        raise PermissionDenied("Only the risk's owner or the IG team can change it.")
    return risk


# --- the whole register ----------------------------------------------------------------------
@role_required(*READERS)
def index(request: HttpRequest) -> HttpResponse:
    """The heat maps (inherent and residual) and the counts by band, above appetite and overdue
    review, by category: now, or as at the date `?on=` (from the history, by the rules in force
    then). Committee members see the council's figures; officers see their own risks'."""
    today = timezone.localdate()
    form = AsAtForm(request.GET or None)
    on = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data["on"] != today else None
    if on:
        position = Risk.position_as_at(on, scope=Risk.objects.visible_q(request.user))
    else:
        position = Risk.objects.visible_to(request.user).position(today)
    rules = position.rules
    cells = {"residual": position.residual_cells, "inherent": position.inherent_cells}
    return render(request, "risks/index.html", {
        "form": form, "on": on, "position": position, "today": today,
        "maps": [{"kind": kind, "rows": heat_map(cells[kind], rules.bands, rules.impact_names)}
                 for kind in ("residual", "inherent")],
        "likelihood": rules.likelihood,
        # The risks themselves and links into the register are today's: shown with today's figures only.
        "above": [] if on else list(Risk.objects.visible_to(request.user).furthest_above_appetite()[:ABOVE_SHOWN]),
        "above_shown": ABOVE_SHOWN, "links": not on, "can_add": has_role(request.user, IG_TEAM),
        "whole_council": has_role(request.user, IG_TEAM) or is_committee_only(request.user)})


def _filtered(request, today):
    queryset = (Risk.objects.visible_to(request.user).with_scores()
                .select_related("category__appetite", "owner", "unit__parent"))
    return RiskFilter(request.GET, queryset=queryset, request=request, today=today)


@role_required(*READERS)
def risk_list(request: HttpRequest) -> HttpResponse:
    """The register: every risk the user may see, filtered, sorted by score and paginated."""
    today = timezone.localdate()
    filterset = _filtered(request, today)
    page, query = paginate(request, filterset.qs, PAGE_SIZE)
    for risk in page.object_list:
        risk.review_is_overdue = risk.is_review_overdue(today)
    return render(request, "risks/risk_list.html", {
        "filter": filterset, "page": page, "query": query, "today": today, "names": shows_names(request.user),
        "can_add": has_role(request.user, IG_TEAM)})


@role_required(*READERS)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered register as CSV or XLSX (same query string as the list); for a committee
    member without the columns of Risk.NOT_FOR_MEMBERS."""
    today = timezone.localdate()
    filterset = _filtered(request, today)
    named = shows_names(request.user)
    assets = Prefetch("assets", queryset=InformationAsset.objects.only("pk", "reference", "name").order_by("reference"))
    records = filterset.qs.prefetch_related(assets).iterator(chunk_size=500)
    rows = RISKS.rows(records, Context(today=today), named=named)
    return export_response(fmt, f"information-risks-{today:%Y-%m-%d}", RISKS.headers(named), rows,
                           title="Information risks")


@role_required(IG_TEAM)
def risk_add(request):
    """The IG team adds a risk to the register."""
    form = RiskForm(request.POST or None, initial={"raised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        risk = form.save_if_current()
        messages.success(request, f"Risk {risk.reference} added to the register.")
        return redirect(risk)
    return render(request, "risks/risk_form.html", {"form": form, "risk": None})


# --- one risk --------------------------------------------------------------------------------
@role_required(*READERS)
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A risk: its three scores side by side, the residual score over time, reviews and history;
    for a committee member without anyone's name (owner, reviewers, who changed it)."""
    risk = get_risk_for_user(request, pk)
    names = shows_names(request.user)
    today = timezone.localdate()
    bands = Bands()
    levels = scale_names()
    scores = [{"label": label, "likelihood": getattr(risk, f"{kind}_likelihood"),
               "impact": getattr(risk, f"{kind}_impact"), "score": getattr(risk, kind),
               "band": bands.band_for(getattr(risk, kind)), "hint": hint}
              for kind, label, hint in (("inherent", "Inherent", "Before any controls"),
                                        ("residual", "Residual", "With the existing controls"),
                                        ("target", "Target", "Once the planned controls are in place"))]
    for score in scores:
        score["likelihood_name"] = levels["likelihood"].get(score["likelihood"], "")
        score["impact_name"] = levels["impact"].get(score["impact"], "")
    records = risk.history_records()
    points = risk.residual_over_time(records)
    return render(request, "risks/risk_detail.html", {
        "risk": risk, "today": today, "scores": scores, "points": points,
        "chart": residual_chart(points, today, bands),
        # A member sees when each review was and the scores it found, not who reviewed or their note.
        "reviews": risk.reviews.select_related("reviewer") if names else risk.reviews.defer("reviewer", "note"),
        "names": names,
        "actions": risk.actions.select_related("plan"),
        # The asset register is not a member's to open: a member sees a risk without its assets.
        "assets": risk.assets.only("pk", "reference", "name").order_by("reference") if names else [],
        "change_log": risk.change_log(records, people=names), "can_edit": can_edit(request.user, risk),
        "review_overdue": risk.is_review_overdue(today), "can_add": has_role(request.user, IG_TEAM)})


@role_required(*REGISTER_STAFF)
def risk_edit(request, pk):
    """The owner changes the controls, treatment and target; the IG team changes everything."""
    risk = get_editable_risk_for_user(request, pk)
    form_class = RiskForm if has_role(request.user, IG_TEAM) else RiskOwnerForm
    form = form_class(request.POST or None, instance=risk)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, f"Risk {risk.reference} saved.")
        return redirect(risk)
    return render(request, "risks/risk_form.html", {"form": form, "risk": risk})


@role_required(*REGISTER_STAFF)
def review_add(request, pk):
    """Records a review: the residual scores it found become the risk's, and its history shows them."""
    risk = get_editable_risk_for_user(request, pk)
    form = RiskReviewForm(request.POST or None, risk=risk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            risk_record_review(risk, reviewer=request.user, reviewed_on=data["reviewed_on"], note=data["note"],
                               residual_likelihood=data["residual_likelihood"],
                               residual_impact=data["residual_impact"], next_review_on=data["next_review_on"],
                               seen_version=data["seen_version"])
        except EditConflict as conflict:
            # Show what changed; the form now carries the stored version, so resubmitting is deliberate.
            form.add_error(None, conflict.message)
            form.data = form.data.copy()
            form.data["seen_version"] = Risk.objects.values_list("version", flat=True).get(pk=risk.pk)
        else:
            messages.success(request, f"Review of {risk.reference} recorded.")
            return redirect(risk)
    return render(request, "risks/review_form.html", {"form": form, "risk": risk})
