"""The IG team changes the status of several actions: first a check page that names every action that
will change, then exactly those are changed, each in its history as the IG team member's. A filter that
no longer applies, a count that moved or an action changed meanwhile changes nothing."""
from datetime import date

import pytest
from django.utils import timezone

from actions.models import Action
from tests.html_forms import form_data
from tests.units import legal

S = Action.Status
CHECK, CONFIRM = "/actions/list/bulk-status/", "/actions/list/bulk-status/confirm/"


def confirm(client, check_page, **ticked):
    """Submits the check page's form as shown, with any boxes the person ticks."""
    return client.post(CONFIRM, {**form_data(check_page, CONFIRM), **ticked}, follow=True)


def statuses():
    return dict(Action.objects.values_list("reference", "status"))


def test_the_check_page_says_how_many_actions_will_change_and_changes_nothing(make_action, login, igteam):
    a, b = make_action("A01"), make_action("A02")
    page = login(igteam).post(CHECK, {"selected": [a.pk, b.pk], "status": "in_progress"})
    assert page.status_code == 200
    assert "This will change 2 actions to “In progress”." in page.content.decode()
    assert statuses() == {"A01": S.NOT_STARTED, "A02": S.NOT_STARTED}
    assert a.history.count() == 1


def test_ig_team_changes_the_checked_actions_each_recorded_as_their_change(make_action, login, igteam):
    a, b = make_action("A01"), make_action("A02")
    client = login(igteam)
    response = confirm(client, client.post(CHECK, {"selected": [a.pk, b.pk], "status": "in_progress"}))
    assert "2 actions marked in progress." in response.content.decode()
    for action in (a, b):
        action.refresh_from_db()
        assert action.status == S.IN_PROGRESS and action.version == 2
        latest = action.history.first()
        assert latest.history_user == igteam and latest.history_change_reason == "Bulk status update"


def test_bulk_completion_sets_the_completion_date(make_action, login, igteam):
    a = make_action("A01", status=S.IN_PROGRESS, evidence="Policy approved")
    client = login(igteam)
    confirm(client, client.post(CHECK, {"selected": [a.pk], "status": "completed"}))
    a.refresh_from_db()
    assert a.status == S.COMPLETED and a.completion_date == timezone.localdate()


def test_a_completed_action_keeps_its_completion_date_when_marked_completed_again(make_action, login, igteam):
    done = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    other = make_action("A02", status=S.IN_PROGRESS, evidence="Minutes")
    client = login(igteam)
    page = client.post(CHECK, {"selected": [done.pk, other.pk], "status": "completed"})
    assert "This will change 1 action to “Completed”." in page.content.decode()
    assert "A01: already completed" in page.content.decode()
    confirm(client, page)
    done.refresh_from_db()
    assert done.completion_date == date(2016, 12, 1) and done.version == 1


def test_moving_a_completed_action_out_of_completed_needs_its_own_confirmation(make_action, login, igteam):
    done = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    client = login(igteam)
    page = client.post(CHECK, {"selected": [done.pk], "status": "not_started"})
    text = page.content.decode()
    assert "will lose its completion date: A01 (completed 1 December 2016)" in text
    refused = confirm(client, page)
    assert "A01 is completed: confirm that it should lose its completion date" in refused.content.decode()
    done.refresh_from_db()
    assert (done.status, done.completion_date) == (S.COMPLETED, date(2016, 12, 1))

    confirm(client, page, leave_completed="on")
    done.refresh_from_db()
    assert (done.status, done.completion_date) == (S.NOT_STARTED, None)
    assert done.history.first().history_user == igteam


def test_ticked_signed_off_actions_are_refused(make_action, login, igteam, board):
    a = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    a.sign_off(board, "IMSG", date(2017, 1, 12))
    response = login(igteam).post(CHECK, {"selected": [a.pk], "status": "in_progress"}, follow=True)
    assert "signed off or superseded and cannot be changed in bulk: A01" in response.content.decode()
    a.refresh_from_db()
    assert a.status == S.COMPLETED


def test_only_the_ig_team_changes_status_in_bulk_at_either_step(make_action, login, owner, board, igteam):
    a = make_action("A01")
    client = login(igteam)
    page = client.post(CHECK, {"selected": [a.pk], "status": "in_progress"})
    for user in (owner, board):
        assert login(user).post(CHECK, {"selected": [a.pk], "status": "in_progress"}).status_code == 403
        assert login(user).post(CONFIRM, form_data(page, CONFIRM)).status_code == 403
    a.refresh_from_db()
    assert a.status == S.NOT_STARTED and a.version == 1


def test_every_matching_action_is_listed_for_checking_and_signed_off_ones_are_left_alone(make_action, login,
                                                                                       igteam, board):
    a = make_action("A01", status=S.IN_PROGRESS, scope_area="records", evidence="Schedule")
    b = make_action("A02", status=S.NOT_STARTED, scope_area="records", evidence="Policy")
    signed = make_action("A03", status=S.COMPLETED, completion_date=date(2016, 12, 1), scope_area="records")
    signed.sign_off(board, "IMSG", date(2017, 1, 12))
    other = make_action("A04", status=S.NOT_STARTED, scope_area="training")
    client = login(igteam)
    page = client.post(CHECK, {"all_matching": "on", "matching_count": 3, "status": "completed",
                               "next": "?scope_area=records"})
    assert "This will change 2 actions to “Completed”." in page.content.decode()
    assert "A03: signed off" in page.content.decode()
    response = confirm(client, page)
    assert "2 actions marked completed." in response.content.decode()
    assert statuses() == {"A01": "completed", "A02": "completed", "A03": "completed", "A04": "not_started"}
    assert a.history.first().history_user == igteam and other.history.count() == 1
    assert b.history.first().history_change_reason == "Bulk status update"


def test_the_list_offers_every_matching_action_with_the_count_it_shows(make_action, login, igteam):
    make_action("A01", scope_area="records")
    make_action("A02", scope_area="training")
    page = login(igteam).get("/actions/list/?scope_area=records")
    data = form_data(page, CHECK)
    assert data["matching_count"] == ["1"] and data["next"] == ["?scope_area=records"]
    assert "All 1 action that match the filters" in page.content.decode()


@pytest.mark.parametrize("query", [
    "?status=zzz",                       # a value that never was a choice
    "?unit=NO-SUCH-UNIT",                # a unit code that no longer exists
    "?owner=999999",                     # an owner who no longer owns anything (or left)
    "?scope_area=records&directorate=3", # a filter the list does not have (an old bookmark)
])
def test_a_filter_that_no_longer_applies_is_refused_and_changes_nothing(query, make_action, login, igteam):
    for n in range(3):
        make_action(f"A{n:02d}", status=S.COMPLETED, completion_date=date(2016, 12, 1), unit=legal(),
                    scope_area="records")
    response = login(igteam).post(CHECK, {"all_matching": "on", "matching_count": 3, "status": "not_started",
                                          "next": query}, follow=True)
    text = response.content.decode()
    assert "The list’s filters cannot be applied as they were, so nothing has been changed" in text
    assert "This will change" not in text
    assert set(statuses().values()) == {S.COMPLETED}
    assert set(Action.objects.values_list("completion_date", flat=True)) == {date(2016, 12, 1)}


def test_filters_that_now_match_more_actions_than_the_list_showed_are_refused(make_action, login, igteam):
    make_action("A01", scope_area="records")
    make_action("A02", scope_area="records")  # added after the list showed one
    response = login(igteam).post(CHECK, {"all_matching": "on", "matching_count": 1, "status": "in_progress",
                                          "next": "?scope_area=records"}, follow=True)
    assert "The filters now match 2 actions, not the 1 the list showed" in response.content.decode()
    assert set(statuses().values()) == {S.NOT_STARTED}


def test_confirming_changes_only_the_actions_checked_even_when_more_now_match(make_action, login, igteam):
    make_action("A01", scope_area="records")
    client = login(igteam)
    page = client.post(CHECK, {"all_matching": "on", "matching_count": 1, "status": "in_progress",
                               "next": "?scope_area=records"})
    make_action("A02", scope_area="records")  # arrives between the check and the confirmation
    confirm(client, page)
    assert statuses() == {"A01": S.IN_PROGRESS, "A02": S.NOT_STARTED}


def test_a_confirmation_whose_count_does_not_match_its_actions_is_refused(make_action, login, igteam):
    a, b = make_action("A01"), make_action("A02")
    client = login(igteam)
    page = client.post(CHECK, {"selected": [a.pk], "status": "in_progress"})
    data = form_data(page, CONFIRM)
    data["seen"] = [*data["seen"], f"{b.pk}:{b.version}"]  # one more than the page showed
    response = client.post(CONFIRM, data, follow=True)
    assert "You were shown 1 records but 2 came back: nothing has been changed." in response.content.decode()
    assert set(statuses().values()) == {S.NOT_STARTED}


def test_bulk_update_needs_a_choice_of_actions(login, igteam):
    response = login(igteam).post(CHECK, {"status": "completed"}, follow=True)
    assert "Select the actions to change" in response.content.decode()


def test_the_bulk_status_starts_blank_and_a_change_without_one_is_refused(make_action, login, igteam):
    a = make_action("A01", status=S.IN_PROGRESS)
    client = login(igteam)
    page = client.get("/actions/list/").content.decode()
    assert '<option value="" selected>Choose a status</option>' in page
    response = client.post(CHECK, {"selected": [a.pk], "status": ""}, follow=True)
    assert "Choose the status to move the actions to." in response.content.decode()
    a.refresh_from_db()
    assert a.status == S.IN_PROGRESS and a.version == 1
