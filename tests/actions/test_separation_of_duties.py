"""Nobody signs off their own work, even when they hold both the Officer (or IG team) and the Sign-off
board roles: not the action's owner, not the person who marked it completed. One rule
(ActionQuerySet.check_sign_off) on every path: the sign-off page, both steps of the bulk sign-off,
and the admin, which cannot make or change sign-offs at all."""
from datetime import date

import pytest
from django.contrib.auth.models import Group

from actions.models import Action, SignOff
from igov.accounts import roles
from tests.conftest import make_user
from tests.html_forms import form_data

S = Action.Status
DONE = {"status": S.COMPLETED, "completion_date": date(2016, 12, 1)}
CHECK, CONFIRM = "/actions/list/bulk-sign-off/", "/actions/list/bulk-sign-off/confirm/"


@pytest.fixture
def owner_on_board(owner):
    """The cast's owner, who also sits on the sign-off board."""
    owner.groups.add(Group.objects.get_or_create(name=roles.BOARD)[0])
    return owner


@pytest.fixture
def igteam_on_board(igteam):
    igteam.groups.add(Group.objects.get_or_create(name=roles.BOARD)[0])
    return igteam


def sign_off_post(action):
    return {"signed_on": "2017-01-12", "meeting": "IMSG", "seen_version": action.version}


def mark_completed(client, action):
    """Marks the action completed through its edit page, as the signed-in person."""
    response = client.post(f"/actions/{action.pk}/edit/", {
        "reference": action.reference, "recommendation": action.recommendation, "response": action.response,
        "agreed_action": "", "scope_area": action.scope_area, "priority": action.priority,
        "owner": action.owner_id, "unit": "", "original_target_date": "2016-12-31", "status": "completed",
        "completion_date": "2016-12-01", "evidence": "Policy published", "seen_version": action.version})
    assert response.status_code == 302, response.content.decode()
    action.refresh_from_db()
    return action


def test_an_owner_on_the_board_cannot_sign_off_their_own_action(make_action, login, owner_on_board):
    action = make_action("A01", **DONE)
    client = login(owner_on_board)
    message = "You cannot sign off your own work: A01 (you own it). Another member of the board must sign it off."
    page = client.get(f"/actions/{action.pk}/sign-off/").content.decode()
    assert message in page and 'name="signed_on"' not in page
    assert f"/actions/{action.pk}/sign-off/" not in client.get(f"/actions/{action.pk}/").content.decode()
    assert message in client.post(f"/actions/{action.pk}/sign-off/", sign_off_post(action)).content.decode()
    assert not SignOff.objects.exists()


def test_a_board_member_who_marked_the_action_completed_cannot_sign_it_off(make_action, login, igteam_on_board):
    action = mark_completed(login(igteam_on_board), make_action("A01", status=S.IN_PROGRESS))
    response = login(igteam_on_board).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action))
    assert "You cannot sign off your own work: A01 (you marked it completed)." in response.content.decode()
    assert not SignOff.objects.exists()


def test_another_board_member_signs_off_the_same_action(make_action, login, igteam_on_board, board):
    action = mark_completed(login(igteam_on_board), make_action("A01", status=S.IN_PROGRESS))
    assert login(board).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action)).status_code == 302
    assert SignOff.objects.get(action=action).signed_by == board


def test_whoever_completed_it_last_is_the_one_kept_from_signing(make_action, login, igteam_on_board, owner, board):
    action = mark_completed(login(igteam_on_board), make_action("A01", status=S.IN_PROGRESS))
    action.reopen(board, "Evidence was a draft")
    action = mark_completed(login(owner), action)  # the owner completes it again
    assert action.sign_off_refusals(igteam_on_board) == []
    assert Action.objects.filter(pk=action.pk).completed_by() == {action.pk: owner.pk}


def test_bulk_sign_off_refuses_own_work_naming_each_action_and_signs_none(make_action, login, igteam_on_board,
                                                                          other_officer):
    owned = make_action("A01", owner=igteam_on_board, **DONE)
    marked = mark_completed(login(igteam_on_board), make_action("A02", status=S.IN_PROGRESS, owner=other_officer))
    fine = make_action("A03", owner=other_officer, **DONE)
    response = login(igteam_on_board).post(CHECK, {"selected": [owned.pk, marked.pk, fine.pk],
                                                  "signed_on": "2017-01-12"}, follow=True)
    assert ("You cannot sign off your own work: A01 (you own it), A02 (you marked it completed). Another member "
            "of the board must sign them off.") in response.content.decode()
    assert "This will sign off" not in response.content.decode()
    assert not SignOff.objects.exists()


def test_a_confirmation_for_an_own_action_is_refused_at_the_last_step(make_action, login, owner_on_board, board):
    action = make_action("A01", **DONE)
    page = login(board).post(CHECK, {"selected": [action.pk], "signed_on": "2017-01-12"})  # a colleague's check
    response = login(owner_on_board).post(CONFIRM, form_data(page, CONFIRM) | {"signed_on": "2017-01-12",
                                                                               "meeting": "IMSG"}, follow=True)
    assert "You cannot sign off your own work: A01 (you own it)." in response.content.decode()
    assert not SignOff.objects.exists()


def test_the_admin_refuses_a_sign_off_dated_before_completion_or_without_a_meeting(make_action, login, admin_user,
                                                                                   board):
    action = make_action("A01", evidence="Policy approved", **DONE)  # completed 1 December 2016
    client = login(admin_user)
    add = {"action": action.pk, "signed_by": board.pk, "signed_on": "2016-11-30", "meeting": "IMSG"}
    early = client.post("/admin/actions/signoff/add/", add)
    assert "The sign-off date cannot be before A01 was completed (1 December 2016)." in early.content.decode()
    no_meeting = client.post("/admin/actions/signoff/add/", add | {"signed_on": "2017-01-12", "meeting": ""})
    assert SignOff.MEETING_REQUIRED in no_meeting.content.decode()
    assert not SignOff.objects.exists()
    assert client.post("/admin/actions/signoff/add/", add | {"signed_on": "2017-01-12"}).status_code == 302
    sign_off = SignOff.objects.get()
    assert (sign_off.signed_on, sign_off.evidence, sign_off.status) == (date(2017, 1, 12), "Policy approved",
                                                                        S.COMPLETED)
    moved = client.post(f"/admin/actions/signoff/{sign_off.pk}/change/", {
        "signed_by": board.pk, "signed_on": "2016-11-01", "meeting": "IMSG"})
    assert "The sign-off date cannot be before A01 was completed" in moved.content.decode()
    assert client.post(f"/admin/actions/signoff/{sign_off.pk}/delete/", {"post": "yes"}).status_code == 403
    sign_off.refresh_from_db()
    assert sign_off.signed_on == date(2017, 1, 12)


def test_an_officer_on_the_board_still_signs_off_a_colleagues_action(make_action, login, other_officer):
    both = make_user("both", roles.OFFICER, "Bo", "Th")
    both.groups.add(Group.objects.get_or_create(name=roles.BOARD)[0])
    action = make_action("A01", owner=other_officer, **DONE)
    assert login(both).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action)).status_code == 302
    assert SignOff.objects.get(action=action).signed_by == both
