"""The demo plans: the ICO's 77 actions and the IFC review; idempotent; scalable. (The committee's
resolutions are recorded at a demo meeting: tests/committee/test_demo.py.)"""
from django.core.management import call_command

from actions.models import Action, ActionPlan, ProgressUpdate, SignOff


def seed(scale=1):
    call_command("seed_demo", scale=scale, only=["actions"], force=True, stdout=open("/dev/null", "w"))


def test_the_demo_has_the_two_audit_plans_the_minute_describes(db):
    seed()
    kinds = dict(ActionPlan.objects.values_list("source_kind", "title"))
    assert set(kinds) == {"ico_audit", "external_ig_audit"}
    assert Action.objects.filter(plan__source_kind="ico_audit", added_after_agreement=False).count() == 77


def test_the_ico_plan_reads_77_agreed_with_the_councils_addition_apart(db):
    seed()
    plan = ActionPlan.objects.get(source_kind="ico_audit")
    [addition] = plan.actions.filter(added_after_agreement=True)
    assert addition.addition_reason
    position = Action.position_as_at(None, plan)
    assert (position.total, position.added) == (77, 1)
    assert plan.agreed_sentence(position) == ("77 recommendations agreed with the ICO; 1 action added by the council "
                                              "since.")


def test_one_ico_action_is_superseded_by_data_sharing_agreements(db):
    seed()
    superseded = Action.objects.get(status=Action.Status.SUPERSEDED)
    assert "Information Sharing Protocol" in superseded.recommendation
    assert "individual data sharing agreements" in superseded.superseded_reason


def test_the_demo_officer_owns_actions_and_some_are_signed_off(db):
    seed()
    assert Action.objects.filter(owner__username="officer").outstanding().exists()
    assert Action.objects.values("owner").distinct().count() >= 5
    assert SignOff.objects.exists() and ProgressUpdate.objects.exists()
    assert Action.objects.exclude(revised_target_date=None).exclude(revision_reason="").exists()


def test_seeding_again_duplicates_nothing_and_scale_multiplies_the_actions(db):
    seed()
    small = Action.objects.count()
    seed()
    assert Action.objects.count() == small
    seed(10)
    large = Action.objects.count()
    assert large >= 5 * small
    seed(10)
    assert Action.objects.count() == large
    assert Action.objects.filter(plan__source_kind="ico_audit", added_after_agreement=False).count() == 77


def test_the_demo_history_tells_how_each_action_got_where_it_is(db):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    seed()
    plan = ActionPlan.objects.get(source_kind="ico_audit")
    agreed = timezone.make_aware(datetime.combine(plan.agreed_on, time(12)))
    at_agreement = Action.status_counts_as_at(agreed, plan=plan)
    assert (at_agreement.total, at_agreement.not_started) == (77, 77)
    now = Action.objects.filter(plan=plan, added_after_agreement=False).status_counts(timezone.localdate())
    assert Action.status_counts_as_at(timezone.now(), plan=plan) == now
    halfway = Action.status_counts_as_at(agreed + (timezone.now() - agreed) / 2, plan=plan)
    assert 0 < halfway.completed < now.completed
    assert all(a.version == a.history.count() for a in Action.objects.filter(plan=plan)[:10])
    assert Action.history.filter(history_date__gt=timezone.now() + timedelta(minutes=1)).count() == 0
