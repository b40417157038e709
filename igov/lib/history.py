"""Who changed what from what to what: a record's django-simple-history rows as a change log.

One rule for every register's history: related rows are shown by name (people by their full name,
one query per related model that changed, none when the record already holds the only one),
choices by their labels, yes/no fields as Yes/No and blanks as "—". Rows that changed nothing a
reader could see and give no reason are left out; the first row is marked as the record's creation.
"""
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import formats, timezone

from igov.accounts.people import person_name

# Fields every save moves (or that never change) and so say nothing to a reader.
NOT_SHOWN = {"version", "created"}


def end_of_day(day: date) -> datetime:
    """The moment an as-at date's figures are read at: the end of that day, local time, so the
    day's own changes count."""
    return timezone.make_aware(datetime.combine(day, time.max))


def history_records(record) -> list:
    """The record's history, oldest first, with who made each change: one query."""
    return list(record.history.select_related("history_user").order_by("history_date", "history_id"))


def change_log(record, records=None, limit=None) -> list[dict]:
    """The record's changes, newest first: when, who, why, whether it was the creation and each
    field's change as {"field", "old", "new"}.

    `records`: the history already loaded oldest first (`history_records`), to share one query
    with another reading of the history; otherwise it is read here. `limit`: at most this many
    of the newest rows (one more is read, to know what the oldest shown changed)."""
    if records is None:
        rows = record.history.select_related("history_user").order_by("-history_date", "-history_id")
        newest_first = list(rows[:limit + 1] if limit else rows)
    else:
        newest_first = list(reversed(records))
    pairs = list(zip(newest_first, [*newest_first[1:], None], strict=True))[:limit]
    entries = [{
        "when": newer.history_date, "who": person_name(newer.history_user) if newer.history_user else "System",
        "reason": newer.history_change_reason or "", "created": older is None, "changes": changes,
    } for (newer, older), changes in zip(pairs, _named_changes(record, pairs), strict=True)]
    return [e for e in entries if e["created"] or e["changes"] or e["reason"]]


def changes_between(record, older, newer) -> list[dict]:
    """What changed from one of the record's history rows to a later one, as {"field", "old",
    "new"}, named and shown as in the change log."""
    return _named_changes(record, [(newer, older)])[0]


def _named_changes(record, pairs) -> list[list[dict]]:
    """For each (newer, older) pair of history rows, the fields that differ (none when older is
    None: that row is the creation), with related rows read in one query per related model."""
    fields = [f for f in type(record)._meta.concrete_fields if f.name not in NOT_SHOWN]
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
