"""Demo action plans: the ICO audit's 77 recommendations, In-Form Consult's review, and at --scale N
the IFC plan grows N-fold and N-1 internal audit plans join them. The committee's resolutions are
recorded at a demo meeting by igov.committee.demo, which takes their state from `resolution_actions`
and their history from `replay`.

Idempotent: plans are found by their issuing body's reference, actions by their reference within
the plan; only what is missing is created. Dates are relative to `today`, so the demo always has
overdue, due-soon and on-track actions.
"""
import random
from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions import demo_text as text
from actions.models import Action, ActionPlan, ProgressUpdate, SignOff
from igov.accounts.demo import demo_officer
from igov.lib.history import write_stories
from igov.org.demo import demo_units

# username: (first name, last name); "officer" is the demo user from igov.accounts.demo.
OFFICERS = {
    "hclarke": ("Helen", "Clarke"),
    "abegum": ("Aisha", "Begum"),
    "jwhitmore": ("James", "Whitmore"),
    "glloyd": ("Gareth", "Lloyd"),
    "mfielding": ("Mark", "Fielding"),
    "rdunn": ("Rachel", "Dunn"),
}

# scope area -> (owner's username, service)
OWNERSHIP = {
    "governance": ("officer", "Legal and Governance"),
    "records": ("hclarke", "Legal and Governance"),
    "training": ("abegum", "Human Resources"),
    "security": ("jwhitmore", "ICT and Digital"),
    "requests": ("glloyd", "Customer Services"),
    "data_sharing": ("mfielding", "Children and Families"),
    "breaches": ("officer", "Legal and Governance"),
    "risk": ("rdunn", "Finance"),
    "other": ("officer", "Legal and Governance"),
}

ICO_NOT_STARTED = {12, 36, 58, 75}
ICO_IN_PROGRESS = {1, 13, 16, 19, 25, 38, 45, 49, 56, 65, 69}
SIGN_OFF_MEETING = "Information Management Strategy Group"


def seed(scale: int, today, stdout) -> None:
    people = demo_people()
    made = 0
    made += _ico_plan(today, people)
    made += _ifc_plan(scale, today, people)
    for n in range(1, scale):
        made += _internal_audit_plan(n, today, people)
    total = Action.objects.count()
    stdout.write(f"actions: {ActionPlan.objects.count()} plans, {total} actions ({made} new)")


def demo_people() -> dict:
    """The demo's officers by username, with the IG team and the board."""
    people = {u.username: u for u in User.objects.filter(username__in=["officer", "igteam", "board"])}
    for username, (first, last) in OFFICERS.items():
        people[username] = demo_officer(username, first, last)
    return people


def _plan(body_reference: str, **fields) -> ActionPlan:
    plan = ActionPlan.objects.filter(body_reference=body_reference).first()
    if plan is None:
        plan = ActionPlan.objects.create(body_reference=body_reference, **fields)
    return plan


def _action(i: int, reference: str, scope: str, recommendation: str, status: str, report_date, today,
            people, rng) -> Action:
    """One action with dates and status that fit together (the model's constraints hold)."""
    owner_name, _service = OWNERSHIP[scope]
    target = report_date + timedelta(days=120 + (i * 11) % 540)
    action = Action(
        reference=reference, scope_area=scope, recommendation=recommendation, status=status,
        agreed_action=f"{text.AGREED_ACTION_START[scope]} {recommendation[0].lower()}{recommendation[1:]}",
        owner=people[owner_name], original_target_date=target,
        priority=("urgent" if i % 11 == 0 else "high" if i % 4 == 0 else "low" if i % 5 == 0 else "medium"),
        response="partially_accepted" if i % 13 == 0 else "accepted")
    if status == Action.Status.COMPLETED:
        action.completion_date = min(target - timedelta(days=rng.randint(0, 30)), today - timedelta(days=1))
        action.completion_date = max(action.completion_date, report_date + timedelta(days=30))
        action.evidence = text.EVIDENCE[i % len(text.EVIDENCE)]
    elif i % 2 == 0 and target < today:
        action.revised_target_date = today + timedelta(days=5 + (i * 7) % 120)
        action.revision_reason = text.REVISION_REASONS[i % len(text.REVISION_REASONS)]
    return action


def _create(plan, actions: list[Action], people, today, sign_off_share: float, rng) -> int:
    """Adds the actions the plan lacks, with their progress updates and sign-offs."""
    existing = set(plan.actions.values_list("reference", flat=True))
    new = [a for a in actions if a.reference not in existing]
    for action in new:
        action.plan = plan
    if not new:
        return 0
    agreed = plan.agreed_on or plan.report_date or today
    units = demo_units()
    for action in new:
        action.version = len(story(action, agreed, today))
        action.unit = action.unit or units[OWNERSHIP[action.scope_area][1]]
    Action.objects.bulk_create(new, batch_size=500)
    replay(list(plan.actions.filter(reference__in=[a.reference for a in new])), agreed, today, people,
           sign_off_share, rng)
    return len(new)


def replay(actions: list[Action], agreed, today, people, sign_off_share: float, rng,
           reason: str = "Loaded from the agreed action plan") -> None:
    """Gives saved actions, already in their present state, the past that led there: their dated
    history from `agreed` (the first step recorded with `reason`), progress updates and sign-offs."""
    stories = {a.reference: story(a, agreed, today, reason) for a in actions}
    _write_history(actions, stories, people)
    updates, sign_offs = [], []
    now = timezone.now()
    for action in actions:
        if action.status in (Action.Status.IN_PROGRESS, Action.Status.COMPLETED):
            for k in range(2 if action.status == Action.Status.IN_PROGRESS else 1):
                # Dated before the action was completed (or before today, while it is in progress).
                end = timezone.make_aware(datetime.combine(action.completion_date or today, time(11)))
                updates.append(ProgressUpdate(
                    action=action, author=action.owner, note=text.PROGRESS_NOTES[(action.pk + k) % 4],
                    created_at=min(end, now) - timedelta(days=10 * (k + 1) + action.pk % 10)))
        if action.status == Action.Status.COMPLETED and rng.random() < sign_off_share:
            signed_on = min(action.completion_date + timedelta(days=14), today)
            sign_offs.append(SignOff(
                action=action, signed_by=people["board"], signed_on=signed_on,
                recorded_at=timezone.make_aware(datetime.combine(signed_on, time(16))),
                meeting=f"{SIGN_OFF_MEETING}, {signed_on:%-d %B %Y}", status=action.status,
                completion_date=action.completion_date, evidence=action.evidence))
    ProgressUpdate.objects.bulk_create(updates, batch_size=500)
    for sign_off in sign_offs:
        sign_off._history_date = sign_off.recorded_at  # so the position as at a past meeting counts it
    bulk_create_with_history(sign_offs, SignOff, batch_size=500, default_user=people["board"])


def story(action: Action, agreed, today, reason: str = "Loaded from the agreed action plan") -> list[tuple]:
    """The dated steps that led to the action's present state, for its history:
    (date, who, changes from the present state, reason). Reports "as at" a past meeting read these."""
    S = Action.Status
    untouched = {"status": S.NOT_STARTED, "completion_date": None, "evidence": "", "revised_target_date": None,
                 "revision_reason": "", "superseded_reason": ""}
    steps = [(agreed, "igteam", untouched, reason)]
    end = action.completion_date or today
    if action.status in (S.IN_PROGRESS, S.COMPLETED):
        started = agreed + max((end - agreed) / 3, timedelta(0))
        steps.append((started, "owner", {**untouched, "status": S.IN_PROGRESS}, ""))
    if action.revised_target_date and action.original_target_date:
        when = min(action.original_target_date, today)
        status = S.IN_PROGRESS if action.status == S.IN_PROGRESS else S.NOT_STARTED
        steps.append((max(when, steps[-1][0]), "owner", {"status": status, "completion_date": None, "evidence": "",
                                                          "superseded_reason": ""}, ""))
    if action.status in (S.COMPLETED, S.SUPERSEDED):
        steps.append((max(end - timedelta(days=1) if action.status == S.SUPERSEDED else end, steps[-1][0]),
                      "owner" if action.status == S.COMPLETED else "igteam", {}, ""))
    return steps


def _write_history(actions: list[Action], stories: dict, people) -> None:
    """Historical records for the demo actions, one per step of their story, dated in the past."""
    write_stories(Action, {action: [
        (timezone.make_aware(datetime.combine(day, time(10, version))), people[_username_for(action, who, people)],
         changes, reason) for version, (day, who, changes, reason) in enumerate(stories[action.reference], start=1)]
        for action in actions})


def _username_for(action: Action, who: str, people) -> str:
    if who == "owner" and action.owner_id:
        return next(name for name, user in people.items() if user.pk == action.owner_id)
    return "igteam"


def _ico_plan(today, people) -> int:
    report_date = today - timedelta(days=540)
    plan = _plan(
        "ICO/DPA/AUD/0412", title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
        issuing_body="Information Commissioner’s Office", report_date=report_date,
        assurance=ActionPlan.Assurance.LIMITED, follow_up_visit=today + timedelta(days=45),
        lead=people["igteam"], agreed_on=report_date + timedelta(days=28))
    rng = random.Random(77)
    actions, counters = [], {}
    for i, (scope, recommendation) in enumerate(text.ICO):
        letter = "ABCDEFGHI"[list(Action.ScopeArea.values).index(scope)]
        counters[letter] = counters.get(letter, 0) + 1
        status = (Action.Status.SUPERSEDED if i == text.ICO_SUPERSEDED
                  else Action.Status.NOT_STARTED if i in ICO_NOT_STARTED
                  else Action.Status.IN_PROGRESS if i in ICO_IN_PROGRESS else Action.Status.COMPLETED)
        action = _action(i, f"{letter}{counters[letter]:02d}", scope, recommendation, status, report_date, today,
                         people, rng)
        if status == Action.Status.SUPERSEDED:
            action.superseded_reason = text.ICO_SUPERSEDED_REASON
            action.priority = Action.Priority.HIGH
        actions.append(action)
    created = _create(plan, actions, people, today, sign_off_share=0.7, rng=rng)
    if not plan.actions.filter(added_after_agreement=True).exists():
        # One action the council added after agreeing the plan, so the agreed 77 are seen apart from it.
        scope, recommendation, reason = text.ICO_ADDITION
        addition = _action(len(text.ICO), "J01", scope, recommendation, Action.Status.IN_PROGRESS, report_date,
                           today, people, rng)
        addition.unit = demo_units()[OWNERSHIP[scope][1]]
        plan.add_action(addition, people["igteam"], reason)
        created += 1
    return created


def _ifc_plan(scale, today, people) -> int:
    report_date = today - timedelta(days=300)
    plan = _plan(
        "IFC-IG-REVIEW", title="In-Form Consult information governance review",
        source_kind=ActionPlan.SourceKind.EXTERNAL_IG_AUDIT, issuing_body="In-Form Consult (IFC)",
        report_date=report_date, lead=people["igteam"], agreed_on=report_date + timedelta(days=35))
    rng = random.Random(24)
    actions = []
    for i in range(len(text.IFC) * scale):
        scope, recommendation = text.IFC[i % len(text.IFC)]
        if i >= len(text.IFC):
            recommendation += f" (phase {i // len(text.IFC) + 1}: {_area_label(i)} services)"
        status = rng.choices(Action.Status.values[:3], weights=[25, 35, 40])[0]
        actions.append(_action(i, f"IFC-{i + 1:02d}", scope, recommendation, status, report_date, today, people,
                               rng))
    return _create(plan, actions, people, today, sign_off_share=0.5, rng=rng)


def _area_label(i: int) -> str:
    return ["People", "Place", "Resources", "Children's", "Adult"][i % 5]


# The plan the committee's resolutions go into (igov.committee.demo adopts it as the committee's).
RESOLUTIONS_PLAN = "APC-IMS-RESOLUTIONS"


def resolutions_plan(meeting, people) -> ActionPlan:
    return _plan(
        RESOLUTIONS_PLAN, title="Audit and Procurement Committee resolutions: Information Management Strategy",
        source_kind=ActionPlan.SourceKind.COMMITTEE_RESOLUTION, issuing_body="Audit and Procurement Committee",
        report_date=meeting, lead=people["igteam"], agreed_on=meeting)


def resolution_actions(meeting, today, people, rng) -> list[Action]:
    """The minute's five resolutions as the actions they are today (unsaved: owner, service, status
    and dates), for igov.committee.demo to record at the `meeting` day and bring to this state."""
    actions, units = [], demo_units()
    for i, (scope, resolution, agreed_action, status) in enumerate(text.RESOLUTIONS):
        action = _action(i + 3, f"R{i + 1}", scope, resolution, status, meeting - timedelta(days=100), today,
                         people, rng)
        action.agreed_action = agreed_action
        action.owner = people["igteam"] if scope != "data_sharing" else people["mfielding"]
        action.unit = units["Legal and Governance" if scope != "data_sharing" else "Children and Families"]
        actions.append(action)
    return actions


def _internal_audit_plan(n: int, today, people) -> int:
    topic = text.INTERNAL_AUDIT_TOPICS[(n - 1) % len(text.INTERNAL_AUDIT_TOPICS)]
    report_date = today - timedelta(days=100 + 40 * n)
    plan = _plan(
        f"IA-{n:03d}", title=f"Internal audit: {topic}" + (f" ({n})" if n > len(text.INTERNAL_AUDIT_TOPICS) else ""),
        source_kind=ActionPlan.SourceKind.INTERNAL_AUDIT, issuing_body="Internal Audit",
        report_date=report_date, assurance=list(ActionPlan.Assurance.values)[n % 4], lead=people["igteam"],
        agreed_on=report_date + timedelta(days=21))
    rng = random.Random(1000 + n)
    actions = []
    for i in range(60):
        scope, recommendation = text.ICO[(i * 7 + n) % len(text.ICO)]
        status = rng.choices(Action.Status.values[:3], weights=[30, 40, 30])[0]
        actions.append(_action(i, f"IA{n}-{i + 1:02d}", scope, recommendation, status, report_date, today, people,
                               rng))
    return _create(plan, actions, people, today, sign_off_share=0.4, rng=rng)
