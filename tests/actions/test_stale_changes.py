"""Every path that changes an action carries the version the person saw and is refused, changing
nothing, when someone else saved the action in between: the other person's change survives. Each
test opens the page, has another person save the action, then submits what the page holds."""
from datetime import date

import pytest

from actions.models import Action, SignOff
from igov.lib.versioning import EditConflict
from tests.actions.test_edit import ig_post, officer_post
from tests.html_forms import form_data

S = Action.Status
BULK_SIGN_OFF, BULK_STATUS = "/actions/list/bulk-sign-off/confirm/", "/actions/list/bulk-status/confirm/"
DONE = {"status": S.COMPLETED, "completion_date": date(2016, 12, 1)}


def owner_edits_evidence(login, owner, action, evidence="Final policy, as approved"):
    """The action's owner saves a change through the edit page, as they would in the browser."""
    action.refresh_from_db()
    response = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(
        action, evidence=evidence, completion_date=action.completion_date or ""))
    assert response.status_code == 302


def test_a_stale_reopen_is_refused_and_the_other_persons_edit_survives(make_action, login, board, owner):
    action = make_action("A01", evidence="Draft policy", **DONE)
    client = login(board)
    page = client.get(f"/actions/{action.pk}/reopen/")
    owner_edits_evidence(login, owner, action)
    response = client.post(f"/actions/{action.pk}/reopen/", {**form_data(page), "reason": "Evidence missing"},
                           follow=True)
    assert "Someone else saved this record after you opened it" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.evidence) == (S.COMPLETED, "Final policy, as approved")


def test_a_stale_sign_off_is_refused_and_the_other_persons_edit_survives(make_action, login, board, owner):
    action = make_action("A01", evidence="Draft policy", **DONE)
    client = login(board)
    page = client.get(f"/actions/{action.pk}/sign-off/")
    owner_edits_evidence(login, owner, action)
    response = client.post(f"/actions/{action.pk}/sign-off/", {**form_data(page), "signed_on": "2017-01-12"})
    assert "The action changed after you opened this page" in response.content.decode()
    assert not SignOff.objects.exists()
    action.refresh_from_db()
    assert action.evidence == "Final policy, as approved"


def test_a_sign_off_of_a_version_no_longer_stored_is_refused_under_the_lock(make_action, board, owner):
    # The page's check passed, then the action changed before the sign-off was written.
    action = make_action("A01", evidence="Draft policy", **DONE)
    seen = action.version
    Action.objects.get(pk=action.pk).save()
    with pytest.raises(EditConflict):
        action.sign_off(board, "IMSG", date(2017, 1, 12), seen_version=seen)
    assert not SignOff.objects.exists()


def test_a_stale_bulk_sign_off_is_refused_and_the_other_persons_edit_survives(make_action, login, board, owner):
    a, b = make_action("A01", evidence="Draft", **DONE), make_action("A02", evidence="Minutes", **DONE)
    client = login(board)
    page = client.post("/actions/list/bulk-sign-off/", {"selected": [a.pk, b.pk], "signed_on": "2017-01-12"})
    owner_edits_evidence(login, owner, a)
    response = client.post(BULK_SIGN_OFF, form_data(page, BULK_SIGN_OFF) | {"signed_on": "2017-01-12",
                                                                          "meeting": "IMSG"}, follow=True)
    assert "Nothing has been changed: someone else changed A01 after you checked" in response.content.decode()
    assert not SignOff.objects.exists()
    a.refresh_from_db()
    assert a.evidence == "Final policy, as approved"


def test_a_stale_bulk_status_change_is_refused_and_the_other_persons_edit_survives(make_action, login, igteam,
                                                                                  owner):
    a, b = make_action("A01", status=S.IN_PROGRESS), make_action("A02", status=S.IN_PROGRESS)
    client = login(igteam)
    page = client.post("/actions/list/bulk-status/", {"selected": [a.pk, b.pk], "status": "not_started"})
    # Meanwhile the owner completes A01.
    assert login(owner).post(f"/actions/{a.pk}/edit/", officer_post(
        a, status="completed", completion_date="2016-12-01", evidence="Done")).status_code == 302
    response = client.post(BULK_STATUS, form_data(page, BULK_STATUS), follow=True)
    assert "Nothing has been changed: someone else changed A01 after you checked" in response.content.decode()
    assert dict(Action.objects.values_list("reference", "status")) == {"A01": S.COMPLETED, "A02": S.IN_PROGRESS}
    a.refresh_from_db()
    assert a.completion_date == date(2016, 12, 1)


def test_a_stale_admin_edit_of_an_action_is_refused_and_the_other_persons_edit_survives(make_action, login,
                                                                                       admin_user, igteam):
    action = make_action("A01", status=S.IN_PROGRESS, evidence="Draft")
    client = login(admin_user)
    seen = action.version
    assert client.get(f"/admin/actions/action/{action.pk}/change/").status_code == 200
    assert login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(action, evidence="Approved")).status_code == 302
    response = client.post(f"/admin/actions/action/{action.pk}/change/", {
        "plan": action.plan_id, "reference": "A01", "response": "accepted", "agreed_action": "",
        "scope_area": "governance", "priority": "high", "owner": action.owner_id, "unit": "",
        "original_target_date": "2016-12-31", "status": "in_progress", "evidence": "Draft, corrected",
        "superseded_reason": "", "revision_reason": "", "seen_version": seen,
        "updates-TOTAL_FORMS": 0, "updates-INITIAL_FORMS": 0, "evidence_files-TOTAL_FORMS": 0,
        "evidence_files-INITIAL_FORMS": 0})
    assert "Someone else saved this record after you opened it" in response.content.decode()
    action.refresh_from_db()
    assert (action.evidence, action.priority) == ("Approved", "medium")


def test_an_edit_begun_before_a_sign_off_does_not_change_the_signed_action(make_action, login, owner, board):
    action = make_action("A01", evidence="Policy", **DONE)
    page_version = action.version
    action.sign_off(board, "IMSG", date(2017, 1, 12))
    assert Action.objects.get(pk=action.pk).version == page_version + 1  # the sign-off moved the version on
    login(owner).post(f"/actions/{action.pk}/edit/", officer_post(action, evidence="Changed after signing",
                                                                  seen_version=page_version))
    action.refresh_from_db()
    assert action.evidence == "Policy"


def test_reopening_leaves_a_history_of_the_voided_sign_off_and_who_voided_it(make_action, login, board):
    action = make_action("A01", **DONE)
    sign_off = action.sign_off(board, "IMSG", date(2017, 1, 12))
    client = login(board)
    page = client.get(f"/actions/{action.pk}/reopen/")
    client.post(f"/actions/{action.pk}/reopen/", {**form_data(page), "reason": "The policy was never published"})
    voided, created = sign_off.history.all()[:2]
    assert created.voided_at is None and created.history_user == board
    assert voided.voided_at is not None and voided.voided_by == board
    assert voided.void_reason == "The policy was never published"
    assert voided.history_user == board and voided.history_change_reason == "Voided: The policy was never published"
    reopened = action.history.first()
    assert reopened.status == S.IN_PROGRESS and reopened.history_user == board
