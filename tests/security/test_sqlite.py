"""SQLite, the embedded default, runs in WAL mode with IMMEDIATE transactions, so a few people
saving at once queue for the write lock instead of seeing "database is locked"."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# Two threads each run 40 transactions that read, then write, through the ORM on a file database.
# In a DEFERRED transaction the read takes a shared lock that the write must upgrade; two such
# transactions deadlock and SQLite answers one with "database is locked" at once, whatever the
# timeout. IMMEDIATE takes the write lock at BEGIN, so the second simply waits its turn.
WRITERS = """
import json, sys, threading, time
import django
django.setup()
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, connections, transaction

mode = sys.argv[1]
if mode != "settings":
    settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = mode
call_command("migrate", "auth", verbosity=0)
journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
connection.close()
errors = []
start = threading.Barrier(2)

def writer(name):
    start.wait()
    try:
        for i in range(40):
            with transaction.atomic():
                Group.objects.count()
                time.sleep(0.002)
                Group.objects.create(name=f"{name}-{i}")
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        connections.close_all()

threads = [threading.Thread(target=writer, args=(name,)) for name in ("first", "second")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"journal_mode": journal, "groups": Group.objects.filter(name__contains="-").count(),
                  "errors": errors, "mode": connection.transaction_mode}))
"""

needs_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite settings apply to SQLite only")


def run_writers(tmp_path, mode):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "igov.settings",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'igov.sqlite3'}", "DJANGO_LOG_LEVEL": "ERROR"})
    result = subprocess.run([sys.executable, "-c", WRITERS, mode], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_sqlite
def test_settings_ask_sqlite_for_immediate_transactions_and_wal():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


@needs_sqlite
def test_two_people_saving_at_once_never_see_database_is_locked(tmp_path):
    outcome = run_writers(tmp_path, "settings")

    assert outcome["errors"] == []
    assert outcome["groups"] == 80
    assert outcome["journal_mode"] == "wal"
    assert outcome["mode"] == "IMMEDIATE"


@needs_sqlite
def test_without_immediate_transactions_the_same_work_fails(tmp_path):
    """The control: shows the concurrency test above would catch a regression."""
    outcome = run_writers(tmp_path, "DEFERRED")

    assert any("database is locked" in error for error in outcome["errors"])
