"""Once a plan is agreed, adding, withdrawing or re-wording an action needs the IG team's reason, is
recorded, and is shown apart: the plan's headline counts the agreed set, the additions beside it."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action, ActionPlan
from igov.committee.figures import report_figures
from igov.front.dashboard import actions_card
from tests.html_forms import form_data

S = Action.Status
REASON = "Added after the laptop breach: the board asked for it to be tracked with the audit."


@pytest.fixture
def agreed(make_action):
    """The plan's agreed recommendations, as recorded before it was agreed."""
    return [make_action(f"A0{n}", status=status) for n, status in
            enumerate([S.NOT_STARTED, S.IN_PROGRESS, S.IN_PROGRESS], start=1)]


def new_action(reference="B01"):
    return Action(reference=reference, recommendation="Encrypt every laptop.", original_target_date=date(2017, 6, 30))


def add_post(**changes):
    return {"reference": "B01", "recommendation": "Encrypt every laptop.", "response": "accepted",
            "agreed_action": "", "scope_area": "security", "priority": "high", "owner": "", "unit": "",
            "original_target_date": "2017-06-30", "revised_target_date": "", "revision_reason": "",
            "status": "not_started", "completion_date": "", "evidence": "", "superseded_by": "",
            "superseded_reason": "", "seen_version": 1, **changes}


# --- adding -------------------------------------------------------------------------------------
def test_adding_to_an_agreed_plan_without_a_reason_is_refused_on_the_form(plan, agreed, login, igteam):
    client = login(igteam)
    page = client.get(f"/actions/plans/{plan.pk}/add-action/")
    assert "This plan was agreed with the ICO on 1 July 2016" in page.content.decode()
    response = client.post(f"/actions/plans/{plan.pk}/add-action/", add_post())
    assert response.status_code == 200
    assert "Give the reason for adding an action to the agreed plan." in response.content.decode()
    assert plan.actions.count() == len(agreed)


def test_adding_to_an_agreed_plan_without_a_reason_is_refused_by_the_model(plan, igteam):
    with pytest.raises(ValidationError) as refusal:
        plan.add_action(new_action(), igteam, "  ")
    assert "addition_reason" in refusal.value.message_dict
    assert not plan.actions.exists()


def test_an_addition_with_a_reason_is_recorded_and_counted_apart(plan, agreed, login, igteam):
    response = login(igteam).post(f"/actions/plans/{plan.pk}/add-action/", add_post(addition_reason=REASON))
    assert response.status_code == 302
    added = plan.actions.get(reference="B01")
    assert added.added_after_agreement and added.addition_reason == REASON
    first = added.history.earliest()
    assert first.history_user == igteam and first.addition_reason == REASON
    position = Action.position_as_at(None, plan)
    assert (position.total, position.added, position.all_actions) == (len(agreed), 1, plan.actions.count())
    assert position.sentence().startswith(f"Of the {len(agreed)} actions,")
    assert plan.agreed_sentence(position) == (f"{len(agreed)} recommendations agreed with the ICO; "
                                              "1 action added by the council since.")


def test_the_plan_page_reads_the_agreed_count_and_lists_the_addition_with_its_reason(plan, agreed, igteam, login):
    plan.add_action(new_action(), igteam, REASON)
    page = login(igteam).get(f"/actions/plans/{plan.pk}/").content.decode()
    assert f"{len(agreed)} recommendations agreed with the ICO; 1 action added by the council since." in page
    assert f"Of the {len(agreed)} actions" in page
    assert REASON in page and "Added by the council" in page
    assert f"See all {len(agreed) + 1} actions in this plan" in page
    assert "more action" not in page  # the addition is said once, in the agreed sentence


def test_an_unagreed_plan_needs_no_reason_and_counts_every_action(igteam, login):
    plan = ActionPlan.objects.create(title="Internal audit: records", source_kind=ActionPlan.SourceKind.INTERNAL_AUDIT)
    response = login(igteam).post(f"/actions/plans/{plan.pk}/add-action/", add_post())
    assert response.status_code == 302
    assert not plan.actions.get().added_after_agreement
    assert Action.position_as_at(None, plan).total == 1
    assert plan.agreed_sentence(Action.position_as_at(None, plan)) == ""


def test_the_committees_resolutions_plan_takes_new_resolutions_without_a_reason(igteam):
    plan = ActionPlan.objects.create(title="Resolutions", source_kind=ActionPlan.SourceKind.COMMITTEE_RESOLUTION,
                                     agreed_on=date(2016, 7, 1))
    plan.add_action(new_action("R1"), igteam)
    assert not plan.actions.get().added_after_agreement


def test_the_agreed_set_and_the_additions_add_up_to_every_action_as_at_any_moment(plan, agreed, igteam):
    from django.utils import timezone
    before = timezone.now()
    plan.add_action(new_action(), igteam, REASON)
    then, now = Action.position_as_at(before, plan), Action.position_as_at(None, plan)
    assert (then.total, then.added) == (len(agreed), 0)
    assert (now.total, now.added) == (len(agreed), 1)
    assert now.total + now.added == plan.actions.count()
    parts = now.completed + now.in_progress + now.not_started + now.superseded + now.withdrawn
    assert parts == now.total


# --- withdrawing --------------------------------------------------------------------------------
def test_withdrawing_without_a_reason_is_refused(plan, agreed, login, igteam):
    action = agreed[0]
    response = login(igteam).post(f"/actions/{action.pk}/withdraw/", {"reason": "", "seen_version": action.version})
    assert "Say why the action is being withdrawn." in response.content.decode()
    with pytest.raises(ValidationError):
        action.withdraw(igteam, "")
    action.refresh_from_db()
    assert action.status == S.NOT_STARTED


def test_a_withdrawn_action_stays_in_the_agreed_count_shown_apart_with_its_reason(plan, agreed, login, igteam):
    action = agreed[0]
    client = login(igteam)
    response = client.post(f"/actions/{action.pk}/withdraw/", {"reason": "The service was outsourced.",
                                                               "seen_version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.withdrawal_reason) == (S.WITHDRAWN, "The service was outsourced.")
    latest = action.history.latest()
    assert latest.history_user == igteam and "The service was outsourced." in latest.history_change_reason
    position = Action.position_as_at(None, plan)
    assert (position.total, position.withdrawn) == (len(agreed), 1)
    assert "1 has been withdrawn" in position.sentence()
    page = client.get(f"/actions/plans/{plan.pk}/").content.decode()
    assert "Withdrawn" in page and "The service was outsourced." in page


def test_the_model_refuses_a_withdrawn_status_without_a_reason(plan, agreed):
    action = agreed[0]
    action.status = S.WITHDRAWN
    with pytest.raises(ValidationError) as refusal:
        action.full_clean()
    assert "withdrawal_reason" in refusal.value.message_dict


# --- re-wording ---------------------------------------------------------------------------------
def ig_post(action, **changes):
    data = {f: getattr(action, f) or "" for f in (
        "reference", "recommendation", "response", "agreed_action", "scope_area", "priority", "unit",
        "revision_reason", "status", "evidence", "superseded_reason")}
    data.update(owner=action.owner_id or "", original_target_date=action.original_target_date or "",
                revised_target_date="", completion_date="", superseded_by="", seen_version=action.version)
    return {**data, **changes}


def test_re_wording_an_agreed_recommendation_without_a_reason_is_refused(plan, agreed, login, igteam):
    action = agreed[0]
    response = login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(action, recommendation="Something easier"))
    assert response.status_code == 200
    assert "Give the reason for changing the recommendation." in response.content.decode()
    action.refresh_from_db()
    assert action.recommendation == "Recommendation A01 as the ICO wrote it."


def test_re_wording_with_a_reason_is_recorded_and_other_changes_need_none(plan, agreed, login, igteam):
    action = agreed[0]
    client = login(igteam)
    assert client.post(f"/actions/{action.pk}/edit/", ig_post(action, priority="urgent")).status_code == 302
    action.refresh_from_db()
    response = client.post(f"/actions/{action.pk}/edit/", ig_post(
        action, recommendation="As in the ICO's final report", rewording_reason="The draft report was quoted."))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.recommendation, action.rewording_reason) == ("As in the ICO's final report",
                                                                "The draft report was quoted.")
    assert action.history.latest().history_user == igteam
    page = client.get(f"/actions/plans/{plan.pk}/").content.decode()
    assert "Re-worded" in page and "The draft report was quoted." in page
    # A second re-wording needs a reason of its own.
    response = client.post(f"/actions/{action.pk}/edit/", ig_post(action, recommendation="Again"))
    assert "Give the reason for changing the recommendation." in response.content.decode()


def test_an_unagreed_plans_recommendation_is_corrected_without_a_reason(plan, agreed, login, igteam):
    plan.agreed_on = None
    plan.save()
    action = agreed[0]
    login(igteam).post(f"/actions/{action.pk}/edit/", ig_post(action, recommendation="As in the final report"))
    action.refresh_from_db()
    assert action.recommendation == "As in the final report"


# --- the admin ----------------------------------------------------------------------------------
def test_the_admin_refuses_an_addition_to_an_agreed_plan_without_a_reason(plan, agreed, login, admin_user):
    client = login(admin_user)
    page = client.get("/admin/actions/action/add/")
    assert 'name="addition_reason"' in page.content.decode()
    data = {**form_data(page), "plan": plan.pk, "reference": "B01", "recommendation": "Encrypt every laptop."}
    response = client.post("/admin/actions/action/add/", data)
    assert response.status_code == 200
    assert "Give the reason for adding an action to it." in response.content.decode()
    response = client.post("/admin/actions/action/add/", {**data, "addition_reason": REASON})
    assert response.status_code == 302
    added = plan.actions.get(reference="B01")
    assert added.added_after_agreement and added.history.earliest().history_user == admin_user


def test_the_admin_refuses_re_wording_an_agreed_recommendation_without_a_reason(agreed, login, admin_user):
    action = agreed[0]
    client = login(admin_user)
    data = {**form_data(client.get(f"/admin/actions/action/{action.pk}/change/")), "recommendation": "Easier"}
    response = client.post(f"/admin/actions/action/{action.pk}/change/", data)
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.recommendation == "Recommendation A01 as the ICO wrote it."


# --- who may -----------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["owner", "other_officer", "board", "committee"])
def test_only_the_ig_team_may_withdraw_an_action(who, agreed, request, login):
    action = agreed[0]
    assert login(request.getfixturevalue(who)).get(f"/actions/{action.pk}/withdraw/").status_code == 403


def test_withdrawing_asks_anonymous_readers_to_sign_in(agreed, client):
    response = client.get(f"/actions/{agreed[0].pk}/withdraw/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_an_officer_cannot_withdraw_through_the_edit_form(agreed, login, owner):
    action = agreed[0]
    response = login(owner).post(f"/actions/{action.pk}/edit/", {
        "status": "withdrawn", "completion_date": "", "evidence": "", "revised_target_date": "",
        "revision_reason": "", "seen_version": action.version})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == S.NOT_STARTED


# --- the committee report and the dashboard ------------------------------------------------------
def test_the_committee_report_and_the_dashboard_read_the_agreed_count(plan, agreed, igteam):
    plan.add_action(new_action(), igteam, REASON)
    from django.utils import timezone
    figures = report_figures(timezone.localdate(), None, exceptions=False)
    [ico] = [p for p in figures["actions"]["plans"] if p["title"] == plan.title]
    assert ico["sentence"].startswith(f"Of the {len(agreed)} actions,")
    assert ico["agreed_sentence"] == (f"{len(agreed)} recommendations agreed with the ICO; "
                                      "1 action added by the council since.")
    rows = {r["key"]: r["now"] for r in ico["rows"]}
    assert (rows["total"], rows["added"]) == (len(agreed), 1)
    card = actions_card(igteam, timezone.localdate())
    [(_title, _url, sentence)] = card.sentences
    assert sentence.startswith(f"Of the {len(agreed)} actions,")
    assert "1 more action has been added by the council since the plan was agreed." in sentence


# --- the agreed set and the additions, listed apart ------------------------------------------------
def listed(client, **query) -> set[str]:
    page = client.get(reverse("actions:list"), query).context["page"]
    return {action.reference for action in page.paginator.object_list}


def test_the_action_list_filters_the_agreed_set_from_the_additions(plan, agreed, igteam, login):
    plan.add_action(new_action(), igteam, REASON)
    client = login(igteam)
    assert listed(client, plan=plan.pk, agreement="added") == {"B01"}
    assert listed(client, plan=plan.pk, agreement="agreed") == {"A01", "A02", "A03"}
    assert len(listed(client, plan=plan.pk)) == Action.position_as_at(None, plan).all_actions
    page = client.get(f"/actions/plans/{plan.pk}/").content.decode()
    assert f"?plan={plan.pk}&amp;agreement=added\">See the 1 added since</a>" in page


def test_the_plans_overdue_figure_counts_its_list_and_names_the_additions_among_them(plan, agreed, igteam, login):
    plan.add_action(new_action(), igteam, REASON)
    client = login(igteam)
    position = Action.position_as_at(None, plan)
    assert (position.overdue, position.added_overdue, position.all_overdue) == (3, 1, 4)
    page = client.get(f"/actions/plans/{plan.pk}/")
    assert len(page.context["overdue"]) == 4
    body = page.content.decode()
    assert "4</a> outstanding actions are past their target date (" in body
    assert "1</a> of them added since the plan was agreed)" in body
    assert len(listed(client, plan=plan.pk, overdue="overdue")) == 4
    assert listed(client, plan=plan.pk, overdue="overdue", agreement="added") == {"B01"}
