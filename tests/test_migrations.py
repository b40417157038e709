"""The migrations, run from an empty SQLite database, make the same tables, columns, constraints and rows
as the SQLite test databases, which are made from the models with the data migrations' functions
(tests/conftest.py): so the fast set-up tests what a real deployment would run. (The PostgreSQL run
migrates its test databases: there the two differ, auth's many-to-many tables' id being bigint after
the migrations.)"""
import json
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

# Run in a fresh process against an empty database: migrate, then describe what it made.
MIGRATE = """
import json, django
django.setup()
from django.core.management import call_command
from django.db import connection
from tests.test_migrations import describe
call_command("migrate", verbosity=0)
print(json.dumps(describe(connection)))
"""


def describe(conn) -> dict:
    """Each table's columns, indexes, foreign keys and check constraints (not their names), and row count."""
    tables = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            tables[table] = {**sqlite_schema(cursor, table), "rows": count(cursor, conn, table)}
    return tables


def count(cursor, conn, table):
    cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")
    return cursor.fetchone()[0]


def sqlite_schema(cursor, table):
    """From SQLite's own pragmas (Django's introspection cannot parse some of the check constraints)."""
    def rows(sql, *params):
        return [list(row) for row in cursor.execute(sql, params).fetchall()]

    indexes = sorted([unique, [col[2] or "(expression)" for col in rows(f'PRAGMA index_info("{name}")')]]
                     for _seq, name, unique, _origin, _partial in rows(f'PRAGMA index_list("{table}")'))
    sql = rows("SELECT sql FROM sqlite_master WHERE name = %s", table)[0][0]
    return {"columns": sorted([name, kind.lower(), notnull, default, pk]
                              for _cid, name, kind, notnull, default, pk in rows(f'PRAGMA table_info("{table}")')),
            "indexes": indexes,
            "foreign_keys": sorted([other, column, to] for _id, _seq, other, column, to, *_rest in
                                   rows(f'PRAGMA foreign_key_list("{table}")')),
            "checks": sql.count("CHECK")}


@contextmanager
def empty_database():
    """The URL of an empty SQLite database file, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/migrated.db"


@pytest.mark.django_db
def test_the_migrations_make_what_the_test_databases_are_made_with():
    with empty_database() as url:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings",
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        ran = subprocess.run([sys.executable, "-c", MIGRATE], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=600)
    assert ran.returncode == 0, ran.stderr
    migrated = json.loads(ran.stdout.strip().splitlines()[-1])
    here = describe(connection)
    assert sorted(migrated) == sorted(here)
    for table, made in migrated.items():
        assert made == here[table], (
            f"{table}: the migrations make {made}, the test set-up {here[table]} (a new data migration? "
            "add its function to DATA_MIGRATIONS in tests/conftest.py)")
