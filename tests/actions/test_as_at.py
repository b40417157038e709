"""A plan's position as it stood at an earlier moment, read from the history (for committee reports)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from actions.models import Action

S = Action.Status
LONDON = ZoneInfo("Europe/London")


def test_the_position_as_at_a_meeting_ignores_later_changes(make_action, plan):
    with time_machine.travel(datetime(2016, 10, 1, 9, tzinfo=LONDON)):
        first = make_action("A01", status=S.IN_PROGRESS)
        make_action("A02", status=S.NOT_STARTED)
    with time_machine.travel(datetime(2016, 11, 20, 9, tzinfo=LONDON)):
        first.status, first.completion_date = S.COMPLETED, date(2016, 11, 18)
        first.save()
        make_action("A03", status=S.NOT_STARTED)
    meeting = datetime(2016, 10, 24, 18, tzinfo=LONDON)
    then = Action.status_counts_as_at(meeting, plan=plan)
    assert (then.total, then.completed, then.in_progress, then.not_started) == (2, 0, 1, 1)
    now = Action.status_counts_as_at(datetime(2017, 1, 1, tzinfo=LONDON), plan=plan)
    assert (now.total, now.completed, now.in_progress, now.not_started) == (3, 1, 0, 2)
    assert now.completed + now.in_progress + now.not_started == now.total - now.superseded
