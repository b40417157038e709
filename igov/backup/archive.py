"""Whole-database backups as one JSON file, and restoring them into an empty database.

A backup holds every row of every table (primary keys kept, so links and URLs stay valid) except
sessions and live sign-in locks, plus the list of applied migrations. A restore refuses a
database at a different schema version (its migrations differ) and, unless forced, a database
already in use (it has user accounts); it then empties every table and loads the rows in one
transaction, so a failed restore changes nothing.
"""
import gzip
import json
import os
from contextlib import contextmanager
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "igov-backup"
VERSION = 1
# Sessions would revive sign-ins on the restored system; live lockouts lapse within 15 minutes.
SKIPPED = {"sessions.Session", "axes.AccessAttempt", "axes.AccessAttemptExpiration"}


class BackupError(Exception):
    """A backup that cannot be restored here, with the reason in words."""


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps them to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    return [model for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy and model._meta.label not in SKIPPED]


def applied_migrations(using=DEFAULT_DB_ALIAS) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def row_counts(using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {model._meta.label: model._base_manager.using(using).count() for model in backed_up_models()}


def backup_data(using=DEFAULT_DB_ALIAS) -> dict:
    """The backup as a dict: what it is, the schema version, row counts and the rows."""
    connection = connections[using]
    # One transaction, so every table is read at the same moment: SQLite holds the write lock
    # meanwhile (writers wait, as they do for any save); PostgreSQL reads one snapshot.
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        objects = []
        for model in backed_up_models():
            rows = model._base_manager.using(using).order_by("pk")
            objects.extend(serializers.serialize("python", rows.iterator()))
        return {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(using),
            "counts": row_counts(using),
            "objects": objects,
        }


def backup_write(path: Path, using=DEFAULT_DB_ALIAS) -> dict:
    """Write a backup to `path` (gzip-compressed if it ends in .gz), readable by its owner only:
    it holds password hashes and two-factor secrets. Returns the backup's row counts."""
    data = backup_data(using)
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    opener = gzip.open if path.suffix == ".gz" else open
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    with opener(partial, "wt", encoding="utf-8") as stream:
        json.dump(data, stream, cls=_ExactEncoder)
    partial.replace(path)
    return data["counts"]


def backup_read(path: Path) -> dict:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} is not a readable igov backup: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise BackupError(f"{path} is not an igov backup (version {VERSION}).")
    return data


def schema_difference(data: dict, using=DEFAULT_DB_ALIAS) -> str:
    """Why this database's schema differs from the backup's, or "" when they match."""
    here, there = set(applied_migrations(using)), set(data["migrations"])
    if here == there:
        return ""
    lines = []
    if there - here:
        lines.append("applied when the backup was made but not here: " + ", ".join(sorted(there - here)[:10]))
    if here - there:
        lines.append("applied here but not when the backup was made: " + ", ".join(sorted(here - there)[:10]))
    return "; ".join(lines)


def database_in_use(using=DEFAULT_DB_ALIAS) -> bool:
    """A database with user accounts is in use; `migrate` alone creates none."""
    return apps.get_model("auth", "User")._base_manager.using(using).exists()


@contextmanager
def immediate_constraints(connection):
    """PostgreSQL will not TRUNCATE a table with deferred foreign-key checks pending in the same
    transaction (as inside a test); checking them first lets it."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restore_row(restored, using):
    """Save one deserialized row as it was (raw: no history, no derived values) and its many-to-many
    links straight into their link tables, so no m2m_changed handler writes extra history rows."""
    links, restored.m2m_data = restored.m2m_data or {}, None
    restored.save(using=using, force_insert=True)  # the tables are empty: no UPDATE attempt first
    for name, related_ids in links.items():
        field = restored.object._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through._base_manager.using(using).bulk_create(
            [through(**{f"{source}_id": restored.object.pk, f"{target}_id": pk}) for pk in related_ids])


def backup_restore(data: dict, force: bool = False, using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Replace everything in the database with the backup's rows. Returns the restored row counts."""
    difference = schema_difference(data, using)
    if difference:
        raise BackupError("The backup was made at a different schema version, so it cannot be restored "
                          f"here ({difference}). Run `manage.py migrate` to the backup's version, or "
                          "restore with the release of igov that made it.")
    if database_in_use(using) and not force:
        raise BackupError("This database already holds user accounts and data. Restoring replaces all "
                          "of it; use --force if that is what you want.")
    connection = connections[using]
    with transaction.atomic(using=using):
        with immediate_constraints(connection):
            connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=True))
        for restored in serializers.deserialize("python", data["objects"], using=using):
            restore_row(restored, using)
        models = backed_up_models()
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        counts = row_counts(using)
        expected = {label: data["counts"].get(label, 0) for label in counts}
        if counts != expected:
            wrong = {label: (counts[label], expected[label]) for label in counts if counts[label] != expected[label]}
            raise BackupError(f"The restored row counts differ from the backup's, so nothing was changed: {wrong}")
    return counts
