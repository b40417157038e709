"""The action page: progress notes newest first, and the history of who changed what."""
from datetime import date

from actions.models import Action, ProgressUpdate

S = Action.Status


def test_history_shows_who_changed_what_from_what_to_what(make_action, login, owner, igteam):
    action = make_action("A01", status=S.NOT_STARTED)
    login(owner).post(f"/actions/{action.pk}/edit/", {
        "status": "in_progress", "completion_date": "", "evidence": "", "revised_target_date": "",
        "revision_reason": "", "seen_version": action.version})
    page = login(igteam).get(f"/actions/{action.pk}/").content.decode()
    assert "Olwen Ownerby" in page
    assert "<strong>Status</strong>: “Not started” → “In progress”" in page


def test_owner_adds_a_progress_note_shown_newest_first(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    client = login(owner)
    client.post(f"/actions/{action.pk}/updates/add/", {"note": "Draft circulated"})
    client.post(f"/actions/{action.pk}/updates/add/", {"note": "Approved by IMSG"})
    assert [u.note for u in action.updates.all()] == ["Approved by IMSG", "Draft circulated"]
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert page.index("Approved by IMSG") < page.index("Draft circulated")


def test_colleague_cannot_add_a_progress_note(make_action, login, other_officer):
    action = make_action("A01", status=S.IN_PROGRESS)
    assert login(other_officer).post(f"/actions/{action.pk}/updates/add/", {"note": "x"}).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_committee_members_see_counts_and_overdue_actions_by_service_but_no_names(make_action, plan, login,
                                                                                  committee):
    make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2000, 1, 1), service="Legal Services")
    page = login(committee).get(f"/actions/plans/{plan.pk}/").content.decode()
    assert "Of the 1 action" in page
    assert "Legal Services" in page
    assert "Olwen Ownerby" not in page and "Imogen Governa" not in page
