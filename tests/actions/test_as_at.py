"""A plan's position as it stood at an earlier moment, read from the history: status counts, the
board's sign-offs as they stood then, and overdue judged on that day with the target dates in force then."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from actions.models import Action, PlanPosition
from igov.lib.dates import end_of

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


def figures(position: PlanPosition) -> dict:
    return {"total": position.total, "completed": position.completed, "signed_off": position.signed_off,
            "in_progress": position.in_progress, "not_started": position.not_started,
            "superseded": position.superseded, "overdue": position.overdue}


def test_the_position_in_october_counts_both_late_actions_overdue(three_periods):
    position = Action.position_as_at(end_of(date(2016, 10, 24)), three_periods)
    assert figures(position) == {"total": 4, "completed": 0, "signed_off": 0, "in_progress": 2,
                                 "not_started": 2, "superseded": 0, "overdue": 2}


def test_the_position_in_november_counts_the_signed_off_action_and_the_revised_target(three_periods):
    position = Action.position_as_at(end_of(date(2016, 11, 20)), three_periods)
    # A04 is no longer overdue: its revised target (31 January) was in force; A03 (1 November) is.
    assert figures(position) == {"total": 5, "completed": 1, "signed_off": 1, "in_progress": 2,
                                 "not_started": 1, "superseded": 1, "overdue": 1}


def test_the_position_in_january_counts_the_reopened_action_in_progress_and_not_signed_off(three_periods):
    position = Action.position_as_at(end_of(date(2017, 1, 16)), three_periods)
    assert figures(position) == {"total": 5, "completed": 1, "signed_off": 0, "in_progress": 3,
                                 "not_started": 0, "superseded": 1, "overdue": 2}


def test_a_reopened_action_counts_as_signed_off_before_the_reopening_and_not_after(three_periods):
    assert Action.position_as_at(end_of(date(2017, 1, 9)), three_periods).signed_off == 1
    assert Action.position_as_at(end_of(date(2017, 1, 10)), three_periods).signed_off == 0


def test_overdue_is_judged_with_the_target_date_in_force_then(three_periods):
    a04 = Action.objects.get(reference="A04")
    # 24 October: the original target (20 October) was in force and had passed. The revision made in
    # November does not reach back.
    october = Action.overdue_as_at(end_of(date(2016, 10, 24)), three_periods)
    assert "A04" in [a.reference for a in october]
    assert [a.revised_target_date for a in october if a.pk == a04.pk] == [None]
    november = Action.overdue_as_at(end_of(date(2016, 11, 20)), three_periods)
    assert [a.reference for a in november] == ["A03"]
    # Today's rule on today's data says the same as the as-at rule on the latest history.
    assert Action.objects.overdue(date(2017, 1, 16)).count() == Action.position_as_at(
        end_of(date(2017, 1, 16)), three_periods).overdue


def test_the_parts_add_up_to_the_total_at_every_date(three_periods):
    for day in [date(2016, 9, 30), date(2016, 10, 1), date(2016, 10, 24), date(2016, 11, 10),
                date(2016, 11, 20), date(2017, 1, 10), date(2017, 1, 16)]:
        p = Action.position_as_at(end_of(day), three_periods)
        assert p.completed + p.in_progress + p.not_started + p.superseded == p.total, day
        assert p.signed_off <= p.completed and p.overdue <= p.in_progress + p.not_started, day


def test_before_any_record_the_plan_has_no_position(three_periods):
    assert Action.positions_as_at(end_of(date(2016, 9, 30))) == {}
    assert Action.position_as_at(end_of(date(2016, 9, 30)), three_periods) == PlanPosition.none()


def test_the_position_now_from_the_live_tables_matches_the_latest_history(three_periods):
    with time_machine.travel(datetime(2017, 1, 16, 12, tzinfo=LONDON)):
        assert Action.position_as_at(None, three_periods) == Action.position_as_at(
            end_of(date(2017, 1, 16)), three_periods)


def test_the_sentence_agrees_in_number_and_adds_up(three_periods):
    position = Action.position_as_at(end_of(date(2016, 11, 20)), three_periods)
    assert position.sentence() == ("Of the 5 actions, 1 has been completed, 2 are in progress and 1 is yet to "
                                   "be started; 1 has been superseded.")
    assert position.signed_off_sentence() == "1 completed, of which 1 signed off by the board and 0 awaiting sign-off."
