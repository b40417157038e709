"""The IG team keeps the plans: adds a plan, records it agreed, adds its actions."""
from datetime import date

from actions.models import Action, ActionPlan
from tests.units import legal


def test_ig_team_adds_a_plan(login, igteam):
    response = login(igteam).post("/actions/plans/add/", {
        "title": "Internal audit: data sharing and safeguarding", "source_kind": "internal_audit",
        "issuing_body": "Internal Audit", "body_reference": "IA/2017/04", "report_date": "2017-03-01",
        "assurance": "limited", "follow_up_visit": "", "lead": igteam.pk, "agreed_on": ""})
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.source_kind, plan.lead, plan.is_agreed) == ("internal_audit", igteam, False)


def test_ig_team_adds_an_action_to_a_plan(plan, login, igteam, owner):
    response = login(igteam).post(f"/actions/plans/{plan.pk}/add-action/", {
        "reference": "A01", "recommendation": "Appoint a SIRO.", "response": "accepted", "agreed_action": "",
        "scope_area": "governance", "priority": "high", "owner": owner.pk, "unit": legal().pk,
        "original_target_date": "2017-03-31", "revised_target_date": "", "revision_reason": "",
        "status": "not_started", "completion_date": "", "evidence": "", "superseded_by": "",
        "superseded_reason": "", "addition_reason": "Missed when the plan was entered."})
    action = Action.objects.get()
    assert response.status_code == 302
    assert (action.plan, action.owner, action.original_target_date) == (plan, owner, date(2017, 3, 31))
    assert action.added_after_agreement  # the plan was agreed: counted apart (tests/actions/test_agreed_plans.py)


def test_a_duplicate_reference_in_the_plan_is_refused_with_a_message(plan, make_action, login, igteam):
    make_action("A01")
    response = login(igteam).post(f"/actions/plans/{plan.pk}/add-action/", {
        "reference": "A01", "recommendation": "Again", "response": "accepted", "scope_area": "governance",
        "priority": "high", "status": "not_started"})
    assert "This plan already has an action A01." in response.content.decode()
    assert Action.objects.count() == 1


def test_officers_cannot_add_plans_or_actions(plan, login, owner):
    assert login(owner).get("/actions/plans/add/").status_code == 403
    assert login(owner).post(f"/actions/plans/{plan.pk}/add-action/", {"reference": "Z1"}).status_code == 403
    assert not Action.objects.exists()


def test_an_agreed_plan_cannot_be_unagreed(plan, login, igteam):
    response = login(igteam).post(f"/actions/plans/{plan.pk}/edit/", {
        "title": plan.title, "source_kind": plan.source_kind, "issuing_body": plan.issuing_body,
        "body_reference": "", "report_date": "2016-06-01", "assurance": "", "follow_up_visit": "",
        "lead": igteam.pk, "agreed_on": "", "seen_version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.agreed_on == date(2016, 7, 1)
