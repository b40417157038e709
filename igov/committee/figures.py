"""A committee report's figures: every register as it stood at the end of the meeting day, and its
movement since the previous meeting, read from the registers' history (never typed).

`report_figures` returns plain JSON data (numbers, text and ISO dates), so a published report can
store exactly what members saw and render it again years later, whatever the registers hold by then.
Committee members read it: it names services and partner organisations, never a member of staff.
The number of queries is fixed (about thirty) whatever the size or depth of the history. The registers'
figures are kept (`register_figures`) until one of the registers changes.
"""
from dataclasses import fields
from datetime import date

from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.text import Truncator

from actions.models import Action, ActionPlan, ActionQuerySet, PlanPosition, SignOff
from assets.models import AgreementQuerySet, DataSharingAgreement, InformationAsset, register_position_as_at
from igov.lib.dates import end_of
from igov.lib.history import latest_history_rows, state_at
from igov.org.models import Unit
from risks.models import (
    ImpactLevel,
    LikelihoodLevel,
    Risk,
    RiskAppetite,
    RiskCategory,
    RiskPosition,
    RiskQuerySet,
    Rules,
    ScoreBand,
    score_of,
)
from training.models import Completion, Course, StaffMember


def report_figures(on: date, since: date | None, annual_training: bool = False, exceptions: bool = True) -> dict:
    """Every register as at the end of `on`, with the movement since the end of `since` (the
    previous meeting; None for the first report), and the exceptions appendix unless told not to."""
    registers = register_figures(on, since, exceptions)
    course = Course.objects.filter(launch_date__lte=on).main()  # the main course launched by then
    figures = {
        "on": on.isoformat(),
        "since": since.isoformat() if since else None,
        "actions": registers["actions"],
        "risks": registers["risks"],
        "assets": registers["assets"],
        "training": training_figures(course, on, since, annual_training),
    }
    if exceptions:
        figures["exceptions"] = registers["exceptions"]
    return figures


# What the registers' figures read: these models' history, and the live names of plans and services.
# Every change to them through save() or delete() adds a history row (the bulk imports and the demo's
# dated history too), so while each one's latest history row is the same, figures computed before are
# the figures computed now.
READ_FROM = [Action, ActionPlan, SignOff, Risk, RiskCategory, RiskAppetite, ScoreBand, LikelihoodLevel,
             ImpactLevel, InformationAsset, DataSharingAgreement, Unit]
KEPT_FOR = 24 * 60 * 60  # seconds; one entry per (on, since, exceptions), replaced when its mark moves on


def register_figures(on: date, since: date | None, exceptions: bool = True) -> dict:
    """The action plans', risks' and assets' figures (and exceptions), kept in the cache with the
    latest history row of each model they read (`latest_history_rows`, one query) and computed
    again when any of those has moved on: a draft report opened again, its PDF, its spreadsheet and
    its publication read them once. The training figures are not kept: completions are not history."""
    key = f"committee:register-figures:{on.isoformat()}:{since.isoformat() if since else ''}:{int(exceptions)}"
    mark = latest_history_rows(READ_FROM)
    kept = cache.get(key)
    if kept is not None and kept["mark"] == mark:
        return kept["figures"]
    figures = compute_register_figures(on, since, exceptions)
    cache.set(key, {"mark": mark, "figures": figures}, KEPT_FOR)
    return figures


def compute_register_figures(on: date, since: date | None, exceptions: bool = True) -> dict:
    rules = Rules.as_at_each([end_of(on), end_of(since)] if since else [end_of(on)])
    risks_now = Risk.position_as_at(on, cells=False, rules=rules[0])
    risks_before = Risk.position_as_at(since, cells=False, rules=rules[1]) if since else None
    figures = {"actions": action_figures(on, since), "risks": risk_figures(risks_now, risks_before, since),
               "assets": asset_figures(on, since)}
    if exceptions:
        figures["exceptions"] = {"actions": action_exceptions(on), "risks": risk_exceptions(on, risks_now.rules),
                                 "agreements": agreement_exceptions(on)}
    return figures


def row(label: str, now: int | float | None, before: int | float | None, since: date | None, **extra) -> dict:
    """One line of a register's table: its value as at the meeting, at the previous one, and the change."""
    change = None if since is None or now is None or before is None else round(now - before, 1)
    return {"label": label, "now": now, "before": before if since else None, "change": change, **extra}


# --- action plans ---------------------------------------------------------------------------------
# Of an agreed plan, the agreed set (PlanPosition); the actions added since are counted apart.
ACTION_ROWS = [("completed", "Completed"), ("in_progress", "In progress"), ("not_started", "Not started"),
               ("superseded", "Superseded"), ("withdrawn", "Withdrawn"), ("total", "Total"),
               ("added", "Added since the plan was agreed")]


def action_figures(on: date, since: date | None) -> dict:
    now = Action.positions_as_at(end_of(on))
    before = Action.positions_as_at(end_of(since)) if since else {}
    plans = ActionPlan.objects.filter(pk__in=now.keys()).newest_first()
    result = []
    for plan in plans:
        position, earlier = now[plan.pk], before.get(plan.pk, PlanPosition.none())
        result.append(_plan_figures(plan.title, plan.issuing_body, position, earlier, since)
                      | {"agreed_sentence": plan.agreed_sentence(position)})
    everything = _plan_figures("All action plans", "", PlanPosition.add(list(now.values())) if now else
                               PlanPosition.none(), PlanPosition.add(list(before.values())) if before else
                               PlanPosition.none(), since)
    return {"plans": result, "all": everything}


def _plan_figures(title: str, body: str, now: PlanPosition, before: PlanPosition, since) -> dict:
    rows = [row(label, getattr(now, key), getattr(before, key), since, key=key) for key, label in ACTION_ROWS]
    rows[0]["of_which"] = row("signed off", now.signed_off, before.signed_off, since)
    rows.append(row("Overdue", now.overdue, before.overdue, since, key="overdue"))
    return {"title": title, "issuing_body": body, "sentence": now.sentence(),
            "signed_off_sentence": now.signed_off_sentence() if now.completed else "",
            "percent_completed": now.percent_completed, "rows": rows,
            "position": {f.name: getattr(now, f.name) for f in fields(now)}}


def action_exceptions(on: date) -> list[dict]:
    """Outstanding actions overdue or of high or urgent priority at the end of `on`, with the owner's
    service (never the owner), the original and revised target dates and the reason for revising."""
    rows = (state_at(Action, end_of(on))
            .filter(ActionQuerySet.outstanding_q())
            .filter(ActionQuerySet.overdue_q(on) | Q(priority__in=[Action.Priority.URGENT, Action.Priority.HIGH]))
            .annotate(target=Coalesce("revised_target_date", "original_target_date"),
                      late=Case(When(ActionQuerySet.overdue_q(on), then=Value(0)), default=Value(1),
                                output_field=IntegerField()))
            .order_by("late", "target", "plan_id", "reference")
            .values("plan__title", "reference", "recommendation", "agreed_action", "unit__name", "priority", "status",
                    "original_target_date", "revised_target_date", "revision_reason", "target", "late"))
    priorities, statuses = dict(Action.Priority.choices), dict(Action.Status.choices)
    return [{
        "plan": r["plan__title"] or "", "reference": r["reference"],
        "action": Truncator(r["agreed_action"] or r["recommendation"]).chars(160),
        "service": r["unit__name"] or "", "priority": priorities.get(r["priority"], r["priority"]),
        "status": statuses.get(r["status"], r["status"]),
        "original_target": _iso(r["original_target_date"]), "revised_target": _iso(r["revised_target_date"]),
        "reason": r["revision_reason"], "overdue": r["late"] == 0,
        "days_overdue": (on - r["target"]).days if r["late"] == 0 and r["target"] else 0,
    } for r in rows]


# --- information risk register --------------------------------------------------------------------
def risk_figures(now: RiskPosition, before: RiskPosition | None, since: date | None) -> dict:
    """The register's figures from its positions (Risk.position_as_at) at the meeting and at `since`."""

    def value(position, name):
        return getattr(position, name) if position is not None else None

    rows = [row(label, value(now, key), value(before, key), since, key=key)
            for key, label in (("open", "Open risks"), ("above_appetite", "Above appetite"),
                               ("review_overdue", "Review overdue"), ("closed", "Closed"), ("total", "Total"))]
    earlier_bands = {b.band.label: b.count for b in before.by_band} if before else {}
    bands = [row(b.band.label, b.count, earlier_bands.get(b.band.label, 0), since,
                 colour=b.band.colour) for b in now.by_band]
    return {"rows": rows, "bands": bands}


def risk_exceptions(on: date, rules: Rules | None = None) -> list[dict]:
    """Open risks whose residual score was above their category's appetite at the end of `on`,
    judged by the appetite in force then (`rules`: Rules.as_at(end_of(on)), if already read);
    furthest above first."""
    when = end_of(on)
    rules = rules or Rules.as_at(when)
    rows = (state_at(Risk, when)
            .alias(residual_score=score_of("residual_likelihood", "residual_impact"))
            .annotate(score=score_of("residual_likelihood", "residual_impact"), appetite_score=rules.appetite())
            .filter(RiskQuerySet.above_appetite_q(rules.appetite()))
            .values("reference", "title", "category_id", "score", "appetite_score"))
    result = [{"reference": r["reference"], "title": r["title"],
               "category": rules.categories[r["category_id"]].name if r["category_id"] in rules.categories else "",
               "residual_score": r["score"], "appetite_score": r["appetite_score"],
               "band": (rules.bands.band_for(r["score"]).label if rules.bands.band_for(r["score"]) else "")}
              for r in rows]
    return sorted(result, key=lambda r: (r["appetite_score"] - r["residual_score"], -r["residual_score"],
                                         r["reference"]))


# --- information assets and data sharing agreements ------------------------------------------------
def asset_figures(on: date, since: date | None) -> dict:
    now = register_position_as_at(end_of(on))
    before = register_position_as_at(end_of(since)) if since else None
    a_now, a_before = now.assets, before.assets if before else None
    g_now, g_before = now.agreements, before.agreements if before else None

    def value(figures, name):
        return getattr(figures, name) if figures is not None else None

    assets = [row(label, value(a_now, key), value(a_before, key), since, key=key)
              for key, label in (("total", "Information assets registered"), ("without_owner", "Without an owner"),
                                 ("review_overdue", "Review overdue"), ("never_reviewed", "Never reviewed"))]
    earlier = {s.status: s.count for s in g_before.by_status} if g_before else {}
    agreements = [row(s.label, s.count, earlier.get(s.status, 0), since, key=s.status) for s in g_now.by_status]
    agreements.append(row("Total", g_now.total, value(g_before, "total"), since, key="total"))
    warnings = [row(label, value(g_now, key), value(g_before, key), since, key=key) for key, label in (
        ("safeguarding_expired_but_active", "Safeguarding agreements expired but still marked active"),
        ("expired_but_active", "All agreements expired but still marked active"),
        ("expiring", f"Agreements expiring in {now.window_days} days"),
        ("review_overdue", "Agreements overdue review"))]
    return {"assets": assets, "agreements": agreements, "agreement_warnings": warnings,
            "safeguarding_total": g_now.safeguarding_total}


def agreement_exceptions(on: date) -> list[dict]:
    """Agreements still marked in force at the end of `on` though they had expired; safeguarding first."""
    rows = (state_at(DataSharingAgreement, end_of(on)).annotate(**AgreementQuerySet.date_expressions())
            .filter(AgreementQuerySet.expired_but_active_condition(on))
            .order_by("-safeguarding", "expires_on", "reference")
            .values("reference", "title", "safeguarding", "status", "expires_on"))
    statuses = dict(DataSharingAgreement.Status.choices)
    return [{"reference": r["reference"], "title": r["title"], "safeguarding": r["safeguarding"],
             "status": statuses.get(r["status"], r["status"]), "expired_on": _iso(r["expires_on"]),
             "days_expired": (on - r["expires_on"]).days} for r in rows]


# --- training ---------------------------------------------------------------------------------------
def training_figures(course: Course | None, on: date, since: date | None, annual: bool) -> dict | None:
    """The main course's compliance (the course launched by the meeting) at the meeting and at `since`:
    the same figures as training.models.council_summary, both dates in one query each."""
    if course is None:
        return None
    days = [on, since] if since else [on]
    compliance = StaffMember.objects.trend(course, days)
    launched = Completion.objects.since_launch_by(course, days)
    now = {"figures": compliance[0], "since_launch": launched[0]}
    before = {"figures": compliance[1], "since_launch": launched[1]} if since else None

    def value(summary, name):
        if summary is None:
            return None
        return summary["since_launch"] if name == "since_launch" else getattr(summary["figures"], name)

    rows = [row(label, value(now, key), value(before, key), since, key=key) for key, label in (
        ("percent", "Compliant (%)"), ("base", "Staff who must complete it"), ("valid", "With a valid completion"),
        ("still_to_complete", "Still to complete"), ("since_launch", "Completed since launch"))]
    result = {"course": course.name, "target": course.target_percent, "rows": rows,
              "meets_target": now["figures"].meets_target, "by_directorate": None}
    if annual:
        result["by_directorate"] = [
            {"directorate": unit.name if unit else "No directorate recorded", "base": f.base, "valid": f.valid,
             "percent": f.percent, "still_to_complete": f.still_to_complete, "meets_target": f.meets_target}
            for unit, f in StaffMember.objects.compliance_by_unit(course, on)]
    return result


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
