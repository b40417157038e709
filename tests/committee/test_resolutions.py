"""A resolution recorded at a meeting becomes, in the same step, an action in the committee's
resolutions plan (R1, R2, … in order), tracked like any audit action and linked from the meeting.
Its target date is typed in the GOV.UK date boxes; a date that does not exist gets a message."""
from datetime import date

import pytest
from django.urls import reverse

from actions.models import Action, ActionPlan
from igov.committee.models import Committee, Meeting, Resolution
from tests.units import legal


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(committee=Committee.objects.create(name="Audit and Procurement Committee"),
                                  date=date(2016, 10, 24))


def resolution(owner, text="Officers be requested to schedule a seminar for members.", day="31", month="3",
               year="2017"):
    return {"text": text, "agreed_action": "Hold a seminar on information governance.", "scope_area": "training",
            "owner": owner.pk, "unit": legal().pk,
            "target_date_day": day, "target_date_month": month, "target_date_year": year}


def test_the_form_asks_for_the_target_date_in_three_boxes(meeting, igteam, login):
    page = login(igteam).get(reverse("committee:resolution_add", args=[meeting.pk])).content.decode()
    for box in ("target_date_day", "target_date_month", "target_date_year"):
        assert f'name="{box}"' in page
    assert 'type="date"' not in page


def test_a_resolution_becomes_action_r1_in_the_committees_resolutions_plan(meeting, igteam, owner, login):
    response = login(igteam).post(reverse("committee:resolution_add", args=[meeting.pk]), resolution(owner))
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    action = Action.objects.get()
    plan = Committee.objects.get(pk=meeting.committee_id).resolutions_plan
    assert (action.plan, plan.source_kind, plan.title) == (
        plan, ActionPlan.SourceKind.COMMITTEE_RESOLUTION, "Audit and Procurement Committee resolutions")
    assert (action.reference, action.recommendation, action.owner, action.original_target_date, action.status) == (
        "R1", "Officers be requested to schedule a seminar for members.", owner, date(2017, 3, 31),
        Action.Status.NOT_STARTED)
    created = action.history.earliest()
    assert created.history_user == igteam
    assert created.history_change_reason == "Resolved by the Audit and Procurement Committee on 24 October 2016"
    assert Resolution.objects.get().number == 1


def test_the_meeting_page_links_each_resolution_to_its_action(meeting, igteam, owner, committee, login):
    client = login(igteam)
    client.post(reverse("committee:resolution_add", args=[meeting.pk]), resolution(owner))
    action = Action.objects.get()
    for person in (igteam, committee):
        page = login(person).get(meeting.get_absolute_url()).content.decode()
        assert f'href="{action.get_absolute_url()}">R1</a>' in page
        assert "Officers be requested to schedule a seminar for members." in page


def test_the_second_resolution_is_r2_in_the_same_plan(meeting, igteam, owner, login):
    client, url = login(igteam), reverse("committee:resolution_add", args=[meeting.pk])
    client.post(url, resolution(owner))
    client.post(url, resolution(owner, text="An annual report on training be brought to the committee."))
    assert list(Action.objects.order_by("reference").values_list("reference", "plan__title")) == [
        ("R1", "Audit and Procurement Committee resolutions"), ("R2", "Audit and Procurement Committee resolutions")]
    assert list(meeting.resolutions.values_list("number", "action__reference")) == [(1, "R1"), (2, "R2")]


@pytest.mark.parametrize(("day", "month", "year"), [("31", "2", "2017"), ("thirty", "3", "2017"), ("", "", "")])
def test_a_wrong_or_missing_target_date_gets_a_message_and_records_nothing(meeting, igteam, owner, login, day, month,
                                                                           year):
    response = login(igteam).post(reverse("committee:resolution_add", args=[meeting.pk]),
                                  resolution(owner, day=day, month=month, year=year))
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert response.context["form"].errors["target_date"]
    assert response.context["form"].errors["target_date"][0] in page
    assert not Action.objects.exists() and not Resolution.objects.exists()
