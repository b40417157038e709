"""Dates on actions are typed as day, month and year (never the browser's locale-ordered picker), and a
new action is offered the next reference in its plan."""
from datetime import date

from actions.models import Action

S = Action.Status


def completed_on(action, day, month, year):
    return {"status": "completed", "completion_date_day": day, "completion_date_month": month,
            "completion_date_year": year, "evidence": "Policy approved by IMSG", "revised_target_date": "",
            "revision_reason": "", "seen_version": action.version}


def test_a_completion_date_typed_day_month_year_is_stored_exactly(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    response = login(owner).post(f"/actions/{action.pk}/edit/", completed_on(action, "1", "12", "2016"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completion_date == date(2016, 12, 1)  # 1 December, not 12 January


def test_an_impossible_completion_date_gets_the_govuk_message_linked_to_its_box(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    page = login(owner).post(f"/actions/{action.pk}/edit/", completed_on(action, "31", "2", "2016")).content.decode()
    assert '<a href="#id_completion_date_day">Completion date must be a real date.</a>' in page
    page = login(owner).post(f"/actions/{action.pk}/edit/", completed_on(action, "1", "", "2016")).content.decode()
    assert '<a href="#id_completion_date_month">Completion date must include a month.</a>' in page


def test_a_completion_date_in_the_future_is_refused_on_the_form_and_in_the_model(make_action, login, owner):
    action = make_action("A01", status=S.IN_PROGRESS)
    page = login(owner).post(f"/actions/{action.pk}/edit/", completed_on(action, "1", "1", "2999")).content.decode()
    assert "Completion date must be today or in the past." in page
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS


def test_a_new_action_is_offered_the_next_reference_in_its_plan(make_action, plan, login, igteam):
    make_action("A12")
    make_action("A3")
    assert login(igteam).get(f"/actions/plans/{plan.pk}/add-action/").context["form"]["reference"].value() == "A13"
