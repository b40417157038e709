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
from django.urls import reverse
from django.utils import formats, timezone
from simple_history.utils import bulk_update_with_history

from igov.accounts import roles
from igov.lib import history as change_history
from igov.lib.dates import PAST_ONLY, in_future
from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned, lock_if_current
from igov.org.fields import FORMER, UNIT_HELP

DUE_SOON_DAYS = 30


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
    history = HistoricalRecords()

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


@dataclass(frozen=True)
class StatusCounts:
    """A plan's (or any set of actions') position; the parts always add up to the total."""

    total: int
    completed: int
    in_progress: int
    not_started: int
    superseded: int
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
        """The actions that count towards progress: all but the superseded."""
        return self.total - self.superseded

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
        return text + "."

    def bar(self) -> list[dict]:
        """The segments of the count bar, widths in whole percent summing to 100."""
        parts = [("completed", "Completed", self.completed), ("in_progress", "In progress", self.in_progress),
                 ("not_started", "Not started", self.not_started), ("superseded", "Superseded", self.superseded)]
        widths = _largest_remainder([n for _, _, n in parts], 100) if self.total else [0] * len(parts)
        return [{"key": key, "label": label, "count": n, "width": w}
                for (key, label, n), w in zip(parts, widths, strict=True)]


@dataclass(frozen=True)
class PlanPosition(StatusCounts):
    """A plan's position at a moment: its status counts and, of the completed, how many stood
    signed off by the board (a sign-off voided by a reopening no longer counts)."""

    signed_off: int

    @classmethod
    def none(cls) -> "PlanPosition":
        return cls(**{f.name: 0 for f in fields(cls)})

    def signed_off_sentence(self) -> str:
        """How many of the completed the board has signed off, in words."""
        verb = "has" if self.signed_off == 1 else "have"
        return f"Of the {self.completed} completed, {self.signed_off} {verb} been signed off by the board."


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

    def with_sign_off(self):
        """Annotates is_signed_off (a sign-off not voided) without a query per row."""
        active = SignOff.objects.filter(action=OuterRef("pk"), voided_at__isnull=True)
        return self.annotate(is_signed_off=Exists(active))

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
        """Actions no bulk change may touch: signed off (the board must reopen them first) or superseded.
        Needs with_sign_off(); Action.is_locked is the same rule for one such row."""
        return self.filter(Q(status=Action.Status.SUPERSEDED) | Q(is_signed_off=True))

    def set_status(self, status: str, by, today: date, seen: dict[int, int], leave_completed: bool = False) -> int:
        """Moves exactly the actions in `seen` (id -> the version the person confirmed) to status, in one
        transaction, each change in its history as `by`'s; returns how many changed.

        Refused, changing nothing, when any of them changed since (EditConflict), is signed off or
        superseded, or is completed and would lose its completion date without leave_completed
        (ValidationError). Actions marked completed get today as their completion date."""
        with transaction.atomic():
            rows = lock_if_current(self.with_sign_off(), seen, name=attrgetter("reference"))
            locked = [a.reference for a in rows if a.is_locked]
            if locked:
                raise ValidationError("These actions are signed off or superseded and cannot be changed in bulk: "
                                      + ", ".join(locked))
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
        if signed_on is not None:
            dates = [PAST_ONLY.format(label="Date signed off")] if in_future(signed_on) else []
            dates += [f"The sign-off date cannot be before {a.reference} was completed "
                      f"({formats.date_format(a.completion_date, 'j F Y')})."
                      for a in sorted(self, key=attrgetter("reference"))
                      if a.completion_date and signed_on < a.completion_date]
            if dates:
                errors["signed_on"] = dates
        if errors:
            raise ValidationError(errors)

    def sign_off(self, by, meeting: str, signed_on: date, seen: dict[int, int]) -> list["SignOff"]:
        """The board member `by` signs off exactly the actions in `seen` (id -> the version they saw),
        in one transaction. Each sign-off keeps a snapshot of what the action said, and each action's
        history records the sign-off as `by`'s (its version moves on, so an edit begun before it is refused).

        Refused, signing nothing, when any changed since (EditConflict) or check_sign_off says no."""
        with transaction.atomic():
            rows = lock_if_current(self.with_sign_off().prefetch_related("evidence_files"), seen,
                                   name=attrgetter("reference"))
            self.filter(pk__in=seen).with_sign_off().check_sign_off(by, signed_on)
            made = []
            for action in rows:
                sign_off = SignOff(action=action, signed_by=by, meeting=meeting, signed_on=signed_on,
                                   status=action.status, completion_date=action.completion_date,
                                   evidence=action.evidence,
                                   evidence_files="\n".join(f.name for f in action.evidence_files.all()))
                sign_off._history_user = by
                sign_off.save()
                action._history_user = by
                action._change_reason = f"Signed off: {meeting}"[:100] if meeting else "Signed off"
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
    active = sign_offs.filter(voided_at__isnull=True).values("action_id")
    signed = Q(status=Action.Status.COMPLETED, id__in=active)
    rows = (actions.order_by().values("plan_id")
            .annotate(**status_count_expressions(today), signed_off=Count("pk", filter=signed)))
    return {row["plan_id"]: PlanPosition.from_values(row) for row in rows}


def status_count_expressions(today: date) -> dict:
    """Count expressions for a summary of actions (live or historical rows). The four statuses are
    exhaustive (a check constraint says so), so completed + in progress + not started + superseded
    always equals total; overdue is ActionQuerySet.overdue_q, the one rule."""
    counts = {"total": Count("pk")}
    for status in Action.Status:
        counts[status.value] = Count("pk", filter=Q(status=status))
    counts["overdue"] = Count("pk", filter=ActionQuerySet.overdue_q(today))
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

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"
        CLOSED = "closed", "Closed"

    OUTSTANDING = (Status.NOT_STARTED, Status.IN_PROGRESS)

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
    history = HistoricalRecords()

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
                condition=Q(status__in=["not_started", "in_progress", "completed", "superseded"]),
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
        if errors:
            raise ValidationError(errors)

    @classmethod
    def positions_as_at(cls, when=None, plan: ActionPlan | None = None) -> dict[int, PlanPosition]:
        """{plan id: PlanPosition} as every plan (or `plan`) stood at the moment `when` (None: now, from
        the live tables), read from the history in one query whatever its depth: each action's status
        and target dates as its history row held them then, overdue judged on that day (the same
        ActionQuerySet.overdue_q), sign-offs as they stood then. Plans with no action then are left out."""
        if when is None:
            sign_offs, today = SignOff.objects.all(), timezone.localdate()
        else:
            sign_offs, today = SignOff.history.as_of(when), timezone.localdate(when)
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
        return cls.objects.all() if when is None else cls.history.as_of(when)

    @classmethod
    def by_area_as_at(cls, when, plan: ActionPlan) -> dict:
        """{scope area: StatusCounts} of the plan at `when` (None: now), one query."""
        today = timezone.localdate() if when is None else timezone.localdate(when)
        return status_counts_by(cls.as_at(when).filter(plan_id=plan.pk), "scope_area", today)

    @classmethod
    def overdue_as_at(cls, when, plan: ActionPlan, limit: int = 25) -> list["Action"]:
        """The plan's actions overdue at `when` (None: now), with the status and target dates they had
        then, longest overdue first: `target` and `owner` loaded, in one query."""
        today = timezone.localdate() if when is None else timezone.localdate(when)
        if when is None:
            return list(cls.objects.filter(plan=plan).overdue(today).for_list().order_by("target", "reference")[:limit])
        rows = (cls.history.filter(history_date__lte=when).latest_of_each().exclude(history_type="-")
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
        Green: outstanding and on track. Closed: completed or superseded."""
        if not self.is_outstanding:
            return self.Rag.CLOSED
        if self.is_overdue(today):
            return self.Rag.RED
        if self.is_due_soon(today) or (self.status == self.Status.NOT_STARTED and self.target_date is None):
            return self.Rag.AMBER
        return self.Rag.GREEN

    @property
    def is_locked(self) -> bool:
        """Signed off or superseded (ActionQuerySet.locked); needs with_sign_off()."""
        return self.status == self.Status.SUPERSEDED or self.is_signed_off

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
            for sign_off in current.sign_offs.filter(voided_at__isnull=True):
                sign_off.voided_at, sign_off.voided_by, sign_off.void_reason = timezone.now(), by, reason
                sign_off._history_user = by
                sign_off._change_reason = f"Voided: {reason}"[:100]
                sign_off.save()
            current.status = self.Status.IN_PROGRESS
            current.completion_date = None
            current._history_user = by
            current._change_reason = f"Reopened: {reason}"[:100]
            current.save()
        self.refresh_from_db()

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


class SignOff(models.Model):
    """The board's sign-off of a completed action, with a snapshot of what it signed."""

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = "sign-off"
        constraints = [
            models.UniqueConstraint(fields=["action"], condition=Q(voided_at__isnull=True),
                                    name="signoff_one_active_per_action",
                                    violation_error_message="This action is already signed off."),
            models.CheckConstraint(condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                                   name="signoff_void_needs_reason"),
        ]

    def __str__(self):
        return f"Sign-off of {self.action.reference} on {self.signed_on:%d/%m/%Y}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
