"""The action plan an ICO audit report comes with imports without editing, through the aliases."""
from datetime import date

from actions.models import Action
from tests.imports.conftest import check, errors_of
from tests.imports.samples import ico_action_plan


def test_the_ico_sample_imports_77_actions_into_the_chosen_plan(plan, igteam, owner):
    data = ico_action_plan([owner.email, "igteam"])
    preview = check("actions", data, "ico-action-plan.xlsx", plan=plan, user=igteam)
    assert (preview.missing, errors_of(preview), preview.counts["create"]) == ([], [], 77)

    check("actions", data, "ico-action-plan.xlsx", plan=plan, user=igteam, dry_run=False)
    assert plan.actions.count() == 77
    a2 = plan.actions.get(reference="A2")
    assert (a2.priority, a2.response, a2.owner, a2.original_target_date) == (
        Action.Priority.MEDIUM, Action.Response.NOT_ACCEPTED, owner, date(2017, 3, 3))
    assert plan.actions.get(reference="A1").response == Action.Response.PARTIALLY_ACCEPTED
    assert plan.actions.get(reference="A3").response == Action.Response.ACCEPTED
    assert plan.actions.get(reference="A1").original_target_date == date(2017, 2, 2)  # an Excel date cell


def test_importing_the_ico_sample_again_changes_nothing(plan, igteam, owner):
    data = ico_action_plan([owner.email])
    check("actions", data, "ico.xlsx", plan=plan, user=igteam, dry_run=False)
    again = check("actions", data, "ico.xlsx", plan=plan, user=igteam)
    assert (again.changes, again.counts["unchanged"]) == (0, 77)
