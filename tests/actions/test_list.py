"""The action list: scoped, filtered, sorted, paginated (bulk changes: test_bulk_status, test_bulk_sign_off)."""
from datetime import date

from actions.models import Action

S = Action.Status


def refs(response):
    return [a.reference for a in response.context["page"].object_list]


def test_filters_by_status_owner_and_text(make_action, login, igteam, other_officer):
    make_action("A01", status=S.IN_PROGRESS, agreed_action="Publish the retention schedule")
    make_action("A02", status=S.NOT_STARTED, owner=other_officer)
    make_action("A03", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    client = login(igteam)
    assert refs(client.get("/actions/list/?status=outstanding")) == ["A01", "A02"]
    assert refs(client.get(f"/actions/list/?owner={other_officer.pk}")) == ["A02"]
    assert refs(client.get("/actions/list/?q=retention")) == ["A01"]


def test_filters_overdue_actions(make_action, login, igteam):
    make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2000, 1, 1))
    make_action("A02", status=S.IN_PROGRESS, original_target_date=date(2999, 1, 1))
    assert refs(login(igteam).get("/actions/list/?overdue=overdue")) == ["A01"]
    assert refs(login(igteam).get("/actions/list/?overdue=not_overdue")) == ["A02"]


def test_sorts_by_priority_most_urgent_first(make_action, login, igteam):
    make_action("A01", priority="low")
    make_action("A02", priority="urgent")
    make_action("A03", priority="high")
    assert refs(login(igteam).get("/actions/list/?sort=priority")) == ["A02", "A03", "A01"]


def test_the_list_is_paginated(make_action, login, igteam):
    for i in range(55):
        make_action(f"A{i:02d}")
    response = login(igteam).get("/actions/list/?page=2")
    assert refs(response) == [f"A{i:02d}" for i in range(50, 55)]


def test_my_actions_shows_only_mine(make_action, login, owner, other_officer):
    make_action("A01", status=S.IN_PROGRESS)
    make_action("A02", owner=other_officer)
    response = login(owner).get("/actions/mine/")
    assert [a.reference for a in response.context["outstanding"]] == ["A01"]


def heading(response) -> tuple[str, str]:
    text = response.content.decode()
    h1 = text.split('<h1 class="govuk-heading-xl">')[1].split("</h1>")[0]
    title = text.split("<title>")[1].split(" –")[0].split("</title>")[0]
    return h1, title.strip()


def test_a_filtered_list_is_titled_by_what_it_lists(plan, make_action, login, igteam):
    make_action("A01")
    client = login(igteam)
    assert heading(client.get("/actions/list/")) == ("All actions", "All actions")
    assert heading(client.get("/actions/list/?sort=priority"))[0] == "All actions"
    assert heading(client.get("/actions/list/?sign_off=awaiting"))[0] == "Actions awaiting sign-off"
    assert heading(client.get("/actions/list/?overdue=overdue"))[0] == "Overdue actions"
    assert heading(client.get(f"/actions/list/?plan={plan.pk}")) == (f"Actions in {plan.title}",) * 2
    assert heading(client.get(f"/actions/list/?status=outstanding&overdue=overdue&plan={plan.pk}"))[0] == (
        f"Outstanding overdue actions in {plan.title}")
