"""Status counts: the parts always add up to the total, on every summary."""
from datetime import date

from actions.models import Action, ActionPlan
from tests.actions.conftest import TODAY

S = Action.Status


def _mixed_plan(make_action):
    for i, status in enumerate([S.COMPLETED] * 5 + [S.IN_PROGRESS] * 3 + [S.NOT_STARTED] * 2):
        make_action(f"A{i:02d}", status=status,
                    completion_date=date(2016, 11, 1) if status == S.COMPLETED else None)
    make_action("F01", status=S.SUPERSEDED, superseded_reason="Superseded by individual data sharing agreements")


def test_plan_counts_add_up_to_the_total(make_action, plan):
    _mixed_plan(make_action)
    counts = Action.position_as_at(None, plan)
    assert (counts.total, counts.completed, counts.in_progress, counts.not_started, counts.superseded) == (
        11, 5, 3, 2, 1)
    assert counts.completed + counts.in_progress + counts.not_started == counts.total - counts.superseded


def test_the_sentence_reads_the_three_numbers_that_sum_to_total_minus_superseded(make_action, plan):
    _mixed_plan(make_action)
    counts = Action.objects.filter(plan=plan).status_counts(TODAY)
    assert counts.sentence() == ("Of the 11 actions, 5 have been completed, 3 are in progress and 2 are yet to be "
                                 "started; 1 has been superseded.")


def test_the_count_bar_widths_add_up_to_a_hundred(make_action, plan):
    _mixed_plan(make_action)
    counts = Action.objects.filter(plan=plan).status_counts(TODAY)
    assert sum(part["width"] for part in counts.bar()) == 100
    assert sum(part["count"] for part in counts.bar()) == counts.total


def test_plan_counts_are_one_query_for_the_whole_list(make_action, plan, django_assert_num_queries):
    _mixed_plan(make_action)
    ActionPlan.objects.create(title="IFC review", source_kind=ActionPlan.SourceKind.EXTERNAL_IG_AUDIT)
    other = ActionPlan.objects.get(title="IFC review")
    with django_assert_num_queries(1):
        positions = Action.positions_as_at()
    assert positions[plan.pk].total == 11 and other.pk not in positions


def test_every_summary_page_adds_up(make_action, plan, login, igteam, committee):
    _mixed_plan(make_action)
    for user in (igteam, committee):
        for url in ("/actions/", f"/actions/plans/{plan.pk}/"):
            page = login(user).get(url).content.decode()
            assert "Of the 11 actions, 5 have been completed, 3 are in progress and 2 are yet to be started" in page


def test_the_demo_ico_plan_reads_77_actions_that_add_up(db, login):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("seed_demo", only=["actions"], force=True, stdout=open("/dev/null", "w"))
    plan = ActionPlan.objects.get(source_kind=ActionPlan.SourceKind.ICO_AUDIT)
    counts = Action.position_as_at(None, plan)
    assert counts.total == 77
    assert counts.completed + counts.in_progress + counts.not_started == 77 - counts.superseded
    page = login(User.objects.get(username="committee")).get(f"/actions/plans/{plan.pk}/").content.decode()
    assert f"Of the 77 actions, {counts.completed} have been completed, {counts.in_progress} are in progress" in page
