"""The admin keeps the same rules: history and versions (agreed plans: tests/actions/test_agreed_plans.py)."""
from actions.models import Action
from tests.html_forms import form_data


def test_admin_shows_an_actions_history(make_action, login, admin_user):
    action = make_action("A01")
    action.status = Action.Status.IN_PROGRESS
    action.save()
    assert login(admin_user).get(f"/admin/actions/action/{action.pk}/history/").status_code == 200


def test_a_note_added_in_the_admin_is_in_the_actions_history_as_the_admins(make_action, owner, login, admin_user):
    action = make_action("A01")
    action.add_note(owner, "Drafted the schedule.")
    client = login(admin_user)
    url = f"/admin/actions/action/{action.pk}/change/"
    data = form_data(client.get(url)) | {"updates-TOTAL_FORMS": ["2"], "updates-1-note": ["Board asked for a date."]}
    assert client.post(url, data).status_code == 302
    assert sorted(action.updates.values_list("note", "author")) == [
        ("Board asked for a date.", admin_user.pk), ("Drafted the schedule.", owner.pk)]
    latest = action.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (admin_user, "Progress note added")
