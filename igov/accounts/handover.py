"""A person's responsibilities across the registers, and handing them to successors in one step.

Only what is still live moves: open actions (not started or in progress), the action plans they
lead, open risks, every information asset (as IAO or as administrator) and every agreement not
terminated or superseded. Completed and superseded actions, closed risks and ended agreements keep
their owner: they record who did the work. The training record is the person's own and never moves.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, reduce
from operator import add

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats

from actions.models import Action, ActionPlan
from assets.forms import staff_users
from assets.models import DataSharingAgreement, InformationAsset
from igov.accounts.people import assignable_owners, person_name, plan_leads
from igov.lib.versioning import EditConflict
from risks.models import Risk
from training.models import StaffMember


@dataclass(frozen=True)
class Register:
    """One way a person is named on records: the model, the field naming them, which of its records
    are still live (and so move) and who may take them on."""

    key: str
    label: str  # "Actions they own"
    column: str  # "Actions": a list's column heading
    noun: str  # "action"
    model: type[models.Model]
    field: str
    live: Q
    successors: Callable[[], models.QuerySet]

    def of(self, person) -> models.QuerySet:
        return self.model.objects.filter(self.live, **{self.field: person})


REGISTERS = [
    Register("actions", "Actions they own", "Actions", "action", Action, "owner",
             Q(status__in=Action.OUTSTANDING), assignable_owners),
    Register("plans", "Action plans they lead", "Plans led", "action plan", ActionPlan, "lead", Q(), plan_leads),
    Register("risks", "Risks they own", "Risks", "risk", Risk, "owner", Q(status=Risk.Status.OPEN),
             assignable_owners),
    Register("assets", "Information assets they own (IAO)", "Assets (IAO)", "information asset", InformationAsset,
             "owner", Q(), staff_users),
    Register("administered", "Information assets they administer", "Assets administered", "information asset",
             InformationAsset, "administrator", Q(), staff_users),
    Register("agreements", "Data sharing agreements they lead", "Agreements led", "data sharing agreement",
             DataSharingAgreement, "lead_officer",
             ~Q(status__in=[DataSharingAgreement.Status.TERMINATED, DataSharingAgreement.Status.SUPERSEDED]),
             staff_users),
]
BY_KEY = {register.key: register for register in REGISTERS}
SHOWN_WITH = {"actions": ["plan"], "administered": ["owner"]}  # what each list shows beside the record


def training_records(person) -> models.QuerySet:
    """The HR records with the person's e-mail address, leavers included (StaffMember.for_officer
    leaves them out)."""
    if not person.email:
        return StaffMember.objects.none()
    return StaffMember.objects.with_email(person.email).select_related("unit__parent")


@dataclass
class Responsibilities:
    person: object
    records: dict[str, list]  # register key -> the live records naming the person there

    @cached_property
    def training(self) -> list:
        """Read when a page shows it (the hand-over's preview does not)."""
        return list(training_records(self.person))

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.records.values())

    def by_register(self) -> list[tuple[Register, list]]:
        return [(register, self.records[register.key]) for register in REGISTERS]


def responsibilities(person) -> Responsibilities:
    """Everything live the person owns or is named on, per register, and their training record:
    one query per register (and one for the training record, when read)."""
    records = {register.key: list(register.of(person).select_related(*SHOWN_WITH.get(register.key, ())))
               for register in REGISTERS}
    return Responsibilities(person, records)


def has_left_q(today: date) -> Q:
    """A person who has left: their account is deactivated, or HR gives them a leaving date on or
    before today (their HR record matched by e-mail address)."""
    hr_left = StaffMember.objects.with_email(OuterRef("email")).filter(leaving_date__lte=today)
    return Q(is_active=False) | (~Q(email="") & Exists(hr_left))


def with_counts(users: models.QuerySet) -> models.QuerySet:
    """Annotates each user with how many live records they hold per register (named by the register's
    key) and `held`, their sum: one query for any number of users."""
    counts = {}
    for register in REGISTERS:
        held = (register.model.objects.filter(register.live, **{register.field: OuterRef("pk")}).order_by()
                .values(register.field).annotate(n=Count("pk")).values("n"))
        counts[register.key] = Coalesce(Subquery(held, output_field=models.IntegerField()), 0)
    return users.annotate(**counts).annotate(held=reduce(add, (F(key) for key in counts)))


def held_by_leavers(today: date) -> int:
    """Live records held by people who have left (each register's count, added up): one query."""
    leavers = with_counts(get_user_model().objects.filter(has_left_q(today)))
    return leavers.aggregate(total=models.Sum("held"))["total"] or 0


def change_reason(person, successors, effective: date, reason: str) -> str:
    """The history's note on each record moved (at most 100 characters, simple-history's column)."""
    names = " and ".join(dict.fromkeys(person_name(s) for s in successors))
    note = (f"Handed over by {person_name(person)} to {names} "
            f"({formats.date_format(effective, 'j M Y')}): {reason}")
    return note if len(note) <= 100 else note[:99] + "…"


def successors_by_register(successors) -> dict[str, object]:
    """{register key: successor}: one user for every register, or a dict naming some (None or absent:
    left as it is)."""
    if isinstance(successors, dict):
        unknown = set(successors) - set(BY_KEY)
        if unknown:
            raise ValueError(f"No register is called {', '.join(sorted(unknown))}")
        return {key: user for key, user in successors.items() if user is not None}
    return dict.fromkeys(BY_KEY, successors)


def check_successors(person, chosen: dict[str, object]) -> None:
    """ValidationError {register key: why} when a successor may not take that register's records.
    One query, whoever is chosen: each successor's eligibility under each register's rule at once."""
    rules = {register.successors for register in REGISTERS}
    allowed = {row["pk"]: row for row in get_user_model().objects.filter(
        pk__in={successor.pk for successor in chosen.values()}).values(
        "pk", **{rule.__name__: Exists(rule().filter(pk=OuterRef("pk"))) for rule in rules})}
    errors = {}
    for key, successor in chosen.items():
        register = BY_KEY[key]
        if successor.pk == person.pk:
            errors[key] = f"{person_name(person)} cannot hand over to themselves."
        elif not allowed.get(successor.pk, {}).get(register.successors.__name__):
            errors[key] = (f"{person_name(successor)} cannot take on {register.noun}s: "
                           f"{register.label.lower()} need {SUCCESSOR_RULE[key]}.")
    if errors:
        raise ValidationError(errors)


SUCCESSOR_RULE = {
    "actions": "an active officer or member of the IG team",
    "plans": "an active member of the IG team",
    "risks": "an active officer or member of the IG team",
    "assets": "an active officer, member of the IG team or administrator",
    "administered": "an active officer, member of the IG team or administrator",
    "agreements": "an active officer, member of the IG team or administrator",
}


def _rows_as_seen(register: Register, person, seen: dict[int, int]) -> list:
    """The person's live records in the register, locked, if they are exactly those the preview showed
    and each is still at the version shown (lock_if_current's rule); else EditConflict saying what differs."""
    rows = list(register.of(person).select_for_update(of=("self",)).filter(pk__in=seen).order_by("pk"))
    changed = [getattr(row, "reference", None) or str(row) for row in rows if row.version != seen[row.pk]]
    gone, more = len(seen) - len(rows), register.of(person).exclude(pk__in=seen).count()
    parts = []
    if changed:
        parts.append(f"someone changed {', '.join(changed)}")
    if gone:
        parts.append(f"{gone} of the {register.noun}s shown {'is' if gone == 1 else 'are'} no longer theirs")
    if more:
        parts.append(f"they were given {more} more {register.noun}{'s' if more != 1 else ''}")
    if parts:
        raise EditConflict(f"Nothing has been handed over: since the preview, {'; '.join(parts)}. "
                           "Check the list again, then confirm.")
    return rows


def hand_over(person, successors, *, effective: date, reason: str, by, deactivate: bool = False,
              seen: dict[str, dict[int, int]] | None = None) -> dict[str, int]:
    """Hands the person's live records to successors, in one transaction: all of them move or none.

    `successors`: one user for every register, or {register key: user} (a register not named stays
    as it is). `seen`: {register key: {id: version}} the preview showed; with it nothing moves
    unless those are still exactly the person's records there, each as shown (EditConflict).
    Each record is saved once (an asset they both own and administer too), so its history gains one
    entry, made by `by`, noting the hand-over. `deactivate`: the account is closed as well.
    Returns {register key: records moved}."""
    chosen = successors_by_register(successors)
    check_successors(person, chosen)
    moved = dict.fromkeys(chosen, 0)
    with transaction.atomic():
        changes = {}  # (model, id) -> (record, {field: successor})
        for key, successor in chosen.items():
            register = BY_KEY[key]
            if seen is not None:
                rows = _rows_as_seen(register, person, seen.get(key, {}))
            else:
                rows = register.of(person).select_for_update(of=("self",)).order_by("pk")
            for row in rows:
                record, fields = changes.setdefault((register.model, row.pk), (row, {}))
                fields[register.field] = successor
                moved[key] += 1
        for record, fields in changes.values():
            for name, successor in fields.items():
                setattr(record, name, successor)
            record._history_user = by
            record._change_reason = change_reason(person, fields.values(), effective, reason)
            record.save()
        if deactivate and person.is_active:
            person.is_active = False
            person.save(update_fields=["is_active"])
    return moved
