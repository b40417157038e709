"""Audit action plans: the recommendations of an audit (ICO, IFC, internal audit) or the
committee's resolutions, each tracked to completion and signed off by the board.

Overdue, days overdue, "due soon" and RAG are derived from today's date on every read, never
stored: the one definition of each is on ActionQuerySet (for SQL) with the Python property
beside it using the same cut-off.
"""
import uuid
from dataclasses import dataclass, fields
from datetime import date, timedelta
from itertools import groupby
from operator import attrgetter, itemgetter
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import formats, timezone
from simple_history.utils import bulk_update_with_history

from igov.accounts import roles
from igov.accounts.people import person_name
from igov.lib import history as change_history
from igov.lib.dates import PAST_ONLY, in_future
from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned, lock_if_current
from igov.org.fields import FORMER, UNIT_HELP

DUE_SOON_DAYS = 30
# A sign-off that stands: not voided by a reopening (SignOffQuerySet.active; a Q for the history too).
ACTIVE_SIGN_OFF = Q(voided_at__isnull=True)
NO_EVIDENCE = "To mark the action completed, give evidence: describe it or attach a file"
NO_EVIDENCE_IN_BULK = "These actions have no evidence, so they cannot be marked completed"


def clip(reason: str) -> str:
    """A history change reason, cut to the 100 characters its column holds."""
    return reason if len(reason) <= 100 else reason[:99] + "…"


class ActionPlanQuerySet(models.QuerySet):
    def newest_first(self):
        """Newest report first; plans without a report date last on both databases (PostgreSQL sorts
        NULL first when descending). Built per call, not in Meta.ordering: Django reverses a shared
        OrderBy in place. Their figures: Action.positions_as_at."""
        return self.order_by(F("report_date").desc(nulls_last=True), "title")


class ActionPlan(Versioned):
    """One source of recommendations: an audit report or the committee's resolutions."""

    class SourceKind(models.TextChoices):
        ICO_AUDIT = "ico_audit", "ICO audit"
        EXTERNAL_IG_AUDIT = "external_ig_audit", "External IG audit"
        INTERNAL_AUDIT = "internal_audit", "Internal audit"
        COMMITTEE_RESOLUTION = "committee_resolution", "Committee resolution"
        OTHER = "other", "Other"

    class Assurance(models.TextChoices):
        HIGH = "high", "High"
        REASONABLE = "reasonable", "Reasonable"
        LIMITED = "limited", "Limited"
        VERY_LIMITED = "very_limited", "Very limited"

    title = models.CharField(max_length=200, help_text="For example “ICO data protection audit”.")
    source_kind = models.CharField("source", max_length=30, choices=SourceKind.choices)
    issuing_body = models.CharField(
        max_length=200, blank=True,
        help_text="Who made the recommendations, for example “Information Commissioner’s Office”.")
    body_reference = models.CharField(
        "issuing body’s reference", max_length=100, blank=True, help_text="The report’s reference, if it has one.")
    report_date = models.DateField(null=True, blank=True)
    assurance = models.CharField(
        "assurance rating", max_length=20, choices=Assurance.choices, blank=True,
        help_text="Only where the report gives one.")
    follow_up_visit = models.DateField("follow-up visit date", null=True, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="IG team lead")
    agreed_on = models.DateField(
        null=True, blank=True,
        help_text="The date the council agreed the plan. From then on the recommendations cannot change.")
    history = HistoricalRecords(read_as_at=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-report_date", "title"]
        verbose_name = "action plan"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actions:plan_detail", args=[self.pk])

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None

    @property
    def is_fixed(self) -> bool:
        """Agreed, and an audit's plan: from then on adding, withdrawing or re-wording an action needs
        the IG team's reason, and additions are counted apart from the agreed recommendations. The
        committee's resolutions are not fixed: each meeting adds its own (Meeting.record_resolution)."""
        return self.is_agreed and self.source_kind != self.SourceKind.COMMITTEE_RESOLUTION

    @property
    def agreed_with(self) -> str:
        """Who the plan was agreed with, in a sentence: “the ICO” for an ICO audit."""
        if self.source_kind == self.SourceKind.ICO_AUDIT:
            return "the ICO"
        return self.issuing_body or "the auditor"

    def agreed_sentence(self, position: "PlanPosition") -> str:
        """“77 recommendations agreed with the ICO; 1 action added by the council since.” (empty
        unless the plan is fixed): the agreed set and the additions, counted apart."""
        if not self.is_fixed:
            return ""
        text = f"{position.total} recommendation{pluralize(position.total)} agreed with {self.agreed_with}"
        if position.added:
            text += f"; {position.added} action{pluralize(position.added)} added by the council since"
        return text + "."

    @transaction.atomic
    def add_action(self, action: "Action", by, reason: str = "") -> "Action":
        """Adds `action` to this plan as `by`. Once the plan is fixed (agreed) the addition needs a
        reason, is marked as added after agreement (counted apart) and its history says who and why."""
        action.plan = self
        if self.is_fixed:
            action.addition_reason = reason.strip()
        action.full_clean()  # marks it added after agreement, and refuses it without a reason
        action._history_user = by
        action._change_reason = f"Added after the plan was agreed: {reason.strip()}"[:100] if self.is_fixed else ""
        action.save()
        return action


@dataclass(frozen=True)
class StatusCounts:
    """A plan's (or any set of actions') position; the parts always add up to the total."""

    total: int
    completed: int
    in_progress: int
    not_started: int
    superseded: int
    withdrawn: int
    overdue: int

    @classmethod
    def from_values(cls, values) -> "StatusCounts":
        return cls(**{f.name: values[f.name] for f in fields(cls)})

    @classmethod
    def add(cls, parts: list["StatusCounts"]) -> "StatusCounts":
        """The sum of several summaries (all plans together), field by field."""
        return cls(**{f.name: sum(getattr(p, f.name) for p in parts) for f in fields(cls)})

    @property
    def counted(self) -> int:
        """The actions that count towards progress: all but the superseded and the withdrawn."""
        return self.total - self.superseded - self.withdrawn

    @property
    def outstanding(self) -> int:
        return self.in_progress + self.not_started

    @property
    def percent_completed(self) -> int:
        return round(100 * self.completed / self.counted) if self.counted else 0

    def sentence(self) -> str:
        """The committee's sentence, computed: the three numbers add up to total minus superseded."""
        def n(count, one, many):
            return f"{count} {one if count == 1 else many}"

        text = (f"Of the {self.total} action{'' if self.total == 1 else 's'}, {n(self.completed, 'has', 'have')} "
                f"been completed, {n(self.in_progress, 'is', 'are')} in progress and "
                f"{n(self.not_started, 'is', 'are')} yet to be started")
        if self.superseded:
            text += f"; {n(self.superseded, 'has', 'have')} been superseded"
        if self.withdrawn:
            text += f"; {n(self.withdrawn, 'has', 'have')} been withdrawn"
        return text + "."

    def bar(self) -> list[dict]:
        """The segments of the count bar, widths in whole percent summing to 100."""
        parts = [("completed", "Completed", self.completed), ("in_progress", "In progress", self.in_progress),
                 ("not_started", "Not started", self.not_started), ("superseded", "Superseded", self.superseded),
                 ("withdrawn", "Withdrawn", self.withdrawn)]
        widths = _largest_remainder([n for _, _, n in parts], 100) if self.total else [0] * len(parts)
        return [{"key": key, "label": label, "count": n, "width": w}
                for (key, label, n), w in zip(parts, widths, strict=True)]


@dataclass(frozen=True)
class PlanPosition(StatusCounts):
    """A plan's position at a moment: the status counts of its agreed set (for a plan not fixed,
    every action) and, of the completed, how many stood signed off by the board (a sign-off voided by
    a reopening no longer counts); `added`: the actions added since the plan was agreed, counted
    apart, so total + added is every action in the plan; `added_overdue`: those of them overdue, so
    overdue + added_overdue is every overdue action in the plan."""

    signed_off: int
    added: int
    added_overdue: int

    @property
    def all_actions(self) -> int:
        return self.total + self.added

    @property
    def all_overdue(self) -> int:
        return self.overdue + self.added_overdue

    def added_sentence(self) -> str:
        """The additions since the plan was agreed, named apart from the agreed set's sentence ("" if none);
        pages that show ActionPlan.agreed_sentence say it there instead."""
        if not self.added:
            return ""
        return (f"{self.added} more action{pluralize(self.added)} {pluralize(self.added, 'has,have')} "
                "been added by the council since the plan was agreed.")

    @classmethod
    def none(cls) -> "PlanPosition":
        return cls(**{f.name: 0 for f in fields(cls)})

    @property
    def awaiting_sign_off(self) -> int:
        """Completed but not (or no longer) signed off: ActionQuerySet.awaiting_sign_off, counted."""
        return self.completed - self.signed_off

    def signed_off_sentence(self) -> str:
        """How many of the completed the board has signed off and how many await it, in words."""
        return (f"{self.completed} completed, of which {self.signed_off} signed off by the board and "
                f"{self.awaiting_sign_off} awaiting sign-off.")

    def full_sentence(self) -> str:
        """The committee's sentence, then the additions since agreement and, when any are completed, the
        sign-off sentence: for places (the dashboard) that do not show the plan's agreed sentence."""
        parts = [self.sentence(), self.added_sentence(), self.signed_off_sentence() if self.completed else ""]
        return " ".join(part for part in parts if part)


def _largest_remainder(counts: list[int], total: int) -> list[int]:
    """Whole shares of total in proportion to counts that add up exactly to total."""
    whole = sum(counts)
    exact = [c * total / whole for c in counts]
    shares = [int(x) for x in exact]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every reader sees every action; what a committee member is shown of one (never a name)
        is chosen by the views (actions.views.names_shown)."""
        if roles.has_role(user, *roles.READERS):
            return self
        return self.none()

    def owned_by(self, user):
        return self.filter(owner=user)

    # --- the one definition of each derived state -----------------------------------------
    @staticmethod
    def outstanding_q() -> Q:
        return Q(status__in=Action.OUTSTANDING)

    @staticmethod
    def overdue_q(today: date) -> Q:
        """Outstanding and past its current target (the revised date if there is one)."""
        past_target = Q(revised_target_date__lt=today) | Q(
            revised_target_date__isnull=True, original_target_date__lt=today)
        return ActionQuerySet.outstanding_q() & past_target

    @staticmethod
    def due_soon_q(today: date) -> Q:
        """Outstanding and due today or within the next DUE_SOON_DAYS days."""
        horizon = today + timedelta(days=DUE_SOON_DAYS)
        revised = Q(revised_target_date__gte=today, revised_target_date__lte=horizon)
        original = Q(revised_target_date__isnull=True, original_target_date__gte=today,
                     original_target_date__lte=horizon)
        return ActionQuerySet.outstanding_q() & (revised | original)

    def outstanding(self):
        return self.filter(self.outstanding_q())

    def overdue(self, today: date):
        return self.filter(self.overdue_q(today))

    def due_soon(self, today: date):
        return self.filter(self.due_soon_q(today))

    @staticmethod
    def signed_off_q() -> Q:
        """Has a sign-off that stands (SignOffQuerySet.active)."""
        return Q(Exists(SignOff.objects.active().filter(action=OuterRef("pk"))))

    @staticmethod
    def locked_q() -> Q:
        """Signed off (the board must reopen it first), superseded or withdrawn: the one rule; Action.is_locked
        is the same for one row."""
        return Q(status__in=Action.CLOSED_UNDONE) | ActionQuerySet.signed_off_q()

    @staticmethod
    def without_evidence_q() -> Q:
        """No evidence text (blank or only spaces) and no evidence file; Action.has_evidence is the same."""
        return Q(evidence__regex=r"^\s*$") & ~Q(Exists(EvidenceFile.objects.filter(action=OuterRef("pk"))))

    def with_sign_off(self):
        """Annotates is_signed_off (a sign-off that stands) without a query per row."""
        return self.annotate(is_signed_off=self.signed_off_q())

    def awaiting_sign_off(self):
        """Completed actions the board has not (or no longer) signed off."""
        return self.with_sign_off().filter(status=Action.Status.COMPLETED, is_signed_off=False)

    def with_priority_rank(self):
        return self.annotate(priority_rank=models.Case(
            *[models.When(priority=value, then=rank) for rank, value in enumerate(Action.Priority.values)],
            output_field=models.IntegerField()))

    def for_list(self):
        """What a list of actions shows, without a query per row; target is the current target date."""
        return (self.select_related("plan", "owner", "unit__parent").with_sign_off().with_priority_rank()
                .annotate(target=Coalesce("revised_target_date", "original_target_date")))

    def status_counts(self, today: date) -> "StatusCounts":
        """Completed, in progress, not started, superseded, overdue and total, in one query."""
        return StatusCounts.from_values(self.aggregate(**status_count_expressions(today)))

    def locked(self):
        """Actions no change may touch: signed off (the board must reopen them first) or superseded."""
        return self.filter(self.locked_q())

    def changeable(self):
        """Actions that may change: neither signed off nor superseded."""
        return self.exclude(self.locked_q())

    def without_evidence(self):
        return self.filter(self.without_evidence_q())

    def set_status(self, status: str, by, today: date, seen: dict[int, int], leave_completed: bool = False) -> int:
        """Moves exactly the actions in `seen` (id -> the version the person confirmed) to status, in one
        transaction, each change in its history as `by`'s; returns how many changed.

        Refused, changing nothing, when any of them changed since (EditConflict), is signed off or
        superseded, or is completed and would lose its completion date without leave_completed
        (ValidationError). Actions marked completed get today as their completion date."""
        with transaction.atomic():
            rows = lock_if_current(self.with_sign_off(), seen, name=attrgetter("reference"))
            chosen = self.filter(pk__in=seen).order_by("reference")
            locked = chosen.locked().values_list("reference", flat=True)
            if locked:
                raise ValidationError("These actions are signed off or superseded and cannot be changed in bulk: "
                                      + ", ".join(locked))
            bare = (chosen.exclude(status=status).without_evidence().values_list("reference", flat=True)
                    if status == Action.Status.COMPLETED else [])
            if bare:
                raise ValidationError(f"{NO_EVIDENCE_IN_BULK}: {', '.join(bare)}. Give each its evidence on the "
                                      "action’s page, or leave them out.")
            leaving = [a.reference for a in rows if a.status == Action.Status.COMPLETED and status != a.status]
            if leaving and not leave_completed:
                raise ValidationError(
                    f"{', '.join(leaving)} {'is' if len(leaving) == 1 else 'are'} completed: confirm that "
                    f"{'it' if len(leaving) == 1 else 'they'} should lose {'its' if len(leaving) == 1 else 'their'} "
                    "completion date, or leave completed actions out.")
            changed = []
            for action in rows:
                if action.status == status:
                    continue
                action.status = status
                action.completion_date = today if status == Action.Status.COMPLETED else None
                action.version += 1
                changed.append(action)
            bulk_update_with_history(changed, Action, ["status", "completion_date", "version"],
                                     default_user=by, default_change_reason="Bulk status update")
        return len(changed)

    # --- the board's sign-off -------------------------------------------------------------------
    def completed_by(self) -> dict[int, int | None]:
        """{action id: the user who marked it completed} for the completed actions here: the author of
        the history row that began its current spell as completed (None if the history does not say,
        as for an import). One query."""
        rows = (Action.history.filter(id__in=self.filter(status=Action.Status.COMPLETED).values("pk"))
                .order_by("id", "-history_date", "-history_id").values_list("id", "status", "history_user_id"))
        marked = {}
        for pk, spell in groupby(rows, key=itemgetter(0)):
            for _, status, user_id in spell:  # newest first, back to the row that made it completed
                if status != Action.Status.COMPLETED:
                    break
                marked[pk] = user_id
        return marked

    def own_work_of(self, user):
        """The actions that are user's own work, which separation of duties keeps them from signing off
        even when they sit on the board: those they own and those they marked completed."""
        marked = [pk for pk, user_id in self.completed_by().items() if user_id == user.pk]
        return self.filter(Q(owner=user) | Q(pk__in=marked))

    def check_sign_off(self, by, signed_on: date | None = None) -> None:
        """The board's rules for signing these actions off, in one place: raises ValidationError saying
        why `by` may not sign them off (on signed_on, when given); does nothing when they may.

        Each must be completed and not signed off already; none may be `by`'s own work; the date may be
        neither in the future nor before an action was completed. Needs with_sign_off()."""
        errors = {}
        not_ready = sorted(a.reference for a in self if a.status != Action.Status.COMPLETED or a.is_signed_off)
        if not_ready:
            errors[NON_FIELD_ERRORS] = ["Only completed actions not yet signed off can be signed off: "
                                        + ", ".join(not_ready)]
        own = sorted(self.own_work_of(by).values_list("reference", "owner_id"))
        if own:
            named = ", ".join(f"{ref} ({'you own it' if owner_id == by.pk else 'you marked it completed'})"
                              for ref, owner_id in own)
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"You cannot sign off your own work: {named}. Another member of the board must sign "
                f"{'it' if len(own) == 1 else 'them'} off.")
        dates = SignOff.date_refusals(signed_on, sorted(self, key=attrgetter("reference")))
        if dates:
            errors["signed_on"] = dates
        if errors:
            raise ValidationError(errors)

    def sign_off(self, by, meeting: str, signed_on: date, seen: dict[int, int]) -> list["SignOff"]:
        """The board member `by` signs off exactly the actions in `seen` (id -> the version they saw),
        in one transaction. Each sign-off keeps a snapshot of what the action said, and each action's
        history records the sign-off as `by`'s (its version moves on, so an edit begun before it is refused).

        Refused, signing nothing, when any changed since (EditConflict), check_sign_off says no or no
        meeting is given (SignOff.clean)."""
        if not meeting.strip():
            raise ValidationError({"meeting": SignOff.MEETING_REQUIRED})
        with transaction.atomic():
            rows = lock_if_current(self.with_sign_off().prefetch_related("evidence_files"), seen,
                                   name=attrgetter("reference"))
            self.filter(pk__in=seen).with_sign_off().check_sign_off(by, signed_on)
            made = []
            for action in rows:
                sign_off = SignOff(action=action, signed_by=by, meeting=meeting.strip(), signed_on=signed_on)
                sign_off.take_snapshot()
                sign_off._history_user = by
                sign_off.save()
                action._history_user = by
                action._change_reason = clip(f"Signed off on {formats.date_format(signed_on)} ({meeting})")
                action.save(update_fields=["version"])
                made.append(sign_off)
        return made

    def status_counts_by(self, field: str, today: date) -> dict:
        """{value of field: StatusCounts} (by scope area, service, owner…), in one query."""
        return status_counts_by(self, field, today)


def status_counts_by(actions, field: str, today: date) -> dict:
    """{value of field: StatusCounts} of `actions` (the live table or the history as of a moment), one query."""
    rows = actions.order_by().values(field).annotate(**status_count_expressions(today))
    return {row[field]: StatusCounts.from_values(row) for row in rows}


def plan_positions(actions, sign_offs, today: date) -> dict[int, PlanPosition]:
    """{plan id: PlanPosition} of `actions` (the live table, or the history as of a moment), with
    `sign_offs` the sign-offs (live or as of the same moment) to count: one query for every plan."""
    active = sign_offs.filter(ACTIVE_SIGN_OFF).values("action_id")
    agreed = Q(added_after_agreement=False)
    signed = agreed & Q(status=Action.Status.COMPLETED, id__in=active)
    rows = (actions.order_by().values("plan_id")
            .annotate(**status_count_expressions(today, among=agreed), signed_off=Count("pk", filter=signed),
                      added=Count("pk", filter=~agreed),
                      added_overdue=Count("pk", filter=~agreed & ActionQuerySet.overdue_q(today))))
    return {row["plan_id"]: PlanPosition.from_values(row) for row in rows}


def status_count_expressions(today: date, among: Q | None = None) -> dict:
    """Count expressions for a summary of actions (live or historical rows), of those matching `among`
    if given. The statuses are exhaustive (a check constraint says so), so their counts always add up
    to total; overdue is ActionQuerySet.overdue_q, the one rule."""
    def count(condition=None):
        condition = condition if among is None else among if condition is None else among & condition
        return Count("pk", filter=condition)

    counts = {"total": count()}
    for status in Action.Status:
        counts[status.value] = count(Q(status=status))
    counts["overdue"] = count(ActionQuerySet.overdue_q(today))
    return counts


class Action(Versioned):
    """One recommendation and what the council agreed to do about it."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    class ScopeArea(models.TextChoices):
        GOVERNANCE = "governance", "Governance and accountability"
        RECORDS = "records", "Records management"
        TRAINING = "training", "Training and awareness"
        SECURITY = "security", "Information and cyber security"
        REQUESTS = "requests", "Requests for access"
        DATA_SHARING = "data_sharing", "Data sharing"
        BREACHES = "breaches", "Personal data breaches"
        RISK = "risk", "Information risk and DPIAs"
        OTHER = "other", "Other"

    class Priority(models.TextChoices):
        # In order of urgency: with_priority_rank() sorts by this order.
        URGENT = "urgent", "Urgent"
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        SUPERSEDED = "superseded", "Superseded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"
        AWAITING = "awaiting", "Awaiting sign-off"
        CLOSED = "closed", "Closed"

    OUTSTANDING = (Status.NOT_STARTED, Status.IN_PROGRESS)
    CLOSED_UNDONE = (Status.SUPERSEDED, Status.WITHDRAWN)  # closed without being done; locked against bulk changes

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(max_length=30, help_text="Unique within the plan, for example “A12”.")
    recommendation = models.TextField(
        help_text="Exactly as the auditor wrote it. It cannot change once the plan is agreed.")
    response = models.CharField(
        "management response", max_length=20, choices=Response.choices, default=Response.ACCEPTED)
    agreed_action = models.TextField(blank=True, help_text="What the council agreed to do.")
    scope_area = models.CharField(max_length=20, choices=ScopeArea.choices, default=ScopeArea.GOVERNANCE)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="owned_actions",
        help_text="The officer responsible for completing the action.")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="actions",
                             verbose_name="directorate or service", help_text=UNIT_HELP)
    former_service = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    original_target_date = models.DateField(null=True, blank=True)
    revised_target_date = models.DateField(null=True, blank=True)
    revision_reason = models.TextField(
        "reason for the revised date", blank=True, help_text="Required when there is a revised target date.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completion_date = models.DateField(null=True, blank=True, help_text="Required when the action is completed.")
    evidence = models.TextField(
        blank=True, help_text="What shows the action is done: documents, links, decisions.")
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes",
        help_text="The action that replaced this one, if there is one.")
    superseded_reason = models.TextField(
        "why it was superseded", blank=True,
        help_text="For example “superseded by individual data sharing agreements”.")
    # Once the plan is agreed (ActionPlan.is_fixed) the recommendations are the auditor's: a change to
    # the agreed set needs a reason and is shown apart. Stored, not derived, so the history as at any
    # moment counts the agreed set as it stood then.
    added_after_agreement = models.BooleanField(
        default=False, editable=False,
        help_text="Added by the council after the plan was agreed: counted apart from the agreed recommendations.")
    addition_reason = models.TextField(
        "why it was added after the plan was agreed", blank=True,
        help_text="Required to add an action to an agreed plan.")
    withdrawal_reason = models.TextField(
        "why it was withdrawn", blank=True, help_text="Required when the action is withdrawn.")
    rewording_reason = models.TextField(
        "why it was re-worded after the plan was agreed", blank=True,
        help_text="Required to change the recommendation or the agreed action once the plan is agreed.")
    history = HistoricalRecords(read_as_at=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_unique_in_plan",
                                    violation_error_message="This plan already has an action with this reference."),
            models.CheckConstraint(
                condition=Q(revised_target_date__isnull=True) | ~Q(revision_reason=""),
                name="action_revised_date_needs_reason",
                violation_error_message="Give the reason the target date was revised."),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completion_date__isnull=False),
                name="action_completed_needs_completion_date",
                violation_error_message="Give the date the action was completed."),
            models.CheckConstraint(
                condition=Q(status="completed") | Q(completion_date__isnull=True),
                name="action_completion_date_only_when_completed",
                violation_error_message="Only a completed action has a completion date."),
            models.CheckConstraint(
                condition=~Q(status="superseded") | ~Q(superseded_reason=""),
                name="action_superseded_needs_reason",
                violation_error_message="Say why the action was superseded."),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                name="action_withdrawn_needs_reason",
                violation_error_message="Say why the action was withdrawn."),
            models.CheckConstraint(
                condition=Q(added_after_agreement=False) | ~Q(addition_reason=""),
                name="action_added_after_agreement_needs_reason",
                violation_error_message="Give the reason for adding an action to the agreed plan."),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "in_progress", "completed", "superseded", "withdrawn"]),
                name="action_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "revised_target_date", "original_target_date"])]

    def __str__(self):
        return f"{self.reference}: {self.short_text}"

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.pk])

    @property
    def short_text(self) -> str:
        text = self.agreed_action or self.recommendation
        return text if len(text) <= 90 else text[:87].rstrip() + "…"

    def clean(self):
        errors = {}
        if self.revised_target_date and not self.revision_reason.strip():
            errors["revision_reason"] = "Give the reason the target date was revised."
        if self.status == self.Status.COMPLETED and not self.completion_date:
            errors["completion_date"] = "Give the date the action was completed."
        if self.status != self.Status.COMPLETED and self.completion_date:
            errors["completion_date"] = ("Only a completed action has a completion date: "
                                         "clear it, or mark the action completed.")
        if self.status == self.Status.SUPERSEDED and not self.superseded_reason.strip():
            errors["superseded_reason"] = "Say why the action was superseded."
        if in_future(self.completion_date):
            errors["completion_date"] = PAST_ONLY.format(label="Completion date")
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            errors["superseded_by"] = "An action cannot supersede itself."
        if self.status == self.Status.COMPLETED and not self.has_evidence:
            errors["evidence"] = NO_EVIDENCE + "."
        if self.status == self.Status.WITHDRAWN and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = "Say why the action was withdrawn."
        errors.update(self.agreement_errors())
        if errors:
            raise ValidationError(errors)

    # Each a field that, once the plan is agreed, changes only with the reason given in the field beside it.
    WORDING = ("recommendation", "agreed_action")

    def agreement_errors(self) -> dict:
        """Once the plan is agreed (ActionPlan.is_fixed), what an addition or a re-wording lacks: a reason
        (a new one for each re-wording: the stored reason explains the last). Empty when nothing is
        lacking. A new action in such a plan is marked added after agreement here, so every path that
        validates (the forms, the admin, ActionPlan.add_action) counts it apart."""
        plan = self.plan if self.plan_id else None
        if plan is None or not plan.is_fixed:
            return {}
        agreed = formats.date_format(plan.agreed_on, "j F Y")
        if self._state.adding:
            self.added_after_agreement = True  # whatever the path (form, admin, add_action): counted apart
            if not self.addition_reason.strip():
                return {"addition_reason": f"This plan was agreed on {agreed}. Give the reason for adding an "
                                           "action to it."}
            return {}
        stored = Action.objects.filter(pk=self.pk).values(*self.WORDING, "status", "rewording_reason").first()
        if stored is None:
            return {}
        errors = {}
        reworded = [name for name in self.WORDING if getattr(self, name) != stored[name]]
        if reworded and (not self.rewording_reason.strip() or self.rewording_reason == stored["rewording_reason"]):
            changed = " and the ".join(self._meta.get_field(name).verbose_name for name in reworded)
            errors["rewording_reason"] = (f"This plan was agreed on {agreed}. Give the reason for changing "
                                          f"the {changed}.")
        return errors

    @classmethod
    def positions_as_at(cls, when=None, plan: ActionPlan | None = None) -> dict[int, PlanPosition]:
        """{plan id: PlanPosition} as every plan (or `plan`) stood at the moment `when` (None: now, from
        the live tables), read from the history in one query whatever its depth: each action's status
        and target dates as its history row held them then, overdue judged on that day (the same
        ActionQuerySet.overdue_q), sign-offs as they stood then. Plans with no action then are left out."""
        if when is None:
            sign_offs, today = SignOff.objects.all(), timezone.localdate()
        else:
            sign_offs, today = change_history.state_at(SignOff, when), timezone.localdate(when)
        actions = cls.as_at(when)
        if plan is not None:
            actions = actions.filter(plan_id=plan.pk)
        return plan_positions(actions, sign_offs, today)

    @classmethod
    def position_as_at(cls, when=None, plan: ActionPlan | None = None) -> PlanPosition:
        """One plan's position at `when` (or all plans together), for committee reports: as at the
        meeting, and the movement since the previous one."""
        positions = cls.positions_as_at(when, plan)
        if plan is not None:
            return positions.get(plan.pk, PlanPosition.none())
        return PlanPosition.add(list(positions.values())) if positions else PlanPosition.none()

    @classmethod
    def as_at(cls, when=None):
        """The actions as they stood at the moment `when` (the history as of then, each row an Action
        with the fields it had then), or the live table when `when` is None."""
        return cls.objects.all() if when is None else change_history.state_at(cls, when).as_instances()

    @classmethod
    def by_area_as_at(cls, when, plan: ActionPlan) -> dict:
        """{scope area: StatusCounts} of the plan's agreed set (as PlanPosition counts it) at `when`
        (None: now), one query."""
        today = timezone.localdate() if when is None else timezone.localdate(when)
        agreed = cls.as_at(when).filter(plan_id=plan.pk, added_after_agreement=False)
        return status_counts_by(agreed, "scope_area", today)

    @classmethod
    def agreement_changes_as_at(cls, when, plan: ActionPlan) -> list["Action"]:
        """The plan's actions at `when` (None: now) that differ from what was agreed: added since,
        withdrawn or re-worded, each with its reason, by reference. One query."""
        changed = Q(added_after_agreement=True) | Q(status=cls.Status.WITHDRAWN) | ~Q(rewording_reason="")
        return list(cls.as_at(when).filter(changed, plan_id=plan.pk).order_by("reference"))

    @classmethod
    def overdue_as_at(cls, when, plan: ActionPlan, limit: int = 25) -> list["Action"]:
        """The plan's actions overdue at `when` (None: now), with the status and target dates they had
        then, longest overdue first: `target` and `owner` loaded, in one query."""
        today = timezone.localdate() if when is None else timezone.localdate(when)
        if when is None:
            return list(cls.objects.filter(plan=plan).overdue(today).for_list().order_by("target", "reference")[:limit])
        rows = (change_history.state_at(cls, when)
                .filter(ActionQuerySet.overdue_q(today), plan_id=plan.pk).select_related("owner", "unit")
                .annotate(target=Coalesce("revised_target_date", "original_target_date"))
                .order_by("target", "reference")[:limit])
        actions = []
        for row in rows:
            action = row.instance
            action.owner, action.unit, action.target = row.owner, row.unit, row.target
            actions.append(action)
        return actions

    @classmethod
    def status_counts_as_at(cls, when, plan: ActionPlan | None = None) -> StatusCounts:
        """position_as_at without the sign-offs, for callers that compare with status_counts(today)."""
        position = cls.position_as_at(when, plan)
        return StatusCounts(**{f.name: getattr(position, f.name) for f in fields(StatusCounts)})

    # --- derived, with the same cut-offs as ActionQuerySet ----------------------------------
    @property
    def target_date(self) -> date | None:
        return self.revised_target_date or self.original_target_date

    @property
    def is_outstanding(self) -> bool:
        return self.status in self.OUTSTANDING

    def is_overdue(self, today: date) -> bool:
        return self.is_outstanding and self.target_date is not None and self.target_date < today

    def days_overdue(self, today: date) -> int:
        return (today - self.target_date).days if self.is_overdue(today) else 0

    def is_due_soon(self, today: date) -> bool:
        target = self.target_date
        return (self.is_outstanding and target is not None
                and today <= target <= today + timedelta(days=DUE_SOON_DAYS))

    def rag(self, today: date) -> "Action.Rag":
        """Red: overdue. Amber: due within 30 days, or not started with no target date.
        Green: outstanding and on track. Awaiting sign-off: completed, not signed off.
        Closed: signed off or superseded. Needs with_sign_off()."""
        if self.status == self.Status.COMPLETED and not self.stands_signed_off:
            return self.Rag.AWAITING
        if not self.is_outstanding:
            return self.Rag.CLOSED
        if self.is_overdue(today):
            return self.Rag.RED
        if self.is_due_soon(today) or (self.status == self.Status.NOT_STARTED and self.target_date is None):
            return self.Rag.AMBER
        return self.Rag.GREEN

    @property
    def is_locked(self) -> bool:
        """Signed off, superseded or withdrawn (ActionQuerySet.locked); needs with_sign_off()."""
        return self.status in self.CLOSED_UNDONE or self.stands_signed_off

    @property
    def stands_signed_off(self) -> bool:
        """Has a sign-off that stands: the is_signed_off of with_sign_off(), or one query without it."""
        if hasattr(self, "is_signed_off"):
            return self.is_signed_off
        return self.pk is not None and self.sign_offs.active().exists()

    def why_locked(self, ig_team: bool = False) -> str:
        """Why this action cannot be changed now, or "" if it can (ActionQuerySet.locked, for one row): the
        IG team may still correct a superseded action; nobody changes a signed-off one. Needs with_sign_off()."""
        if self.stands_signed_off:
            return "This action has been signed off. The board must reopen it before it can change."
        if self.status == self.Status.SUPERSEDED and not ig_team:
            return "This action has been superseded. Ask the IG team if it needs to change."
        return ""

    # How many evidence files the action will have once the form being saved is saved (files attached
    # or removed in the same submit are not rows yet); None: those stored. has_evidence counts them.
    evidence_files_after_save: int | None = None

    @property
    def has_evidence(self) -> bool:
        """Evidence text or at least one evidence file (ActionQuerySet.without_evidence_q in SQL)."""
        if self.evidence.strip():
            return True
        if self.evidence_files_after_save is not None:
            return self.evidence_files_after_save > 0
        return self.pk is not None and self.evidence_files.exists()

    # --- operations that span the action and its sign-off ------------------------------------
    def sign_off_refusals(self, user) -> list[str]:
        """Why user may not sign this action off (ActionQuerySet.check_sign_off), in words; empty if they may."""
        try:
            Action.objects.filter(pk=self.pk).with_sign_off().check_sign_off(user)
        except ValidationError as refusal:
            return refusal.messages
        return []

    def sign_off(self, by, meeting: str, signed_on: date, seen_version: int | None = None) -> "SignOff":
        """The board signs off this completed action as it stood at seen_version (by default the
        version this instance holds), keeping a snapshot of what it signed; see ActionQuerySet.sign_off."""
        seen = self.version if seen_version is None else seen_version
        sign_off = Action.objects.filter(pk=self.pk).sign_off(by, meeting, signed_on, {self.pk: seen})[0]
        self.version = sign_off.action.version
        return sign_off

    def reopen(self, by, reason: str, seen_version: int | None = None) -> None:
        """The board (`by`) reopens this completed action as it stood at seen_version (by default the
        version this instance holds): back to in progress, any sign-off voided (kept, visibly marked)
        with the reason, each change in its history as `by`'s. Refused with EditConflict if the action
        changed since; ValidationError if it is not completed or no reason is given."""
        if not reason.strip():
            raise ValidationError("A reason is needed to reopen an action.")
        seen = self.version if seen_version is None else seen_version
        with transaction.atomic():
            [current] = lock_if_current(Action.objects.all(), {self.pk: seen})
            if current.status != self.Status.COMPLETED:
                raise ValidationError("Only a completed action can be reopened.")
            voided = []
            for sign_off in current.sign_offs.active():
                sign_off.voided_at, sign_off.voided_by, sign_off.void_reason = timezone.now(), by, reason
                sign_off._history_user = by
                sign_off._change_reason = clip(f"Voided: {reason}")
                sign_off.save()
                voided.append(f"sign-off of {formats.date_format(sign_off.signed_on)} voided")
            current.status = self.Status.IN_PROGRESS
            current.completion_date = None
            current._history_user = by
            current._change_reason = clip(f"Reopened ({', '.join(voided)}): {reason}" if voided
                                          else f"Reopened: {reason}")
            current.save()
        self.refresh_from_db()

    def add_note(self, by, note: str) -> "ProgressUpdate":
        """A dated progress note by `by`, recorded in the action's history too (its version moves on)."""
        with transaction.atomic():
            current = Action.objects.select_for_update().get(pk=self.pk)
            update = ProgressUpdate.objects.create(action=current, author=by, note=note)
            current._history_user, current._change_reason = by, "Progress note added"
            current.save(update_fields=["version"])
        self.version = current.version
        return update

    def withdraw(self, by, reason: str, seen_version: int | None = None) -> None:
        """The IG team (`by`) withdraws this action with the reason, as it stood at seen_version (by
        default the version this instance holds): kept, counted apart as withdrawn, its history saying
        who and why. Refused if it is signed off (the board must reopen it first) or already withdrawn."""
        if not reason.strip():
            raise ValidationError({"withdrawal_reason": "Say why the action is being withdrawn."})
        seen = self.version if seen_version is None else seen_version
        with transaction.atomic():
            [current] = lock_if_current(Action.objects.with_sign_off(), {self.pk: seen})
            if current.is_signed_off or current.status == self.Status.WITHDRAWN:
                raise ValidationError("A signed-off or withdrawn action cannot be withdrawn.")
            current.status, current.completion_date = self.Status.WITHDRAWN, None
            current.withdrawal_reason = reason.strip()
            current.full_clean()
            current._history_user = by
            current._change_reason = f"Withdrawn: {reason.strip()}"[:100]
            current.save()
        self.refresh_from_db()

    def reword(self, by, reason: str, **wording) -> None:
        """Changes the recommendation and/or agreed action (`wording`) as `by`; once the plan is agreed
        the reason is required and kept with the action and in its history."""
        for name, text in wording.items():
            if name not in self.WORDING:
                raise ValueError(f"{name} is not a wording field")
            setattr(self, name, text)
        self.rewording_reason = reason.strip()
        self.full_clean()
        self._history_user = by
        self._change_reason = f"Re-worded: {reason.strip()}"[:100]
        self.save()

    def change_log(self) -> list[dict]:
        """Who changed what from what to what, newest first, read from the history."""
        return change_history.change_log(self)


class ProgressUpdate(models.Model):
    """A dated note by the owner or the IG team: the visible story of an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(help_text="What has happened since the last update.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "progress update"

    def __str__(self):
        return f"{self.action.reference} update of {self.created_at:%d/%m/%Y}"


def _evidence_path(instance, filename) -> str:
    # Never the uploader's file name in the path: a random name, the real one kept in `name`.
    return f"evidence/{instance.action_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class EvidenceFile(models.Model):
    """A document that shows an action is done (a policy, minutes, a screenshot), checked on upload."""

    # extension -> the first bytes a genuine file of that kind starts with (None: plain text)
    KINDS = {
        ".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
        ".msg": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), ".png": (b"\x89PNG\r\n\x1a\n",),
        ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".txt": None, ".csv": None,
    }

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="evidence_files")
    file = models.FileField(upload_to=_evidence_path)
    name = models.CharField("file name", max_length=255)
    size = models.PositiveIntegerField(help_text="In bytes.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "evidence file"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actions:evidence_download", args=[self.pk])


class SignOffQuerySet(models.QuerySet):
    def active(self):
        """The sign-offs that stand: not voided by a reopening (at most one per action)."""
        return self.filter(ACTIVE_SIGN_OFF)


class SignOff(models.Model):
    """The board's sign-off of a completed action, with a snapshot of what it signed."""

    MEETING_REQUIRED = "Give the meeting of the sign-off group that signed the action off."

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="sign_offs")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(help_text="The date of the meeting or decision.")
    meeting = models.CharField(
        max_length=200, blank=True,
        help_text="For example “Information Management Strategy Group, 12 January 2017”.")
    recorded_at = models.DateTimeField(default=timezone.now)
    # The snapshot: what the action said when it was signed.
    status = models.CharField(max_length=20, choices=Action.Status.choices)
    completion_date = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    evidence_files = models.TextField(blank=True, help_text="The names of the evidence files at sign-off.")
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    void_reason = models.TextField("reason for reopening", blank=True)
    history = HistoricalRecords(read_as_at=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = "sign-off"
        constraints = [
            models.UniqueConstraint(fields=["action"], condition=ACTIVE_SIGN_OFF,
                                    name="signoff_one_active_per_action",
                                    violation_error_message="This action is already signed off."),
            models.CheckConstraint(condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                                   name="signoff_void_needs_reason"),
        ]

    def __str__(self):
        return f"Sign-off of {self.action.reference} on {self.signed_on:%d/%m/%Y}"

    @property
    def is_void(self) -> bool:
        """Voided by a reopening (SignOffQuerySet.active is the opposite, in SQL)."""
        return self.voided_at is not None

    @staticmethod
    def date_refusals(signed_on: date | None, actions) -> list[str]:
        """Why `actions` cannot be signed off on signed_on: not in the future, not before any was completed."""
        if signed_on is None:
            return []
        refusals = [PAST_ONLY.format(label="Date signed off")] if in_future(signed_on) else []
        return refusals + [f"The sign-off date cannot be before {a.reference} was completed "
                           f"({formats.date_format(a.completion_date, 'j F Y')})."
                           for a in actions if a.completion_date and signed_on < a.completion_date]

    def clean(self):
        """The board's rules that hold for one sign-off however it is made (the admin too): a meeting,
        a completed action, a date neither in the future nor before the action was completed."""
        errors = {}
        if not self.meeting.strip():
            errors["meeting"] = self.MEETING_REQUIRED
        action = self.action if self.action_id else None
        if action is not None and not self.is_void and action.status != Action.Status.COMPLETED:
            errors["action"] = f"Only a completed action can be signed off: {action.reference} is not completed."
        dates = self.date_refusals(self.signed_on, [action] if action is not None else [])
        if dates:
            errors["signed_on"] = dates
        if errors:
            raise ValidationError(errors)

    def take_snapshot(self) -> None:
        """Copies what the action says now (status, completion date, evidence and its files' names)."""
        action = self.action
        self.status, self.completion_date, self.evidence = action.status, action.completion_date, action.evidence
        self.evidence_files = "\n".join(f.name for f in action.evidence_files.all())

    def voided_sentence(self) -> str:
        """Both dates in words, for a voided sign-off: when it was signed off and when it was voided."""
        meeting = f" ({self.meeting})" if self.meeting else ""
        voided_on = formats.date_format(timezone.localtime(self.voided_at), "j F Y")
        return (f"Signed off on {formats.date_format(self.signed_on, 'j F Y')}{meeting} by "
                f"{person_name(self.signed_by)}; voided on {voided_on} "
                f"by {person_name(self.voided_by) if self.voided_by else 'the board'}: {self.void_reason}")
