"""Overdue, due soon and RAG are derived from the date, never stored."""
from datetime import date, timedelta

import time_machine

from actions.models import Action
from igov.accounts import roles
from tests.actions.conftest import TODAY
from tests.conftest import make_user

S = Action.Status


def test_an_action_becomes_overdue_the_day_after_its_target(make_action):
    action = make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2017, 1, 16))
    assert not Action.objects.overdue(date(2017, 1, 16)).exists()
    assert list(Action.objects.overdue(date(2017, 1, 17))) == [action]
    assert action.is_overdue(date(2017, 1, 17)) and not action.is_overdue(date(2017, 1, 16))
    assert action.days_overdue(date(2017, 1, 20)) == 4


def test_a_revised_target_date_replaces_the_original(make_action):
    action = make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2016, 10, 1),
                         revised_target_date=date(2017, 3, 31), revision_reason="Records Manager not yet recruited")
    assert not Action.objects.overdue(TODAY).exists()
    assert not action.is_overdue(TODAY)
    assert Action.objects.overdue(date(2017, 4, 1)).get() == action


def test_completed_and_superseded_actions_are_never_overdue(make_action):
    make_action("A01", status=S.COMPLETED, completion_date=date(2016, 11, 1))
    make_action("A02", status=S.SUPERSEDED, superseded_reason="Superseded by individual data sharing agreements")
    assert not Action.objects.overdue(TODAY).exists()


def test_superseded_actions_are_excluded_from_outstanding(make_action):
    started = make_action("A01", status=S.IN_PROGRESS)
    waiting = make_action("A02", status=S.NOT_STARTED)
    make_action("F01", status=S.SUPERSEDED, superseded_reason="Superseded by individual data sharing agreements")
    assert set(Action.objects.outstanding()) == {started, waiting}


def test_due_soon_means_within_thirty_days(make_action):
    soon = make_action("A01", status=S.NOT_STARTED, original_target_date=TODAY + timedelta(days=30))
    make_action("A02", status=S.NOT_STARTED, original_target_date=TODAY + timedelta(days=31))
    assert list(Action.objects.due_soon(TODAY)) == [soon]
    assert soon.is_due_soon(TODAY)


def test_rag_follows_the_rule_in_the_key(make_action):
    red = make_action("A01", status=S.IN_PROGRESS, original_target_date=TODAY - timedelta(days=1))
    amber = make_action("A02", status=S.IN_PROGRESS, original_target_date=TODAY + timedelta(days=10))
    green = make_action("A03", status=S.IN_PROGRESS, original_target_date=TODAY + timedelta(days=90))
    awaiting = make_action("A04", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    superseded = make_action("A05", status=S.SUPERSEDED, superseded_reason="Replaced by A01")
    assert [a.rag(TODAY) for a in (red, amber, green, awaiting, superseded)] == [
        "red", "amber", "green", "awaiting", "closed"]
    awaiting.sign_off(make_user("bea", roles.BOARD), "IMSG", date(2017, 1, 12))
    assert awaiting.rag(TODAY) == "closed" and str(Action.Rag.AWAITING.label) == "Awaiting sign-off"


def test_the_overdue_count_on_the_plan_page_moves_with_the_date(make_action, plan, login, igteam):
    make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2017, 2, 1))
    with time_machine.travel(date(2017, 1, 31)):
        assert "No action in this plan is overdue" in login(igteam).get(f"/actions/plans/{plan.pk}/").content.decode()
    with time_machine.travel(date(2017, 2, 2)):
        page = login(igteam).get(f"/actions/plans/{plan.pk}/").content.decode()
        assert "overdue=overdue\">1</a> outstanding action is past its target date" in page
