"""Plans and actions for the actions tests: an agreed ICO plan, and actions made to order."""
from datetime import date

import pytest

from actions.models import Action, ActionPlan

TODAY = date(2017, 1, 16)


@pytest.fixture
def plan(igteam):
    return ActionPlan.objects.create(
        title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
        issuing_body="Information Commissioner’s Office", report_date=date(2016, 6, 1), lead=igteam,
        agreed_on=date(2016, 7, 1))


@pytest.fixture
def make_action(plan, owner):
    """make_action(reference, **fields) -> an action in the plan, owned by the cast's owner."""
    def make(reference, **fields):
        fields.setdefault("owner", owner)
        fields.setdefault("recommendation", f"Recommendation {reference} as the ICO wrote it.")
        fields.setdefault("original_target_date", date(2016, 12, 31))
        return Action.objects.create(plan=fields.pop("plan", plan), reference=reference, **fields)

    return make
