"""The shared cast: every view's tests try each of these people.

owner (an officer who owns the objects a test makes), other_officer, igteam, board, committee,
admin, and anonymous. Clients are signed in with force_login.
"""
import functools
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management.commands import migrate
from django.db import connection, transaction
from django.db.migrations import RunPython
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from igov.accounts import roles


@functools.cache
def data_migrations():
    """(apps, function) for each data migration of the project, in the order `migrate` runs them, with the
    models as the migrations leave them: a data migration sees them without the live models' signals (a
    history row for each row saved, which the migration writes itself if it wants one)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    models = executor.loader.project_state().apps
    found = []
    for migration, _backwards in plan:
        if {"site-packages", "dist-packages"} & set(Path(sys.modules[migration.__module__].__file__).parts):
            continue  # Django's and other packages' own: none makes rows in an empty database
        found += [(models, op.code) for op in migration.operations if isinstance(op, RunPython)]
    return found


def restore_migration_data():
    """What the data migrations make (roles, the risk scales, bands and appetite, the glossary): after a
    transactional test's flush emptied the tables, and in the test databases, which are made from the
    models rather than by the migrations."""
    for models, function in data_migrations():
        function(models, None)


MIGRATION_MODULES, MIGRATE_COMMAND = settings.MIGRATION_MODULES, migrate.Command


@pytest.fixture(scope="session")
def django_db_use_migrations():
    """On SQLite each worker's test database is made from the models, as `migrate --run-syncdb` would,
    rather than by running some 70 migrations (about 25 seconds of CPU a worker): tests/test_migrations.py
    proves that the migrations make the same tables and rows. On PostgreSQL they differ (the migrations
    give auth's many-to-many tables a bigint id), so the PostgreSQL run migrates."""
    return connection.vendor != "sqlite"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_use_migrations, django_db_blocker):
    """The test database as the migrations would leave it: every migration recorded as applied (backups
    list them) and the data migrations' rows."""
    if django_db_use_migrations:
        yield
        return
    settings.MIGRATION_MODULES, migrate.Command = MIGRATION_MODULES, MIGRATE_COMMAND  # pytest-django's, undone
    with django_db_blocker.unblock():
        recorder = MigrationRecorder(connection)
        for app_label, name in MigrationLoader(connection).disk_migrations:
            recorder.record_applied(app_label, name)
        restore_migration_data()
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what an earlier test cached (the glossary's terms) was rolled
    back from the database with that test, but not from the cache."""
    cache.clear()


CAST = ["anonymous", "owner", "other_officer", "igteam", "board", "committee", "admin"]


def transactional(item) -> bool:
    """A test that commits (a live server, transaction=True): it empties the tables when it ends, the
    rows the data migrations made (roles, risk scales, glossary) included."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool(fixtures & {"live_server", "transactional_db"})


def pytest_collection_modifyitems(items):
    """Transactional tests last, as pytest-django orders them (each worker runs its share in this
    order, so no test meets the empty tables one leaves behind); within each kind, slow tests first
    (so none starts as the other worker runs out of work). Tests marked sqlite_only (and browser
    tests, which check what a browser shows) check what cannot differ by database engine: the
    PostgreSQL run skips them rather than prove the same thing twice."""
    items.sort(key=lambda item: (transactional(item), item.get_closest_marker("slow") is None))
    if connection.vendor == "sqlite":
        return
    skip = pytest.mark.skip(reason="cannot differ by database engine: checked in the SQLite run")
    for item in items:
        if item.get_closest_marker("sqlite_only") or item.get_closest_marker("browser"):
            item.add_marker(skip)


def make_user(username, role=None, first="", last="", **extra):
    user = User.objects.create_user(username, f"{username}@example.gov.uk", "a-Long-test-passw0rd",
                                    first_name=first, last_name=last, **extra)
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@contextmanager
def made_once(django_db_blocker):
    """For a module-scoped fixture: what it makes inside is seen by each of the module's tests and gone
    after the last. One transaction, rolled back at the end; each test's own transaction nests in it
    as a savepoint, as with Django's setUpTestData. Not for modules with transactional tests."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# member -> (username, role, first name, last name); the admin is a superuser in no group.
PEOPLE = {
    "owner": ("owner", roles.OFFICER, "Olwen", "Ownerby"),
    "other_officer": ("other", roles.OFFICER, "Otto", "Otherton"),
    "igteam": ("igteam", roles.IG_TEAM, "Imogen", "Governa"),
    "board": ("board", roles.BOARD, "Barnaby", "Boardman"),
    "committee": ("committee", roles.COMMITTEE, "Cora", "Committee"),
    "admin": ("admin", None, "Ada", "Administrator"),
}


def make_member(member):
    extra = {"is_superuser": True, "is_staff": True} if member == "admin" else {}
    return make_user(*PEOPLE[member], **extra)


def make_cast():
    """Name -> user for every member of the cast (None for anonymous)."""
    return {"anonymous": None, **{member: make_member(member) for member in PEOPLE}}


def make_objects(cast):
    """One of each object the project's URLs need (tests/access.py OBJECT_BUILDERS), the owner's."""
    from tests import access

    made = {}
    for build in access.OBJECT_BUILDERS:
        made.update(build(cast))
    return made


@pytest.fixture(scope="module")
def cast_and_objects_once(django_db_setup, django_db_blocker):
    """The cast and their objects made once for a whole module that only reads them (pages, URLs):
    the tests of a parametrised sweep share them instead of making them for each case."""
    with made_once(django_db_blocker):
        with django_db_blocker.unblock():
            cast = make_cast()
            made = make_objects(cast)
        yield cast, made


@pytest.fixture
def owner(db):
    return make_member("owner")


@pytest.fixture
def other_officer(db):
    return make_member("other_officer")


@pytest.fixture
def igteam(db):
    return make_member("igteam")


@pytest.fixture
def board(db):
    return make_member("board")


@pytest.fixture
def committee(db):
    return make_member("committee")


@pytest.fixture
def admin_user(db):
    return make_member("admin")


@pytest.fixture
def cast(owner, other_officer, igteam, board, committee, admin_user):
    """Name -> user for every member of the cast (None for anonymous)."""
    return {"anonymous": None, "owner": owner, "other_officer": other_officer, "igteam": igteam,
            "board": board, "committee": committee, "admin": admin_user}


@pytest.fixture
def objects(cast):
    """One of each object the project's URLs need (tests/access.py OBJECT_BUILDERS), the owner's."""
    return make_objects(cast)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def login():
    """login(user) -> a Django test client signed in as that user (anonymous for None)."""
    return client_for
