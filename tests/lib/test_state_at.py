"""`state_at`, the one "as at" read of every register: each record's latest history row up to a moment,
records deleted by then left out; and it reads an index per record, never the whole history."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from actions.models import Action
from igov.lib.history import state_at
from risks.models import RiskAppetite, RiskCategory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
START = datetime(2021, 3, 1, 9, tzinfo=LONDON)


def latest_rows_by_hand(model, when) -> set[tuple[int, int]]:
    """(record id, history id) of each record's latest row up to `when`, read row by row in Python."""
    latest = {}
    for row in model.history.order_by("history_date", "history_id"):
        if row.history_date <= when:
            latest[row.id] = row
    return {(pk, row.history_id) for pk, row in latest.items() if row.history_type != "-"}


def test_each_record_as_it_stood_at_every_moment_of_its_story():
    appetite = RiskAppetite.objects.order_by("pk").first()
    with time_machine.travel(START, tick=False):
        kept = RiskCategory.objects.create(name="Kept", appetite=appetite)
        gone = RiskCategory.objects.create(name="Deleted", appetite=appetite)
    with time_machine.travel(START + timedelta(days=1), tick=False):
        kept.description = "Reworded"
        kept.save()
        kept.description = "Reworded again in the same instant"  # two rows at one moment: the later one wins
        kept.save()
    with time_machine.travel(START + timedelta(days=2), tick=False):
        gone_pk = gone.pk
        gone.delete()
    with time_machine.travel(START + timedelta(days=3), tick=False):
        RiskCategory.objects.create(pk=gone_pk, name="Deleted, then made again", appetite=appetite)
        kept.delete()
    moments = [START - timedelta(days=1), *(START + timedelta(days=d, hours=h) for d in range(4) for h in (0, 1))]
    for when in moments:
        rows = set(state_at(RiskCategory, when).values_list("id", "history_id"))
        assert rows == latest_rows_by_hand(RiskCategory, when), when
    names = set(state_at(RiskCategory, START + timedelta(days=1, hours=1)).values_list("name", "description"))
    assert {("Kept", "Reworded again in the same instant"), ("Deleted", "")} <= names
    assert ("Deleted", "") not in set(state_at(RiskCategory, START + timedelta(days=2)).values_list("name",
                                                                                                    "description"))


@pytest.mark.sqlite_only
def test_the_read_probes_indexes_and_never_scans_the_history():
    """Its cost follows the number of records, not the depth of their history: SQLite's plan searches
    the history table by its indexes (the creation rows, then each record's latest row), no full scan."""
    query = state_at(Action, START).values("id").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    table = Action.history.model._meta.db_table
    assert not [step for step in plan if step.startswith(f"SCAN {table}")], plan
    assert [step for step in plan if "USING" in step and "INDEX" in step], plan
