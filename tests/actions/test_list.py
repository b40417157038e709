"""The action list: scoped, filtered, sorted, paginated; the IG team updates status in bulk."""
from datetime import date

from actions.models import Action

S = Action.Status


def refs(response):
    return [a.reference for a in response.context["page"].object_list]


def test_filters_by_status_owner_and_text(make_action, login, igteam, other_officer):
    make_action("A01", status=S.IN_PROGRESS, agreed_action="Publish the retention schedule")
    make_action("A02", status=S.NOT_STARTED, owner=other_officer)
    make_action("A03", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    client = login(igteam)
    assert refs(client.get("/actions/list/?status=outstanding")) == ["A01", "A02"]
    assert refs(client.get(f"/actions/list/?owner={other_officer.pk}")) == ["A02"]
    assert refs(client.get("/actions/list/?q=retention")) == ["A01"]


def test_filters_overdue_actions(make_action, login, igteam):
    make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2000, 1, 1))
    make_action("A02", status=S.IN_PROGRESS, original_target_date=date(2999, 1, 1))
    assert refs(login(igteam).get("/actions/list/?overdue=overdue")) == ["A01"]
    assert refs(login(igteam).get("/actions/list/?overdue=not_overdue")) == ["A02"]


def test_sorts_by_priority_most_urgent_first(make_action, login, igteam):
    make_action("A01", priority="low")
    make_action("A02", priority="urgent")
    make_action("A03", priority="high")
    assert refs(login(igteam).get("/actions/list/?sort=priority")) == ["A02", "A03", "A01"]


def test_the_list_is_paginated(make_action, login, igteam):
    for i in range(55):
        make_action(f"A{i:02d}")
    response = login(igteam).get("/actions/list/?page=2")
    assert refs(response) == [f"A{i:02d}" for i in range(50, 55)]


def test_ig_team_updates_status_in_bulk_recorded_as_their_changes(make_action, login, igteam):
    a, b = make_action("A01"), make_action("A02")
    response = login(igteam).post("/actions/list/bulk-status/", {"selected": [a.pk, b.pk], "status": "in_progress"})
    assert response.status_code == 302
    for action in (a, b):
        action.refresh_from_db()
        assert action.status == S.IN_PROGRESS and action.version == 2
        latest = action.history.first()
        assert latest.history_user == igteam and latest.history_change_reason == "Bulk status update"


def test_bulk_completion_sets_the_completion_date(make_action, login, igteam):
    a = make_action("A01", status=S.IN_PROGRESS)
    login(igteam).post("/actions/list/bulk-status/", {"selected": [a.pk], "status": "completed"})
    a.refresh_from_db()
    assert a.status == S.COMPLETED and a.completion_date is not None


def test_bulk_update_leaves_signed_off_actions_alone(make_action, login, igteam, board):
    a = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    a.sign_off(board, "IMSG", date(2017, 1, 12))
    response = login(igteam).post("/actions/list/bulk-status/", {"selected": [a.pk], "status": "in_progress"},
                                  follow=True)
    assert "signed off or superseded and cannot be changed in bulk: A01" in response.content.decode()
    a.refresh_from_db()
    assert a.status == S.COMPLETED


def test_officers_cannot_update_in_bulk(make_action, login, owner):
    a = make_action("A01")
    assert login(owner).post("/actions/list/bulk-status/", {"selected": [a.pk], "status": "in_progress"}
                             ).status_code == 403
    a.refresh_from_db()
    assert a.status == S.NOT_STARTED


def test_my_actions_shows_only_mine(make_action, login, owner, other_officer):
    make_action("A01", status=S.IN_PROGRESS)
    make_action("A02", owner=other_officer)
    response = login(owner).get("/actions/mine/")
    assert [a.reference for a in response.context["outstanding"]] == ["A01"]


def test_bulk_update_of_every_matching_action_skips_signed_off_ones(make_action, login, igteam, board):
    a = make_action("A01", status=S.IN_PROGRESS, scope_area="records")
    b = make_action("A02", status=S.NOT_STARTED, scope_area="records")
    signed = make_action("A03", status=S.COMPLETED, completion_date=date(2016, 12, 1), scope_area="records")
    signed.sign_off(board, "IMSG", date(2017, 1, 12))
    other = make_action("A04", status=S.NOT_STARTED, scope_area="training")
    response = login(igteam).post("/actions/list/bulk-status/", {
        "all_matching": "on", "status": "completed", "next": "?scope_area=records"}, follow=True)
    assert "2 actions marked completed. 1 signed-off or superseded action was left as before." in (
        response.content.decode())
    statuses = {x.reference: x.status for x in Action.objects.all()}
    assert statuses == {"A01": "completed", "A02": "completed", "A03": "completed", "A04": "not_started"}
    assert a.history.first().history_user == igteam and other.history.count() == 1
    assert b.history.first().history_change_reason == "Bulk status update"


def test_bulk_update_needs_a_choice_of_actions(login, igteam):
    response = login(igteam).post("/actions/list/bulk-status/", {"status": "completed"}, follow=True)
    assert "Select the actions to change" in response.content.decode()


def test_the_bulk_status_starts_blank_and_a_change_without_one_is_refused(make_action, login, igteam):
    a = make_action("A01", status=S.IN_PROGRESS)
    client = login(igteam)
    page = client.get("/actions/list/").content.decode()
    assert '<option value="" selected>Choose a status</option>' in page
    response = client.post("/actions/list/bulk-status/", {"selected": [a.pk], "status": ""}, follow=True)
    assert "Choose the status to move the actions to." in response.content.decode()
    a.refresh_from_db()
    assert a.status == S.IN_PROGRESS and a.version == 1
