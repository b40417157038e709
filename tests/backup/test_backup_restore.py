"""manage.py backup / restore: a backup restored into an empty database gives back every row,
and restore refuses a different schema version or a database in use unless forced."""
import gzip
import json
import stat

import pytest
from axes.models import AccessLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from igov.backup.archive import backup_data, immediate_constraints, row_counts
from tests.conftest import make_user
from tests.testapp.models import Note


def quiet(command, *args, **options):
    call_command(command, *args, stdout=open("/dev/null", "w"), **options)


def empty_the_database():
    """What `manage.py flush` leaves: every table empty but the migrations record."""
    with immediate_constraints(connection):
        quiet("flush", interactive=False)


@pytest.fixture
def populated(small):
    """Demo data for every register as well (for the round trip of every row; the other tests need
    only the kinds of row in `small`)."""
    quiet("seed_demo", force=True)
    return small


@pytest.fixture
def small(db, cast):
    """Rows of the kinds a real system gathers: users in groups, history, a two-factor device,
    sign-in logs, admin log entries, a session."""
    note = Note.objects.create(title="Retention schedule =SUM(1)", body="Line one\nLine two ✓")
    note.title = "Retention schedule (revised)"
    note.save()
    TOTPDevice.objects.create(user=cast["admin"], name="Phone", confirmed=True)
    AccessLog.objects.create(username="owner", ip_address="192.0.2.10", user_agent="Firefox")
    LogEntry.objects.log_actions(cast["admin"].pk, [note], ADDITION, single_object=True)
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    return cast


def comparable(data):
    """The backup's rows, ignoring when it was made; m2m lists sorted."""
    rows = []
    for row in data["objects"]:
        fields = {name: sorted(value, key=repr) if isinstance(value, list) else value
                  for name, value in row["fields"].items()}
        rows.append((row["model"], row["pk"], json.dumps(fields, sort_keys=True, default=str)))
    return sorted(rows)


def test_a_backup_restored_into_an_empty_database_gives_back_every_row(populated, tmp_path):
    path = tmp_path / "igov.json"
    before = row_counts()
    first = backup_data()
    quiet("backup", str(path))

    empty_the_database()
    assert not User.objects.exists()
    quiet("restore", str(path))

    assert row_counts() == before
    assert comparable(backup_data()) == comparable(first)
    assert User.objects.get(username="owner").check_password("a-Long-test-passw0rd")
    assert Note.objects.get().history.count() == 2
    assert Group.objects.filter(user__username="owner").exists()


def test_a_backup_holds_rows_of_every_table_but_sessions_and_live_locks(small):
    data = backup_data()

    labels = {row["model"] for row in data["objects"]}

    assert {"auth.user", "auth.group", "contenttypes.contenttype", "testapp.note", "testapp.historicalnote",
            "otp_totp.totpdevice", "axes.accesslog", "admin.logentry"} <= labels
    assert "sessions.session" not in labels
    assert data["counts"]["auth.User"] == User.objects.count()


def test_restoring_ends_every_session(small, tmp_path):
    path = tmp_path / "igov.json"
    quiet("backup", str(path))

    quiet("restore", str(path), force=True)

    assert not Session.objects.exists()


def test_content_types_keep_their_ids_so_generic_links_survive(small, tmp_path):
    path = tmp_path / "igov.json"
    entry = LogEntry.objects.get()
    quiet("backup", str(path))
    empty_the_database()
    ContentType.objects.all().delete()
    ContentType.objects.create(app_label="zzz", model="placeholder")  # shifts ids a fresh migrate would give

    quiet("restore", str(path))

    assert LogEntry.objects.get().get_edited_object() == Note.objects.get()
    assert LogEntry.objects.get().content_type_id == entry.content_type_id


def test_restore_refuses_a_database_in_use(small, tmp_path):
    path = tmp_path / "igov.json"
    quiet("backup", str(path))
    Note.objects.create(title="Added after the backup")

    with pytest.raises(CommandError, match="already holds user accounts"):
        quiet("restore", str(path))

    assert Note.objects.filter(title="Added after the backup").exists()


def test_restore_with_force_replaces_a_database_in_use(small, tmp_path):
    path = tmp_path / "igov.json"
    quiet("backup", str(path))
    Note.objects.create(title="Added after the backup")
    make_user("newcomer")

    quiet("restore", str(path), force=True)

    assert not Note.objects.filter(title="Added after the backup").exists()
    assert not User.objects.filter(username="newcomer").exists()


def test_restore_refuses_a_backup_from_a_different_schema_version(small, tmp_path):
    path = tmp_path / "igov.json"
    quiet("backup", str(path))
    data = json.loads(path.read_text())
    data["migrations"].remove("testapp.0001_initial")
    data["migrations"].append("risks.9999_from_the_future")
    path.write_text(json.dumps(data))
    empty_the_database()

    with pytest.raises(CommandError, match="different schema version") as refused:
        quiet("restore", str(path), force=True)

    assert "risks.9999_from_the_future" in str(refused.value)
    assert "testapp.0001_initial" in str(refused.value)
    assert not User.objects.exists()


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps([{"model": "auth.user", "pk": 1, "fields": {}}]))

    with pytest.raises(CommandError, match="not an igov backup"):
        quiet("restore", str(path))


def test_a_gz_backup_is_compressed_and_restores(small, tmp_path):
    path = tmp_path / "igov.json.gz"
    before = row_counts()
    quiet("backup", str(path))
    assert json.loads(gzip.decompress(path.read_bytes()))["format"] == "igov-backup"

    empty_the_database()
    quiet("restore", str(path))

    assert row_counts() == before


def test_the_backup_file_is_readable_by_its_owner_only(small, tmp_path):
    path = tmp_path / "igov.json"
    quiet("backup", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_times_are_kept_to_the_microsecond(small, tmp_path):
    path = tmp_path / "igov.json"
    joined = User.objects.get(username="owner").date_joined
    quiet("backup", str(path))
    empty_the_database()

    quiet("restore", str(path))

    assert User.objects.get(username="owner").date_joined == joined
