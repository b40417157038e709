"""What the benchmark commands share: timing pages side by side, the machine and database they ran
on, the size of the registers' history, and dated history made in bulk to reach a size.

Benchmarks here compare ratios measured in the same run (a page against another page, our PDF against
bare WeasyPrint), never absolute times: the machine is shared and its load moves both sides alike.
"""
import bisect
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction
from django.db.models import DateTimeField
from django.test.utils import CaptureQueriesContext
from simple_history.models import HistoricalChanges


@dataclass
class Sample:
    """The timings (seconds, wall clock) and SQL query count of one thing measured several times."""

    name: str
    seconds: list[float] = field(default_factory=list)
    queries: int = 0
    slowest_queries: list[dict] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def as_dict(self) -> dict:
        return {"p50_ms": round(self.p50 * 1000, 1), "p95_ms": round(self.p95 * 1000, 1),
                "runs_ms": [round(s * 1000, 1) for s in self.seconds], "queries": self.queries}


def measure(tasks: dict[str, Callable[[], object]], repeat: int) -> dict[str, Sample]:
    """Runs each task once to warm up, then `repeat` rounds of every task in turn (interleaved, so a
    change in the machine's load falls on all of them alike). Wall-clock time: with PostgreSQL the
    database's share of the work happens in another process. Counts each task's SQL queries (its last
    run) and keeps its three slowest queries."""
    samples = {name: Sample(name) for name in tasks}
    for task in tasks.values():
        task()
    for _ in range(repeat):
        for name, task in tasks.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                task()
                samples[name].seconds.append(time.perf_counter() - started)
            samples[name].queries = len(captured.captured_queries)
            slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
            samples[name].slowest_queries = [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"]}
                                             for q in slowest]
    return samples


def machine() -> dict:
    """The facts a reader needs to compare two runs: CPUs, Python, the database and its version."""
    return {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "database": connection.vendor, "database_version": _database_version()}


def _database_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        return cursor.fetchone()[0]


def analyze() -> None:
    """Refreshes the query planner's statistics, as PostgreSQL's autovacuum would after a bulk load
    (SQLite keeps none until asked)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def write_json(path: str | Path, data: dict) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return path


# --- the registers' history -----------------------------------------------------------------------
def history_models() -> list:
    """Every django-simple-history table (each register's records, and the many-to-many ones)."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def history_row_count() -> int:
    return sum(model._default_manager.count() for model in history_models())


Edit = Callable[[dict, int], dict]


def add_history(edits: dict, rows: int, until: datetime, seed: int = 12) -> int:
    """Adds `rows` history rows to the records of the models in `edits` (model -> edit), as people
    editing them over the years would: each record gets rows in proportion to how long it has
    existed (its first history row to `until`), at random moments of its life. Each added row is a
    copy of the record's history row then in force; every other one makes the edit
    `edits[model](values, n)` (the changed fields) and the next puts it back, so the record's own
    story (created, started, completed…) still shows and the last history row still matches the
    live one. Records deleted since are left alone. Returns the number of rows added."""
    rng = random.Random(seed)
    stories = {model: _stories(model) for model in edits}
    lives = {(model, pk): max((until - story[0]["history_date"]).total_seconds(), 1.0)
             for model, by_record in stories.items() for pk, story in by_record.items()}
    total_life, owed, added = sum(lives.values()) or 1.0, 0.0, 0
    with transaction.atomic():
        for model, edit in edits.items():
            insert, pending = _inserter(model.history.model), []
            for pk, story in stories[model].items():
                owed += rows * lives[(model, pk)] / total_life
                count = round(owed) - added
                pending.extend(_added_rows(story, count, until, edit, rng))
                added += count
                if len(pending) >= 5_000:
                    insert(pending)
                    pending = []
            insert(pending)
    return added


def _stories(model) -> dict[int, list[dict]]:
    """{record id: its history rows oldest first, as field values} for records not deleted."""
    history = model.history.model
    key = model._meta.pk.attname
    names = [f.attname for f in history._meta.concrete_fields if f.attname != "history_id"]
    stories: dict[int, list[dict]] = {}
    for values in history.objects.order_by(key, "history_date", "history_id").values(*names).iterator(5_000):
        stories.setdefault(values[key], []).append(values)
    return {pk: story for pk, story in stories.items() if story[-1]["history_type"] != "-"}


def _added_rows(story: list[dict], count: int, until: datetime, edit: Edit, rng: random.Random):
    start = story[0]["history_date"]
    span = max((until - start).total_seconds(), 1.0)
    # A whole number of seconds plus a random fraction: never the same moment as a recorded row.
    moments = sorted(start + timedelta(seconds=int(rng.random() * span), microseconds=rng.randint(1, 999_999))
                     for _ in range(count))
    dates = [row["history_date"] for row in story]
    for n, moment in enumerate(moments):
        in_force = story[max(bisect.bisect_right(dates, moment) - 1, 0)]
        changed = n % 2 == 0 and n < count - 1
        yield {**in_force, **(edit(in_force, n) if changed else {}), "history_date": moment, "history_type": "~",
               "history_change_reason": "Edited" if changed else "Edit undone"}


def _inserter(history) -> Callable:
    """A function that inserts rows (dicts of field values) into a history table in a few statements:
    a fraction of the time bulk_create takes to build model instances and their SQL for hundreds of
    thousands of rows."""
    fields = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    quote = connection.ops.quote_name
    # Names from the model's own metadata, quoted; every value is a parameter.
    head = f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value  # SQLite keeps UTC text; PostgreSQL takes it as is
    dated = [isinstance(f, DateTimeField) for f in fields]

    def insert(rows: list[dict]) -> None:
        params = [[adapt(row[f.attname]) if is_date else row[f.attname]
                   for f, is_date in zip(fields, dated, strict=True)] for row in rows]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":  # executemany loops in C, in-process: 3× faster than VALUES lists
                cursor.executemany(head + connection.ops.bulk_insert_sql(fields, [["%s"] * len(fields)]), params)
                return
            # psycopg2's executemany is a round trip per row: 1,000 rows to a statement halves the time.
            for start in range(0, len(params), 1_000):
                batch = params[start:start + 1_000]
                values = connection.ops.bulk_insert_sql(fields, [["%s"] * len(fields)] * len(batch))
                cursor.execute(head + values, [value for row in batch for value in row])
    return insert
