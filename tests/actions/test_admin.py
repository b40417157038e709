"""The admin keeps the same rules: history and versions (agreed plans: tests/actions/test_agreed_plans.py)."""
from actions.models import Action


def test_admin_shows_an_actions_history(make_action, login, admin_user):
    action = make_action("A01")
    action.status = Action.Status.IN_PROGRESS
    action.save()
    assert login(admin_user).get(f"/admin/actions/action/{action.pk}/history/").status_code == 200
