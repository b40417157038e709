"""Who changed what from what to what: a record's django-simple-history rows as a change log.

One rule for every register's history: related rows are shown by name (people by their full name,
one query per related model that changed, none when the record already holds the only one),
choices by their labels, yes/no fields as Yes/No and blanks as "—". Rows that changed nothing a
reader could see and give no reason are left out; the first row is marked as the record's creation.
"""
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import OuterRef, Subquery
from django.utils import formats
from simple_history import models as simple_history

from igov.accounts.people import person_name

# Fields every save moves (or that never change) and so say nothing to a reader.
NOT_SHOWN = {"version", "created"}


class HistoricalRecords(simple_history.HistoricalRecords):
    """django-simple-history's history table with an index on (record id, history_date), replacing
    the one on the id alone (which the many-to-many history tables lose too: nothing reads them by
    that id).

    `read_as_at=True`, for the models read "as at" a moment (`state_at`): the indexes that read
    needs so that it costs the same however deep the history grows, (record id, history_date,
    history_id) for a record's latest row up to a moment (one index probe), and (history_type,
    history_date) for the records created by then (each record's "+" row)."""

    def __init__(self, *args, read_as_at=False, **kwargs):
        self.read_as_at = read_as_at
        kwargs.setdefault("no_db_index", ["id"])
        super().__init__(*args, **kwargs)

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        key = model._meta.pk.attname
        indexes = ([models.Index(fields=[key, "history_date", "history_id"]),
                    models.Index(fields=["history_type", "history_date"])] if self.read_as_at
                   else [models.Index(fields=[key, "history_date"])])
        options["indexes"] = [*options.get("indexes", ()), *indexes]
        return options


def state_at(model, when):
    """The rows of a history-tracked model as they stood at the moment `when`, as a queryset of
    history records (one SQL query): each row's latest record up to then, rows deleted by then left
    out; two records of one row at the same instant (a save and a correction in one request) count
    once, the later record winning. The one definition of "as at" every register reads.

    Its cost follows the number of records, not the depth of their history: for each record created
    by then (its "+" row, every record's first), one index probe finds its latest row up to then
    (the indexes of HistoricalRecords(read_as_at=True), which every model read here declares).
    Reading every row up to the moment and keeping those with no later one (simple-history's `as_of`)
    grew with the history: a committee report on 500,000 history rows spent most of its time there."""
    key = model._meta.pk.attname
    latest = (model.history.filter(**{key: OuterRef(key)}, history_date__lte=when)
              .order_by("-history_date", "-history_id").values("history_id")[:1])
    created = (model.history.filter(history_type="+", history_date__lte=when).order_by()
               .annotate(latest=Subquery(latest)).values("latest"))
    return model.history.filter(history_id__in=created).exclude(history_type="-")


def latest_history_rows(models) -> list:
    """(history id, history date) of each model's latest history row, in one query: while these stay
    the same, nothing was saved or deleted through the models, so whatever was read from them is
    unchanged (the date tells a row apart from one that took the id of a row rolled back)."""
    parts = []
    for model in models:  # the tables' names come from the models, quoted: no one's input reaches the SQL
        table = connection.ops.quote_name(model.history.model._meta.db_table)
        parts += [f"(SELECT history_id FROM {table} ORDER BY history_id DESC LIMIT 1)",  # noqa: S608
                  f"(SELECT history_date FROM {table} ORDER BY history_id DESC LIMIT 1)"]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return [str(value) for value in row]


def history_records(record) -> list:
    """The record's history, oldest first, with who made each change: one query."""
    return list(record.history.select_related("history_user").order_by("history_date", "history_id"))


def change_log(record, records=None, limit=None, people=True, hidden=()) -> list[dict]:
    """The record's changes, newest first: when, who, why, whether it was the creation and each
    field's change as {"field", "old", "new"}.

    `records`: the history already loaded oldest first (`history_records`), to share one query
    with another reading of the history; otherwise it is read here. `limit`: at most this many
    of the newest rows (one more is read, to know what the oldest shown changed). `people=False`:
    for readers who never see named staff, no one's name (who made each change, or a change of
    a person field); `hidden`: names of fields those readers do not see, whose changes are left out."""
    if records is None:
        rows = record.history.select_related("history_user").order_by("-history_date", "-history_id")
        newest_first = list(rows[:limit + 1] if limit else rows)
    else:
        newest_first = list(reversed(records))
    pairs = list(zip(newest_first, [*newest_first[1:], None], strict=True))[:limit]
    entries = [{
        "when": newer.history_date,
        "who": (person_name(newer.history_user) if newer.history_user else "System") if people else None,
        "reason": newer.history_change_reason or "", "created": older is None, "changes": changes,
    } for (newer, older), changes in zip(pairs, _named_changes(record, pairs, people, hidden), strict=True)]
    return [e for e in entries if e["created"] or e["changes"] or e["reason"]]


def changes_between(record, older, newer) -> list[dict]:
    """What changed from one of the record's history rows to a later one, as {"field", "old",
    "new"}, named and shown as in the change log."""
    return _named_changes(record, [(newer, older)])[0]


def _named_changes(record, pairs, people=True, hidden=()) -> list[list[dict]]:
    """For each (newer, older) pair of history rows, the fields that differ (none when older is
    None: that row is the creation), with related rows read in one query per related model."""
    kept = {f.name for f in type(record).history.model._meta.fields}  # a history may leave fields out
    fields = [f for f in type(record)._meta.concrete_fields if f.name not in NOT_SHOWN and f.name not in hidden
              and f.name in kept and (people or f.related_model is not get_user_model())]
    diffs, related_ids = [], {}
    for newer, older in pairs:
        changes = []
        for field in fields if older is not None else []:
            old, new = getattr(older, field.attname), getattr(newer, field.attname)
            if old == new:
                continue
            changes.append((field, old, new))
            if field.is_relation:
                related_ids.setdefault(field.related_model, set()).update(v for v in (old, new) if v)
        diffs.append(changes)
    labels = _labels(record, fields, related_ids)
    return [[{"field": field.verbose_name, "old": _shown(field, old, labels), "new": _shown(field, new, labels)}
             for field, old, new in changes] for changes in diffs]


def _shown(field, value, labels):
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return labels[field.related_model].get(value, "(deleted)")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date) and not isinstance(value, datetime):
        return formats.date_format(value)
    return value


def _labels(record, fields, related_ids) -> dict:
    """{related model: {pk: label}} for the ids the changes mention; a related row the record
    already holds (its current owner, say) is not read again."""
    held = {}
    for field in fields:
        if field.is_relation and field.is_cached(record) and getattr(record, field.name) is not None:
            held.setdefault(field.related_model, {})[getattr(record, field.attname)] = getattr(record, field.name)
    labels = {}
    for model, ids in related_ids.items():
        objects = {pk: obj for pk, obj in held.get(model, {}).items() if pk in ids}
        missing = ids - objects.keys()
        if missing:
            objects.update(model._default_manager.in_bulk(missing))
        labels[model] = {pk: person_name(obj) if model is get_user_model() else str(obj)
                         for pk, obj in objects.items()}
    return labels


def write_stories(model, stories: dict) -> int:
    """Dated history for records made in bulk (demo data, imports of a past): for each record, the
    steps that led to its present state, oldest first, as (when, user, changes, reason), where
    `changes` holds the fields whose value at that step differs from the present one. One history
    row per step, the first a creation; a versioned record's version counts the steps. Two steps
    on one day are a second apart: an as-at read (simple-history's `as_of`) would count a record
    twice if its two latest rows had the same moment."""
    History = model.history.model
    fields = [f.attname for f in model._meta.concrete_fields]
    rows = []
    for record, steps in stories.items():
        previous = None
        for number, (when, user, changes, reason) in enumerate(steps, start=1):
            when = previous = when if previous is None or when > previous else previous + timedelta(seconds=1)
            values = {name: getattr(record, name) for name in fields} | changes
            if "version" in values:
                values["version"] = number
            rows.append(History(**values, history_type="+" if number == 1 else "~", history_date=when,
                                history_user=user, history_change_reason=reason or None))
    History.objects.bulk_create(rows, batch_size=500)
    return len(rows)
