"""The board signs off several completed actions at one meeting: first a check page naming every action
to be signed and what each says, then exactly those are signed, each with its own snapshot, and each
sign-off and each action's history records the board member."""
from datetime import date

from actions.models import Action, SignOff
from tests.html_forms import form_data

S = Action.Status
CHECK, CONFIRM = "/actions/list/bulk-sign-off/", "/actions/list/bulk-sign-off/confirm/"
DONE = {"status": S.COMPLETED, "completion_date": date(2016, 12, 1)}


def check(client, *actions, follow=False):
    return client.post(CHECK, {"selected": [a.pk for a in actions]}, follow=follow)


def confirm(client, check_page, **fields):
    data = form_data(check_page, CONFIRM) | {"signed_on": "2017-01-12", "meeting": "IMSG, 12 January 2017"}
    return client.post(CONFIRM, data | fields, follow=True)


def test_the_check_page_says_how_many_actions_will_be_signed_off_and_signs_none(make_action, login, board):
    a, b = make_action("A01", **DONE), make_action("A02", **DONE)
    page = check(login(board), a, b)
    text = page.content.decode()
    assert "This will sign off 2 actions. Nothing has been signed yet." in text
    assert "A01" in text and "A02" in text
    assert not SignOff.objects.exists()


def test_board_signs_off_the_checked_actions_each_with_its_snapshot_and_their_name(make_action, login, board):
    a = make_action("A01", evidence="Policy", **DONE)
    b = make_action("A02", evidence="Minutes", **DONE)
    client = login(board)
    response = confirm(client, check(client, a, b))
    assert "2 actions signed off." in response.content.decode()
    assert sorted(SignOff.objects.values_list("evidence", flat=True)) == ["Minutes", "Policy"]
    for sign_off in SignOff.objects.all():
        assert sign_off.signed_by == board and sign_off.history.get().history_user == board
    for action in (a, b):
        latest = action.history.first()
        assert latest.history_user == board and latest.history_change_reason == (
            "Signed off on 12 January 2017 (IMSG, 12 January 2017)")


def test_bulk_sign_off_refuses_actions_not_completed_and_signs_none(make_action, login, board):
    a = make_action("A01", **DONE)
    b = make_action("A02", status=S.IN_PROGRESS)
    response = check(login(board), a, b, follow=True)
    assert "Only completed actions not yet signed off can be signed off: A02" in response.content.decode()
    assert not SignOff.objects.exists()


def test_only_the_board_signs_off_in_bulk_at_either_step(make_action, login, board, igteam, owner):
    a = make_action("A01", **DONE)
    page = check(login(board), a)
    for user in (igteam, owner):
        assert check(login(user), a).status_code == 403
        assert login(user).post(CONFIRM, form_data(page, CONFIRM)).status_code == 403
    assert not SignOff.objects.exists()


def test_confirming_signs_off_only_the_actions_checked(make_action, login, board):
    a, b = make_action("A01", **DONE), make_action("A02", **DONE)
    client = login(board)
    data = form_data(check(client, a), CONFIRM)
    data["seen"] = [*data["seen"], f"{b.pk}:{b.version}"]
    response = client.post(CONFIRM, data, follow=True)
    assert "You were shown 1 records but 2 came back" in response.content.decode()
    assert not SignOff.objects.exists()


def test_an_action_signed_off_by_a_colleague_meanwhile_is_refused_and_none_are_signed(make_action, login, board,
                                                                                     other_officer):
    from igov.accounts import roles
    from tests.conftest import make_user

    colleague = make_user("colleague", roles.BOARD, "Cora", "Colleague")
    a, b = make_action("A01", **DONE), make_action("A02", **DONE)
    client = login(board)
    page = check(client, a, b)
    colleagues = login(colleague)
    confirm(colleagues, check(colleagues, b))
    response = confirm(client, page)
    assert "Nothing has been changed: someone else changed A02 after you checked" in response.content.decode()
    assert list(SignOff.objects.values_list("action__reference", "signed_by__username")) == [("A02", "colleague")]
