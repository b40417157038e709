"""Dated history made in bulk for the benchmarks (igov.lib.bench.add_history)."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from actions.models import Action, ActionPlan
from igov.lib.bench import add_history


@pytest.fixture
def action(db):
    plan = ActionPlan.objects.create(title="ICO audit", source_kind="ico_audit")
    action = Action.objects.create(plan=plan, reference="A01", recommendation="Appoint a SIRO.",
                                   original_target_date=date(2026, 1, 31))
    action.history.update(history_date=timezone.now() - timedelta(days=400))
    return action


def regrade(values, n):
    return {"priority": "urgent"}


def test_it_adds_edits_each_undone_so_the_history_ends_where_the_record_stands(action):
    assert add_history({Action: regrade}, 9, until=timezone.now()) == 9
    rows = list(action.history.order_by("history_date"))
    assert len(rows) == 10
    assert [r.priority for r in rows[1:]] == ["urgent", "medium"] * 4 + ["medium"]
    assert Action.history.as_of(timezone.now()).get().priority == action.priority == "medium"


def test_it_dates_the_edits_within_the_record_s_life(action):
    created = action.history.get().history_date
    add_history({Action: regrade}, 20, until=timezone.now())
    dates = list(action.history.values_list("history_date", flat=True))
    assert created == min(dates) and max(dates) < timezone.now()
