"""Action plans and their actions: plan summaries for everyone who reads, named actions for staff.

Access lives in the get_*_for_user helpers below; every view loads its object through one.
"""
from datetime import date, datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions.filters import ActionFilter
from actions.forms import (
    ActionForm,
    ActionPlanForm,
    AsAtForm,
    BulkSignOffConfirmForm,
    BulkSignOffForm,
    BulkStatusConfirmForm,
    BulkStatusForm,
    OfficerActionForm,
    ProgressUpdateForm,
    ReopenForm,
    SignOffForm,
    WithdrawForm,
)
from actions.imports import ACTIONS
from actions.models import Action, ActionPlan, EvidenceFile, PlanPosition
from igov.accounts.roles import BOARD, IG_TEAM, READERS, STAFF_ROLES, has_role, is_committee_only, role_required
from igov.imports.columns import Context
from igov.lib.dates import end_of
from igov.lib.exports import export_response
from igov.lib.history import state_at
from igov.lib.pagination import paginate
from igov.lib.versioning import EditConflict

PAGE_SIZE = 50


# --- access ----------------------------------------------------------------------------------
def get_action_for_user(request, pk) -> Action:
    """The action if the user may see it (staff); 404 otherwise."""
    queryset = Action.objects.visible_to(request.user).select_related("plan", "owner", "superseded_by", "unit__parent")
    return get_object_or_404(queryset.with_sign_off(), pk=pk)


def can_edit(user, action: Action) -> bool:
    return has_role(user, IG_TEAM) or (action.owner_id is not None and action.owner_id == user.pk)


def get_editable_action_for_user(request, pk) -> Action:
    """The action if the user may change it (its owner or the IG team); 403 if they may only read it."""
    action = get_action_for_user(request, pk)
    if not can_edit(request.user, action):
        raise PermissionDenied("Only the action's owner or the IG team can change it.")
    return action


def names_shown(user) -> bool:
    """Whether the user may see who owns, signs, notes or changes an action: everyone who reads the
    actions but a committee member, who sees the items without names. Every view asks this."""
    return not is_committee_only(user)


def as_at(request: HttpRequest) -> tuple[date | None, datetime | None, AsAtForm]:
    """The day a plan page is as at (`?on=`), the moment that day ends, and the form that asked;
    (None, None, form) for now, also when the date given is not one (the form says why)."""
    form = AsAtForm(request.GET or None)
    on = form.cleaned_data["on"] if form.is_bound and form.is_valid() else None
    return on, (end_of(on) if on else None), form


# --- plans -----------------------------------------------------------------------------------
def _plans_as_at(when: datetime | None, positions: dict) -> list[ActionPlan]:
    """The plans recorded by `when` (None: all), newest report first: those whose history begins by
    then, and any with actions then (a plan imported with its actions' past but not its own)."""
    plans = ActionPlan.objects.newest_first()
    if when is not None:
        plans = plans.filter(Q(pk__in=state_at(ActionPlan, when).values("id")) | Q(pk__in=list(positions)))
    return list(plans)


@role_required(*READERS)
def index(request: HttpRequest) -> HttpResponse:
    """The action plans (ICO, IFC, committee resolutions) and their progress, now or as at a date."""
    on, when, form = as_at(request)
    positions = Action.positions_as_at(when)
    rows = [{"plan": plan, "counts": positions.get(plan.pk, PlanPosition.none())}
            for plan in _plans_as_at(when, positions)]
    return render(request, "actions/index.html", {
        "rows": rows, "totals": PlanPosition.add([row["counts"] for row in rows]), "on": on,
        "today": on or timezone.localdate(), "form": form, "query": urlencode({"on": on} if on else {}),
        "show_names": names_shown(request.user), "can_manage": has_role(request.user, IG_TEAM)})


PLAN_EXPORT_HEADERS = ["Plan", "Source", "Issued by", "Reference", "Report date", "Assurance rating", "Actions",
                       "Completed", "In progress", "Not started", "Superseded", "Withdrawn", "Overdue",
                       "Signed off", "Added since agreed"]


@role_required(*READERS)
def plans_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The plan list's figures as CSV or XLSX, now or as at `?on=` (counts only, so the committee may
    have it too)."""
    on, when, _ = as_at(request)
    day = on or timezone.localdate()
    positions = Action.positions_as_at(when)
    rows = []
    for p in _plans_as_at(when, positions):
        counts = positions.get(p.pk, PlanPosition.none())
        rows.append([p.title, p.get_source_kind_display(), p.issuing_body, p.body_reference, p.report_date,
                     p.get_assurance_display(), counts.total, counts.completed, counts.in_progress,
                     counts.not_started, counts.superseded, counts.withdrawn, counts.overdue, counts.signed_off,
                     counts.added])
    return export_response(fmt, f"action-plans-{day:%Y-%m-%d}", PLAN_EXPORT_HEADERS, rows, title="Action plans")


@role_required(*READERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One plan's position, now or as at `?on=`: the sentence the committee reads, the count bar,
    progress by scope area and the overdue actions (by service, for a committee member)."""
    plan = get_object_or_404(ActionPlan.objects.select_related("lead"), pk=pk)
    on, when, form = as_at(request)
    labels = dict(Action.ScopeArea.choices)
    areas = sorted(({"label": labels.get(area, area), "counts": counts}
                    for area, counts in Action.by_area_as_at(when, plan).items()), key=lambda a: a["label"])
    counts = Action.position_as_at(when, plan)
    return render(request, "actions/plan_detail.html", {
        "plan": plan, "counts": counts, "areas": areas, "agreed_sentence": plan.agreed_sentence(counts),
        "agreement_changes": Action.agreement_changes_as_at(when, plan),
        "overdue": Action.overdue_as_at(when, plan), "on": on, "today": on or timezone.localdate(),
        "form": form, "show_names": names_shown(request.user), "can_manage": has_role(request.user, IG_TEAM),
        "can_sign_off": has_role(request.user, BOARD)})


@role_required(IG_TEAM)
def plan_create(request):
    """The IG team records a new plan (an audit report, or the committee's resolutions)."""
    form = ActionPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = form.save_if_current()
        messages.success(request, f"Plan “{plan.title}” added. Now add its actions.")
        return redirect(plan)
    return render(request, "actions/plan_form.html", {"form": form, "plan": None})


@role_required(IG_TEAM)
def plan_edit(request, pk):
    """The IG team corrects a plan's details or records that it was agreed."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    form = ActionPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, "Plan saved.")
        return redirect(plan)
    return render(request, "actions/plan_form.html", {"form": form, "plan": plan})


@role_required(IG_TEAM)
def action_create(request, pk):
    """The IG team adds a recommendation to a plan."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    form = ActionForm(request.POST or None, instance=Action(plan=plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        action = form.save_if_current()
        messages.success(request, f"Action {action.reference} added.")
        return redirect(action)
    return render(request, "actions/action_edit.html", {"action": None, "plan": plan, "form": form})


# --- lists -----------------------------------------------------------------------------------
def _filtered(request):
    queryset = Action.objects.visible_to(request.user).for_list()
    return ActionFilter(request.GET or None, queryset=queryset, request=request)


@role_required(*READERS)
def action_list(request: HttpRequest) -> HttpResponse:
    """Every action the user may see, filtered, sorted and paginated (by service, not owner, for a
    committee member); the IG team changes status and the board signs off in bulk."""
    filterset = _filtered(request)
    page, query = paginate(request, filterset.qs, PAGE_SIZE)
    none = Action.objects.none()
    return render(request, "actions/action_list.html", {
        "filter": filterset, "title": filterset.title(), "page": page, "query": query,
        "today": timezone.localdate(), "show_plan": not request.GET.get("plan"),
        "show_names": names_shown(request.user),
        "can_bulk_status": has_role(request.user, IG_TEAM), "can_bulk_sign_off": has_role(request.user, BOARD),
        "bulk": has_role(request.user, IG_TEAM, BOARD),
        "bulk_form": BulkStatusForm(queryset=none, auto_id="id_bulk_%s")})


@role_required(*STAFF_ROLES)
def my_actions(request):
    """The signed-in user's own actions: outstanding first, by target date."""
    today = timezone.localdate()
    actions = (Action.objects.visible_to(request.user).owned_by(request.user).for_list()
               .order_by(F("target").asc(nulls_last=True), "plan__title", "reference"))
    outstanding = [a for a in actions if a.is_outstanding]
    closed = [a for a in actions if not a.is_outstanding]
    return render(request, "actions/my_actions.html", {
        "outstanding": outstanding, "closed": closed, "today": today,
        "overdue": sum(a.is_overdue(today) for a in outstanding),
        "due_soon": sum(a.is_due_soon(today) for a in outstanding)})


@role_required(*READERS)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered action list as CSV or XLSX (same query string as the list), in the columns the
    import reads (actions/imports.py); without the owner and evidence for a committee member."""
    today = timezone.localdate()
    named = names_shown(request.user)
    rows = ACTIONS.rows(_filtered(request).qs.iterator(chunk_size=500), Context(today=today), named=named)
    return export_response(fmt, f"actions-{today:%Y-%m-%d}", ACTIONS.headers(named), rows, title="Actions")


def _list_url(request) -> str:
    """The list a bulk form was posted from: its query string is only ever a query string."""
    query = request.POST.get("next", "")
    return reverse("actions:list") + (query if query.startswith("?") else "")


def _said(refusal) -> list[str]:
    """What a refusal (EditConflict, ValidationError) or a form's errors say, message by message."""
    if isinstance(refusal, EditConflict):
        return [refusal.message]
    if isinstance(refusal, ValidationError):
        return refusal.messages
    return [error for field_errors in refusal.values() for error in field_errors]


def _report(request, refusal) -> HttpResponse:
    """Each message of a refusal or a form's errors, then back to the list the bulk form came from."""
    for message in _said(refusal):
        messages.error(request, message)
    return redirect(_list_url(request))


@role_required(IG_TEAM)
@require_POST
def bulk_status(request: HttpRequest) -> HttpResponse:
    """Step one of a bulk status change: which actions the list's choice means and what would happen
    to each, for the IG team to check. Nothing changes yet."""
    form = BulkStatusForm(request.POST, queryset=Action.objects.visible_to(request.user))
    if not form.is_valid():
        return _report(request, form.errors)
    plan = form.plan()
    confirm = BulkStatusConfirmForm(initial={
        "seen": plan["change"], "count": len(plan["change"]), "status": plan["status"],
        "next": form.cleaned_data["next"]})
    return render(request, "actions/bulk_status_confirm.html", {**plan, "form": confirm, "back": _list_url(request)})


@role_required(IG_TEAM)
@require_POST
def bulk_status_confirm(request: HttpRequest) -> HttpResponse:
    """Step two: moves exactly the actions confirmed, unless any changed meanwhile; each change in its
    history as this user's."""
    form = BulkStatusConfirmForm(request.POST)
    if not form.is_valid():
        return _report(request, form.errors)
    status = form.cleaned_data["status"]
    try:
        changed = Action.objects.visible_to(request.user).set_status(
            status, request.user, timezone.localdate(), form.cleaned_data["seen"],
            leave_completed=form.cleaned_data["leave_completed"])
    except (EditConflict, ValidationError) as refusal:
        return _report(request, refusal)
    messages.success(request, f"{changed} action{pluralize(changed)} marked {Action.Status(status).label.lower()}.")
    return redirect(_list_url(request))


def _sign_off_check(request, actions, form, plan=None, own_work=()) -> HttpResponse:
    """The check page of a sign-off of several actions: exactly these, each with its evidence (text and
    files), then the date and meeting. Nothing is signed until it is confirmed."""
    return render(request, "actions/bulk_sign_off_confirm.html", {
        "form": form, "actions": actions, "plan": plan, "own_work": own_work,
        "back": plan.get_absolute_url() if plan else _list_url(request)})


def _with_evidence(actions):
    return actions.for_list().prefetch_related("evidence_files").order_by("plan__title", "reference")


@role_required(BOARD)
@require_POST
def bulk_sign_off(request: HttpRequest) -> HttpResponse:
    """Step one of the board signing off several completed actions: the ticked ones, checked against
    the board's rules and shown with their evidence for confirming. Nothing is signed yet."""
    form = BulkSignOffForm(request.POST, queryset=Action.objects.visible_to(request.user), user=request.user)
    if not form.is_valid():
        return _report(request, form.errors)
    actions = list(_with_evidence(form.cleaned_data["selected"]))
    confirm = BulkSignOffConfirmForm(initial={"seen": actions, "count": len(actions),
                                              "next": form.cleaned_data["next"]})
    return _sign_off_check(request, actions, confirm)


@role_required(BOARD)
def plan_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """Every action of the plan awaiting sign-off that this board member may sign off, with its evidence,
    to sign off together once the date and meeting are given; their own work is listed apart."""
    plan = get_object_or_404(ActionPlan, pk=pk)
    awaiting = Action.objects.visible_to(request.user).filter(plan=plan).awaiting_sign_off()
    own = awaiting.own_work_of(request.user)
    actions = list(_with_evidence(awaiting.exclude(pk__in=own.values("pk"))))
    form = BulkSignOffConfirmForm(initial={"seen": actions, "count": len(actions), "plan": plan.pk})
    return _sign_off_check(request, actions, form, plan, own_work=list(own.order_by("reference")))


@role_required(BOARD)
@require_POST
def bulk_sign_off_confirm(request: HttpRequest) -> HttpResponse:
    """Step two: signs off exactly the actions confirmed, each with its own snapshot, unless any changed
    meanwhile or the board's rules now say no (then the check page again, saying why)."""
    form = BulkSignOffConfirmForm(request.POST)
    valid = form.is_valid()
    plan = ActionPlan.objects.filter(pk=form.cleaned_data["plan"]).first() if form.cleaned_data.get("plan") else None
    if valid:
        try:
            made = Action.objects.visible_to(request.user).sign_off(
                request.user, form.cleaned_data["meeting"], form.cleaned_data["signed_on"],
                form.cleaned_data["seen"])
        except EditConflict as conflict:
            return _report(request, conflict)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, f"{len(made)} action{pluralize(len(made))} signed off.")
            return redirect(plan or _list_url(request))
    seen = form.cleaned_data.get("seen") or {}
    actions = list(_with_evidence(Action.objects.visible_to(request.user).filter(pk__in=list(seen))))
    return _sign_off_check(request, actions, form, plan)


# --- one action ------------------------------------------------------------------------------
@role_required(*READERS)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An action: what was recommended, where it stands, its updates, sign-offs and history. A committee
    member sees the action, its owner's service and whether it is signed off: no notes, files, sign-off
    records or history, which name people, and nothing to change."""
    action = get_action_for_user(request, pk)
    user = request.user
    if not names_shown(user):
        return render(request, "actions/action_detail.html", {
            "action": action, "today": timezone.localdate(), "show_names": False})
    return render(request, "actions/action_detail.html", {
        "action": action, "today": timezone.localdate(), "show_names": True,
        "updates": action.updates.select_related("author"),
        "sign_offs": action.sign_offs.select_related("signed_by", "voided_by"),
        "evidence_files": action.evidence_files.select_related("uploaded_by"),
        "change_log": action.change_log(),
        "can_edit": can_edit(user, action) and not action.why_locked(has_role(user, IG_TEAM)),
        "can_update": can_edit(user, action),
        "can_sign_off": has_role(user, BOARD) and not action.sign_off_refusals(user),
        "can_reopen": has_role(user, BOARD) and action.status == Action.Status.COMPLETED,
        "can_withdraw": has_role(user, IG_TEAM) and not action.is_locked,
    })


@role_required(*STAFF_ROLES)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """One form, one submit: status, dates, evidence text, a progress note and evidence files to attach
    or remove. Officers change the progress of their own actions; the IG team changes everything."""
    action = get_editable_action_for_user(request, pk)
    ig_team = has_role(request.user, IG_TEAM)
    if refusal := action.why_locked(ig_team):
        messages.error(request, refusal)
        return redirect(action)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    if ig_team:
        form = ActionForm(data, files, instance=action, plan=action.plan)
    else:
        form = OfficerActionForm(data, files, instance=action)
    if request.method == "POST" and form.is_valid() and form.save_update(request.user):
        messages.success(request, f"Action {action.reference} saved.")
        return redirect(action)
    return render(request, "actions/action_edit.html", {"action": action, "plan": action.plan, "form": form})


@role_required(*STAFF_ROLES)
def update_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Adds a dated progress note (the owner or the IG team), also to an action that can no longer
    change otherwise (signed off); recorded in the action's history."""
    action = get_editable_action_for_user(request, pk)
    if request.method == "GET" and not action.why_locked(has_role(request.user, IG_TEAM)):
        return redirect(reverse("actions:edit", args=[action.pk]) + "#id_note")
    form = ProgressUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action.add_note(request.user, form.cleaned_data["note"])
        messages.success(request, "Progress update added.")
        return redirect(action)
    return render(request, "actions/update_add.html", {"action": action, "form": form})


@role_required(*STAFF_ROLES)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Evidence files are attached on the action's one update form: the old address leads there."""
    action = get_editable_action_for_user(request, pk)
    return redirect(reverse("actions:edit", args=[action.pk]) + "#id_files")


@role_required(*STAFF_ROLES)
def evidence_download(request, pk):
    """An evidence file, always as a download (never rendered in the browser), for whoever sees the action."""
    evidence = get_object_or_404(EvidenceFile, pk=pk)
    get_action_for_user(request, evidence.action_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.name,
                            content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(BOARD)
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """The board signs off a completed action as it stood when the page was opened; the sign-off keeps
    what the action said then. Nobody signs off their own work."""
    action = get_action_for_user(request, pk)
    form = SignOffForm(request.POST or None, action=action, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            action.sign_off(request.user, form.cleaned_data["meeting"], form.cleaned_data["signed_on"],
                            form.cleaned_data["seen_version"])
        except (EditConflict, ValidationError) as refusal:
            messages.error(request, " ".join(_said(refusal)))
            return redirect(action)
        messages.success(request, f"Action {action.reference} signed off.")
        return redirect(action)
    return render(request, "actions/sign_off.html", {
        "action": action, "form": form, "refusals": action.sign_off_refusals(request.user),
        "evidence_files": action.evidence_files.all(), "updates": action.updates.select_related("author")})


@role_required(BOARD)
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """The board reopens a completed action as it stood when the page was opened: back to in progress,
    any sign-off voided with the reason."""
    action = get_action_for_user(request, pk)
    if action.status != Action.Status.COMPLETED:
        messages.error(request, "Only a completed action can be reopened.")
        return redirect(action)
    return _change_with_reason(request, action, ReopenForm, action.reopen, "actions/reopen.html",
                               f"Action {action.reference} reopened; it is in progress again.")


@role_required(IG_TEAM)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The IG team withdraws an action with the reason: kept and shown apart as withdrawn, never deleted
    (for an agreed plan, beside the recommendations agreed with the auditor)."""
    action = get_action_for_user(request, pk)
    if action.is_locked:
        messages.error(request, "A signed-off, superseded or withdrawn action cannot be withdrawn.")
        return redirect(action)
    return _change_with_reason(request, action, WithdrawForm, action.withdraw, "actions/withdraw.html",
                               f"Action {action.reference} withdrawn.")


def _change_with_reason(request: HttpRequest, action: Action, form_class, change, template: str,
                        done: str) -> HttpResponse:
    """A change with a reason, made to the action as it stood when the page was opened: the form,
    then `change(user, reason, seen_version)`; a conflict or a refusal is shown, never overwritten."""
    form = form_class(request.POST or None, initial={"seen_version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            change(request.user, form.cleaned_data["reason"], form.cleaned_data["seen_version"])
        except (EditConflict, ValidationError) as refusal:
            messages.error(request, " ".join(_said(refusal)))
            return redirect(action)
        messages.success(request, done)
        return redirect(action)
    return render(request, template, {"action": action, "form": form})
