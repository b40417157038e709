"""The as-at read and the as-at pages cost the same number of queries whatever the history's depth:
one history row per action, then ten."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action
from igov.lib.dates import end_of

S = Action.Status
LONDON = ZoneInfo("Europe/London")
WHEN = end_of(date(2016, 12, 1))


@pytest.fixture
def deep_history(make_action, board):
    """deepen(depth): twelve actions, half completed and signed off, each with `depth` rounds of history
    (the signed ones reopened, completed and signed off again; the others' target dates revised)."""
    with time_machine.travel(datetime(2016, 10, 1, 9, tzinfo=LONDON)):
        actions = [make_action(f"A{n:02}", status=S.IN_PROGRESS, original_target_date=date(2016, 11, 1))
                   for n in range(12)]
        for action in actions[:6]:
            action.status, action.completion_date = S.COMPLETED, date(2016, 9, 30)
            action.save()
            action.sign_off(board, "IMSG", date(2016, 10, 1))

    def deepen(rounds):
        with time_machine.travel(datetime(2016, 11, 1, 9, tzinfo=LONDON)):
            for _ in range(rounds):
                for action in actions[:6]:
                    action.reopen(board, "Checked again.")
                    action.status, action.completion_date = S.COMPLETED, date(2016, 10, 31)
                    action.save()
                    action.sign_off(board, "IMSG", date(2016, 11, 1))
                for n, action in enumerate(actions[6:]):
                    action.revised_target_date = date(2016, 11, 2 + n)
                    action.revision_reason = "Waiting for the supplier."
                    action.save()

    return deepen


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries.captured_queries)


def test_the_as_at_read_is_one_query_at_any_history_depth(deep_history, plan):
    for rounds in (0, 9):
        deep_history(rounds)
        assert queries_of(lambda: Action.positions_as_at(WHEN)) == 1
        assert queries_of(lambda: Action.position_as_at(WHEN, plan)) == 1
        assert queries_of(lambda: Action.overdue_as_at(WHEN, plan)) == 1
    position = Action.position_as_at(WHEN, plan)
    assert (position.total, position.completed, position.signed_off, position.overdue) == (12, 6, 6, 6)


def test_the_as_at_pages_keep_to_the_query_budget_at_any_history_depth(deep_history, plan, login, igteam,
                                                                       committee, django_assert_max_num_queries):
    urls = ["/actions/?on=2016-12-01", f"/actions/plans/{plan.pk}/?on=2016-12-01",
            "/actions/plans/export.csv?on=2016-12-01", "/actions/plans/export.xlsx?on=2016-12-01"]
    clients = {"igteam": login(igteam), "committee": login(committee)}
    deep_history(0)
    shallow = {(who, url): queries_of(lambda c=client, u=url: c.get(u))
               for who, client in clients.items() for url in urls}
    deep_history(9)
    for (who, url), count in shallow.items():
        assert count <= 15, f"{url} as {who}: {count} queries"
        with django_assert_max_num_queries(count):
            assert clients[who].get(url).status_code == 200
    print("as-at pages, queries at history depth 1 (no more at 10):", shallow)
