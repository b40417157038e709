"""Plans and actions for the actions tests: an agreed ICO plan, actions made to order, and a plan
changed across three dated periods."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from actions.models import Action, ActionPlan
from tests.units import unit_for

S = Action.Status
LONDON = ZoneInfo("Europe/London")

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
        if "service" in fields:
            fields["unit"] = unit_for("Chief Executive's Office", fields.pop("service"))
        return Action.objects.create(plan=fields.pop("plan", plan), reference=reference, **fields)

    return make


@pytest.fixture
def three_periods(make_action, plan, board):
    """A plan changed across three dated periods:

    October 2016: A01 and A04 in progress (targets 15 and 20 October), A02 and A03 not started
    (targets 31 December and 1 November).
    November 2016: A01 completed and signed off; A04's target revised to 31 January 2017; A03 in
    progress; A05 added, superseded.
    January 2017: the board reopens A01 (its sign-off voided); A02 completed.
    """
    with time_machine.travel(datetime(2016, 10, 1, 9, tzinfo=LONDON)):
        a01 = make_action("A01", status=S.IN_PROGRESS, original_target_date=date(2016, 10, 15))
        a02 = make_action("A02", status=S.NOT_STARTED, original_target_date=date(2016, 12, 31))
        a03 = make_action("A03", status=S.NOT_STARTED, original_target_date=date(2016, 11, 1))
        a04 = make_action("A04", status=S.IN_PROGRESS, original_target_date=date(2016, 10, 20))
    with time_machine.travel(datetime(2016, 11, 10, 9, tzinfo=LONDON)):
        a01.status, a01.completion_date = S.COMPLETED, date(2016, 11, 9)
        a01.save()
        a01.sign_off(board, "Information Management Strategy Group", date(2016, 11, 10))
        a04.revised_target_date, a04.revision_reason = date(2017, 1, 31), "Waiting for the new system."
        a04.save()
        a03.status = S.IN_PROGRESS
        a03.save()
        make_action("A05", status=S.SUPERSEDED, superseded_reason="Superseded by individual agreements.")
    with time_machine.travel(datetime(2017, 1, 10, 9, tzinfo=LONDON)):
        a01.reopen(board, "The policy was never published.")
        a02.status, a02.completion_date = S.COMPLETED, date(2017, 1, 9)
        a02.save()
    return plan
