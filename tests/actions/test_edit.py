"""Officers update their own actions; the IG team edits everything; the recommendation is fixed once agreed."""
from datetime import date

from actions.models import Action

S = Action.Status


def officer_post(action, **changes):
    data = {"status": action.status, "completion_date": "", "evidence": action.evidence,
            "revised_target_date": "", "revision_reason": "", "seen_version": action.version}
    data.update(changes)
    return data


def test_officer_marks_their_action_completed_with_evidence(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(
        action, status="completed", completion_date="2017-01-10", evidence="Policy approved by IMSG"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.completion_date, action.evidence) == (
        S.COMPLETED, date(2017, 1, 10), "Policy approved by IMSG")
    assert action.history.first().history_user == owner


def test_officer_cannot_edit_colleagues_action(make_action, login, other_officer):
    action = make_action("A01", status=S.IN_PROGRESS)
    assert login(other_officer).get(f"/actions/{action.pk}/edit/").status_code == 403
    response = login(other_officer).post(f"/actions/{action.pk}/edit/", officer_post(action, status="completed",
                                                                                      completion_date="2017-01-10"))
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS


def test_officer_cannot_change_the_recommendation(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    login(owner).post(f"/actions/{action.pk}/edit/", officer_post(
        action, recommendation="Something easier", evidence="Started"))
    action.refresh_from_db()
    assert action.recommendation == "Recommendation A01 as the ICO wrote it."
    assert action.evidence == "Started"


def ig_post(action, **changes):
    data = {f: getattr(action, f) or "" for f in (
        "reference", "recommendation", "response", "agreed_action", "scope_area", "priority", "unit",
        "revision_reason", "status", "evidence", "superseded_reason")}
    data.update(owner=action.owner_id or "", original_target_date=action.original_target_date or "",
                revised_target_date=action.revised_target_date or "", completion_date=action.completion_date or "",
                superseded_by="", seen_version=action.version)
    data.update(changes)
    return data


def test_ig_team_can_correct_the_recommendation_before_the_plan_is_agreed(make_action, plan, login, igteam):
    plan.agreed_on = None
    plan.save()
    action = make_action("A01")
    login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(action, recommendation="As in the final report"))
    action.refresh_from_db()
    assert action.recommendation == "As in the final report"


def test_a_revised_date_without_a_reason_is_refused_with_a_message(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(action, revised_target_date="2017-06-30"))
    assert response.status_code == 200
    assert "Give the reason the target date was revised." in response.content.decode()
    action.refresh_from_db()
    assert action.revised_target_date is None


def test_a_revised_date_with_a_reason_is_saved(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    login(owner).post(f"/actions/{action.pk}/edit/", officer_post(
        action, revised_target_date="2017-06-30", revision_reason="Awaiting the new case management system"))
    action.refresh_from_db()
    assert action.revised_target_date == date(2017, 6, 30)


def test_completed_without_a_completion_date_is_refused_with_a_message(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(action, status="completed"))
    assert "Give the date the action was completed." in response.content.decode()
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS


def test_superseded_needs_a_reason(make_action, login, igteam):
    action = make_action("F01", status=S.IN_PROGRESS)
    response = login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(action, status="superseded"))
    assert "Say why the action was superseded." in response.content.decode()
    login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(
        action, status="superseded", superseded_reason="Superseded by individual data sharing agreements"))
    action.refresh_from_db()
    assert action.status == S.SUPERSEDED


def test_the_database_refuses_what_the_forms_refuse(make_action):
    import pytest
    from django.db import IntegrityError, transaction

    for fields in ({"status": S.COMPLETED}, {"revised_target_date": date(2017, 3, 1)},
                   {"status": S.SUPERSEDED}):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_action(f"X{len(fields)}{fields.get('status', '')}", **fields)


def test_two_stale_edits_the_second_is_refused_and_nothing_is_overwritten(make_action, login, owner, igteam):
    action = make_action("A01", status=S.IN_PROGRESS, evidence="Draft policy")
    seen = action.version
    first = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(
        action, evidence="Policy approved by IMSG on 12 January", seen_version=seen))
    assert first.status_code == 302
    second = login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(
        action, evidence="Draft policy, revised", priority="high", seen_version=seen))
    assert second.status_code == 200
    page = second.content.decode()
    assert "Someone else saved this record after you opened it" in page
    assert "Olwen Ownerby" in page and "Policy approved by IMSG on 12 January" in page
    action.refresh_from_db()
    assert action.evidence == "Policy approved by IMSG on 12 January"
    assert action.priority == "medium"


def test_a_signed_off_action_cannot_be_edited_until_reopened(make_action, login, owner, board):
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    action.sign_off(board, "IMSG", date(2017, 1, 12))
    response = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(action, evidence="changed"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.evidence == ""


def test_an_officer_cannot_change_a_superseded_action(make_action, login, owner):
    action = make_action("F01", status=S.SUPERSEDED,
                         superseded_reason="Superseded by individual data sharing agreements")
    response = login(owner).post(f"/actions/{action.pk}/edit/", officer_post(action, status="in_progress"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == S.SUPERSEDED
