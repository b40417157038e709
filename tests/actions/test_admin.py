"""The admin keeps the same rules: history, versions, and the recommendation fixed once agreed."""
from actions.models import Action


def test_admin_cannot_change_the_recommendation_of_an_agreed_plan(make_action, login, admin_user):
    action = make_action("A01")
    client = login(admin_user)
    page = client.get(f"/admin/actions/action/{action.pk}/change/")
    assert page.status_code == 200
    assert 'name="recommendation"' not in page.content.decode()


def test_admin_shows_an_actions_history(make_action, login, admin_user):
    action = make_action("A01")
    action.status = Action.Status.IN_PROGRESS
    action.save()
    assert login(admin_user).get(f"/admin/actions/action/{action.pk}/history/").status_code == 200
