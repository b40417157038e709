"""Organisation units in the admin: merging one into another asks where and why, then moves every
record with history; units are retired or merged, never deleted."""
import pytest
from django.urls import reverse

from actions.models import Action, ActionPlan
from igov.org.models import Unit
from tests.units import unit_for

pytestmark = pytest.mark.django_db


def test_an_administrator_merges_a_unit_with_a_reason(login, admin_user):
    old, new = unit_for("People", "Early Help"), unit_for("People", "Family Support")
    plan = ActionPlan.objects.create(title="ICO audit")
    action = Action.objects.create(plan=plan, reference="A1", recommendation="R", unit=old)
    client = login(admin_user)
    changelist = reverse("admin:org_unit_changelist")
    asked = client.post(changelist, {"action": "merge", "_selected_action": [old.pk]})
    assert asked.status_code == 200 and "1 actions" in asked.content.decode()
    done = client.post(changelist, {"action": "merge", "_selected_action": [old.pk], "into": new.pk,
                                    "reason": "Restructure"})
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.unit == new
    assert action.history.first().history_change_reason == (
        "People › Early Help merged into People › Family Support: Restructure")
    assert Unit.objects.get(pk=old.pk).merged_into == new


def test_a_merge_without_a_reason_moves_nothing(login, admin_user):
    old, new = unit_for("People", "Early Help"), unit_for("People", "Family Support")
    response = login(admin_user).post(reverse("admin:org_unit_changelist"),
                                      {"action": "merge", "_selected_action": [old.pk], "into": new.pk, "reason": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert Unit.objects.get(pk=old.pk).in_use


def test_a_unit_cannot_be_deleted_in_the_admin(login, admin_user):
    unit = unit_for("People")
    assert login(admin_user).get(reverse("admin:org_unit_delete", args=[unit.pk])).status_code == 403
