"""The board signs off what it has seen: the sign-off pages show the evidence (text, files, notes), a
meeting is required, the check page lists exactly the actions to be signed, and "all awaiting sign-off
in this plan" lists exactly those. Every event is in the action's history, with who."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from actions.models import Action, EvidenceFile, SignOff
from igov.accounts.people import person_name
from igov.committee.models import Committee, Meeting
from tests.html_forms import form_data

S = Action.Status
DONE = {"status": S.COMPLETED, "completion_date": date(2016, 12, 1)}
CHECK, CONFIRM = "/actions/list/bulk-sign-off/", "/actions/list/bulk-sign-off/confirm/"


def with_file(action, name, user):
    EvidenceFile.objects.create(action=action, file=f"evidence/{name}", name=name, size=3, uploaded_by=user)
    return action


def test_the_sign_off_page_shows_the_evidence_text_files_and_notes(make_action, login, board, owner):
    action = with_file(make_action("A01", evidence="Policy approved by Cabinet", **DONE), "policy.pdf", owner)
    action.add_note(owner, "Sent to Cabinet in November.")
    page = login(board).get(f"/actions/{action.pk}/sign-off/").content.decode()
    assert "Policy approved by Cabinet" in page and "Sent to Cabinet in November." in page
    evidence = EvidenceFile.objects.get()
    assert f'href="{evidence.get_absolute_url()}"' in page and "policy.pdf" in page


def test_a_sign_off_without_a_meeting_is_refused(make_action, login, board):
    action = make_action("A01", evidence="Policy", **DONE)
    response = login(board).post(f"/actions/{action.pk}/sign-off/", {
        "signed_on": "2017-01-12", "meeting": "", "seen_version": action.version})
    assert "Choose the meeting that signed the actions off, or type it." in response.content.decode()
    with pytest.raises(ValidationError):
        action.sign_off(board, " ", date(2017, 1, 12))
    assert not SignOff.objects.exists()


def test_a_recorded_meeting_can_be_chosen(make_action, login, board):
    action = make_action("A01", evidence="Policy", **DONE)
    meeting = Meeting.objects.create(committee=Committee.objects.create(name="IMSG"), date=date(2017, 1, 12))
    response = login(board).post(f"/actions/{action.pk}/sign-off/", {
        "signed_on": "2017-01-12", "recorded_meeting": meeting.pk, "seen_version": action.version})
    assert response.status_code == 302
    assert SignOff.objects.get().meeting == str(meeting)


def test_the_bulk_check_page_lists_exactly_the_chosen_actions_with_evidence_and_signs_nothing(
        make_action, login, board, owner):
    a = with_file(make_action("A01", evidence="Retention schedule", **DONE), "schedule.xlsx", owner)
    b = make_action("A02", evidence="Training records", **DONE)
    left_out = make_action("A03", evidence="Not chosen", **DONE)
    client = login(board)
    page = client.post(CHECK, {"selected": [a.pk, b.pk]})
    text = page.content.decode()
    assert "Retention schedule" in text and "schedule.xlsx" in text and "Training records" in text
    assert "Not chosen" not in text and f"/actions/{left_out.pk}/" not in text
    assert "<title>All actions" not in text
    assert sorted(form_data(page, CONFIRM)["seen"]) == sorted([f"{a.pk}:{a.version}", f"{b.pk}:{b.version}"])
    assert not SignOff.objects.exists()
    client.post(CONFIRM, form_data(page, CONFIRM) | {"signed_on": "2017-01-12", "meeting": "IMSG"})
    assert sorted(SignOff.objects.values_list("action__reference", flat=True)) == ["A01", "A02"]


def test_all_awaiting_sign_off_in_a_plan_lists_exactly_those_and_signs_them(make_action, login, board, plan,
                                                                           igteam):
    from actions.models import ActionPlan

    awaiting = [make_action(ref, evidence=f"Evidence {ref}", **DONE) for ref in ("A01", "A02")]
    make_action("A03", status=S.IN_PROGRESS, evidence="Evidence A03")
    make_action("A04", evidence="Evidence A04", **DONE).sign_off(board, "IMSG", date(2017, 1, 12))
    other = ActionPlan.objects.create(title="IFC audit", source_kind=ActionPlan.SourceKind.EXTERNAL_IG_AUDIT)
    make_action("B01", plan=other, evidence="Evidence B01", **DONE)
    client = login(board)
    page = client.get(f"/actions/plans/{plan.pk}/sign-off/")
    text = page.content.decode()
    assert [f"Evidence {ref}" in text for ref in ("A01", "A02", "A03", "A04", "B01")] == [
        True, True, False, False, False]
    assert "This will sign off 2 actions." in text
    assert f'href="/actions/plans/{plan.pk}/sign-off/"' in client.get(f"/actions/plans/{plan.pk}/").content.decode()
    response = client.post(CONFIRM, form_data(page, CONFIRM) | {"signed_on": "2017-01-12", "meeting": "IMSG"})
    assert response["Location"] == f"/actions/plans/{plan.pk}/"
    assert sorted(SignOff.objects.active().values_list("action__reference", flat=True)) == ["A01", "A02", "A04"]
    assert all(a.sign_offs.active().exists() for a in awaiting)


def test_only_the_board_reaches_a_plans_sign_off_page(plan, login, owner, igteam, committee, client):
    url = f"/actions/plans/{plan.pk}/sign-off/"
    for user in (owner, igteam, committee):
        assert login(user).get(url).status_code == 403
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_the_history_lists_notes_evidence_sign_offs_and_voids_with_who(make_action, login, owner, board):
    london = ZoneInfo("Europe/London")
    action = make_action("A01", status=S.IN_PROGRESS)
    with time_machine.travel(datetime(2017, 1, 10, 9, tzinfo=london)):
        action.add_note(owner, "Draft circulated.")
        action.refresh_from_db()
        action.status, action.completion_date, action.evidence = S.COMPLETED, date(2017, 1, 10), "Policy"
        action.save()
        action.sign_off(board, "IMSG", date(2017, 1, 10))
    with time_machine.travel(datetime(2017, 2, 5, 9, tzinfo=london)):
        action.reopen(board, "The policy was a draft")
    log = [(entry["reason"], entry["who"]) for entry in action.change_log()]
    assert ("Progress note added", person_name(owner)) in log
    assert ("Signed off on 10 January 2017 (IMSG)", person_name(board)) in log
    assert ("Reopened (sign-off of 10 January 2017 voided): The policy was a draft", person_name(board)) in log
    page = login(owner).get(f"/actions/{action.pk}/").content.decode()
    assert (f"Signed off on 10 January 2017 (IMSG) by {person_name(board)}; voided on 5 February 2017 by "
            f"{person_name(board)}: The policy was a draft") in page


def test_completed_awaiting_sign_off_has_its_own_tag_and_filter_whose_count_matches(make_action, login, board,
                                                                                   plan):
    make_action("A01", evidence="Policy", **DONE)
    make_action("A02", evidence="Minutes", **DONE).sign_off(board, "IMSG", date(2017, 1, 12))
    make_action("A03", status=S.IN_PROGRESS)
    client = login(board)
    listed = client.get("/actions/list/?sign_off=awaiting").content.decode()
    assert listed.count('class="govuk-tag govuk-tag--yellow">Awaiting sign-off</strong></td>') == 1
    assert "/actions/" in listed and ">A01<" in listed and ">A02<" not in listed
    plan_page = client.get(f"/actions/plans/{plan.pk}/").content.decode()
    assert "2 completed, of which 1 signed off by the board and 1 awaiting sign-off." in plan_page
    assert "Closed" not in client.get(f"/actions/{Action.objects.get(reference='A01').pk}/").content.decode().split(
        "How the")[0]
