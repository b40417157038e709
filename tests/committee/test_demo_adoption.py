"""A database seeded when the actions demo still made the committee's resolutions plan itself:
seeding again adopts the plan and links its actions to the demo meeting's resolutions."""
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from actions import demo as actions_demo
from actions.demo_text import RESOLUTIONS
from actions.models import Action
from igov.committee.models import Committee, Resolution


def seed(**options):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"), **options)


def test_a_demo_loaded_before_the_committee_keeps_its_resolution_actions(db):
    seed(only=["actions"])
    people = actions_demo.demo_people()
    plan = actions_demo.resolutions_plan(timezone.localdate() - timedelta(days=60), people)
    for n, (scope, text, agreed, _status) in enumerate(RESOLUTIONS, start=1):
        Action.objects.create(plan=plan, reference=f"R{n}", recommendation=text, agreed_action=agreed,
                              scope_area=scope, owner=people["igteam"], original_target_date=timezone.localdate())
    seed(only=["actions", "committee"])
    assert Committee.objects.get().resolutions_plan == plan
    assert plan.actions.count() == 5
    assert list(Resolution.objects.order_by("number").values_list("number", "action__reference")) == [
        (n, f"R{n}") for n in range(1, 6)]
