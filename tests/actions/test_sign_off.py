"""The board signs off completed actions; the sign-off keeps a snapshot; reopening voids it visibly.
(Several at once: test_bulk_sign_off; stale pages: test_stale_changes; own work: test_separation_of_duties.)"""
from datetime import date, timedelta

from django.utils import timezone

from actions.models import Action, SignOff

S = Action.Status


def sign_off_post(action, **changes):
    return {"signed_on": "2017-01-12", "meeting": "Information Management Strategy Group",
            "seen_version": action.version, **changes}


def test_board_signs_off_a_completed_action(make_action, login, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1), evidence="Policy approved")
    response = login(board).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action))
    assert response.status_code == 302
    sign_off = SignOff.objects.get(action=action)
    assert (sign_off.signed_by, sign_off.signed_on, sign_off.meeting) == (
        board, date(2017, 1, 12), "Information Management Strategy Group")


def test_only_the_board_can_sign_off(make_action, login, owner, igteam, committee):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    for user in (owner, igteam, committee):
        assert login(user).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action)).status_code == 403
    assert not SignOff.objects.exists()


def test_an_action_that_is_not_completed_cannot_be_signed_off(make_action, login, board):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = login(board).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action))
    assert response.status_code == 200
    assert "Only completed actions not yet signed off can be signed off: A01" in response.content.decode()
    assert not SignOff.objects.exists()


def test_a_sign_off_of_a_changed_action_is_refused(make_action, login, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1), evidence="Draft")
    seen = action.version
    action.evidence = "Something else entirely"
    action.save()
    response = login(board).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action, seen_version=seen))
    assert "The action changed after you opened this page" in response.content.decode()
    assert not SignOff.objects.exists()


def test_the_sign_off_keeps_what_was_signed(make_action, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1), evidence="Policy approved")
    sign_off = action.sign_off(board, "IMSG", date(2017, 1, 12))
    action.reopen(board, "Evidence was a draft")
    action.refresh_from_db()
    action.evidence = "Final policy"
    action.save()
    sign_off.refresh_from_db()
    assert (sign_off.status, sign_off.completion_date, sign_off.evidence) == (
        S.COMPLETED, date(2016, 12, 1), "Policy approved")


def test_reopening_voids_the_sign_off_with_the_reason(make_action, login, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    action.sign_off(board, "IMSG", date(2017, 1, 12))
    response = login(board).post(f"/actions/{action.pk}/reopen/", {"reason": "The policy was never published",
                                                                   "seen_version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.completion_date) == (S.IN_PROGRESS, None)
    sign_off = SignOff.objects.get(action=action)
    assert sign_off.is_void and sign_off.voided_by == board
    assert sign_off.void_reason == "The policy was never published"
    page = login(board).get(f"/actions/{action.pk}/").content.decode()
    assert "Voided" in page and "The policy was never published" in page


def test_reopening_needs_a_reason(make_action, login, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    action.sign_off(board, "IMSG", date(2017, 1, 12))
    response = login(board).post(f"/actions/{action.pk}/reopen/", {"reason": "", "seen_version": action.version})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == S.COMPLETED
    assert not SignOff.objects.get(action=action).is_void


def test_a_reopened_action_can_be_signed_off_again(make_action, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    action.sign_off(board, "IMSG", date(2017, 1, 12))
    action.reopen(board, "Evidence missing")
    action.status, action.completion_date = S.COMPLETED, date(2017, 2, 1)
    action.save()
    action.sign_off(board, "IMSG", date(2017, 2, 9))
    assert action.sign_offs.count() == 2
    assert action.sign_offs.filter(voided_at__isnull=True).count() == 1


def test_a_sign_off_dated_in_the_future_is_refused_one_by_one_and_in_bulk(make_action, login, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    client = login(board)
    one = client.post(f"/actions/{action.pk}/sign-off/", sign_off_post(action, signed_on=tomorrow))
    bulk = client.post("/actions/list/bulk-sign-off/confirm/", {"seen": [f"{action.pk}:{action.version}"], "count": 1,
                                                               "signed_on": tomorrow, "meeting": "IMSG"})
    assert "Date signed off must be today or in the past." in one.content.decode()
    assert "Date signed off must be today or in the past." in bulk.content.decode()
    assert not SignOff.objects.exists()


def test_a_sign_off_dated_before_the_action_was_completed_is_refused_one_by_one_and_in_bulk(make_action, login,
                                                                                            board):
    action = make_action("A07", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    client = login(board)
    one = client.post(f"/actions/{action.pk}/sign-off/", sign_off_post(action, signed_on="2016-11-30"))
    bulk = client.post("/actions/list/bulk-sign-off/confirm/", {"seen": [f"{action.pk}:{action.version}"], "count": 1,
                                                               "signed_on": "2016-11-30", "meeting": "IMSG"})
    message = "The sign-off date cannot be before A07 was completed (1 December 2016)."
    assert message in one.content.decode()
    assert message in bulk.content.decode()
    assert not SignOff.objects.exists()


def test_a_sign_off_on_the_day_the_action_was_completed_is_accepted(make_action, login, board):
    action = make_action("A07", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    response = login(board).post(f"/actions/{action.pk}/sign-off/", sign_off_post(action, signed_on="2016-12-01"))
    assert response.status_code == 302
    assert SignOff.objects.get(action=action).signed_on == date(2016, 12, 1)
