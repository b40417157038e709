"""Every actions page costs the same number of queries at demo scale 1 and at scale 10."""
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from actions.models import Action, ActionPlan
from igov.accounts import roles
from tests.budget import LIST_BUDGET, count_queries, measure_at_scales
from tests.conftest import make_user


def seed(scale):
    call_command("seed_demo", scale=scale, only=["actions"], force=True, stdout=open("/dev/null", "w"))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_actions_pages_keep_to_the_query_budget(db, django_assert_max_num_queries):
    seed(1)
    ifc = ActionPlan.objects.get(source_kind=ActionPlan.SourceKind.EXTERNAL_IG_AUDIT)
    action = Action.objects.filter(plan=ifc, status=Action.Status.COMPLETED, sign_offs__isnull=True).first()
    on = (timezone.localdate() - timedelta(days=90)).isoformat()
    urls = ["/actions/", f"/actions/plans/{ifc.pk}/", "/actions/list/",
            "/actions/list/?status=outstanding&sort=-target",
            f"/actions/list/?plan={ifc.pk}&overdue=overdue&q=the", "/actions/list/export.csv",
            "/actions/list/export.xlsx", f"/actions/{action.pk}/", f"/actions/{action.pk}/edit/",
            f"/actions/{action.pk}/updates/add/", f"/actions/{action.pk}/evidence/add/",
            f"/actions/plans/{ifc.pk}/edit/", f"/actions/plans/{ifc.pk}/add-action/",
            f"/actions/?on={on}", f"/actions/plans/{ifc.pk}/?on={on}"]
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    counts = measure_at_scales(igteam, urls, django_assert_max_num_queries, only=["actions"])
    print("actions pages for the IG team, queries at scale 1 (no more at 10):", counts)

    board = client_for(make_user("barnaby", roles.BOARD, "Barnaby", "Boardman"))
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    counts = measure_at_scales(board, [f"/actions/{action.pk}/sign-off/", f"/actions/{action.pk}/reopen/"],
                               django_assert_max_num_queries, only=["actions"])
    print("board pages:", counts)
    counts = measure_at_scales(committee, ["/actions/", f"/actions/plans/{ifc.pk}/", "/actions/plans/export.csv",
                                           "/actions/plans/export.xlsx", f"/actions/?on={on}",
                                           f"/actions/plans/{ifc.pk}/?on={on}", "/actions/list/",
                                           f"/actions/{action.pk}/", "/actions/list/export.csv",
                                           "/actions/list/export.xlsx"],
                               django_assert_max_num_queries, only=["actions"])
    print("committee pages:", counts)


def test_my_actions_keeps_to_the_query_budget(db, django_assert_max_num_queries):
    # The demo officer owns more actions at scale 10; seeding resets demo passwords, so sign in after each.
    seed(1)
    small = count_queries(client_for(User.objects.get(username="officer")), "/actions/mine/")
    seed(10)
    client = client_for(User.objects.get(username="officer"))
    assert small <= LIST_BUDGET
    with django_assert_max_num_queries(small):
        client.get("/actions/mine/")
    print("my actions, queries at scale 1 (no more at 10):", small)
