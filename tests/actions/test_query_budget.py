"""Every actions page costs the same number of queries at demo scale 1 and at scale 10.

One test seeds both scales once for every reader: the scale-10 seed is most of the time it takes.
"""
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from actions.models import Action, ActionPlan
from igov.accounts import roles
from tests.budget import measure_at_scales, seed_demo
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.slow


def test_actions_pages_keep_to_the_query_budget_for_every_reader(db, django_assert_max_num_queries):
    seed_demo(1, ["actions"])
    ifc = ActionPlan.objects.get(source_kind=ActionPlan.SourceKind.EXTERNAL_IG_AUDIT)
    action = Action.objects.filter(plan=ifc, status=Action.Status.COMPLETED, sign_offs__isnull=True).first()
    on = (timezone.localdate() - timedelta(days=90)).isoformat()
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    board = client_for(make_user("barnaby", roles.BOARD, "Barnaby", "Boardman"))
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    # The demo officer owns more actions at scale 10.
    officer = client_for(User.objects.get(username="officer"))
    pages = {
        "IG team": (igteam, [
            "/actions/", f"/actions/plans/{ifc.pk}/", "/actions/list/",
            "/actions/list/?status=outstanding&sort=-target", f"/actions/list/?plan={ifc.pk}&overdue=overdue&q=the",
            "/actions/list/export.csv",
            "/actions/list/export.xlsx", f"/actions/{action.pk}/", f"/actions/{action.pk}/edit/",
            f"/actions/plans/{ifc.pk}/edit/", f"/actions/plans/{ifc.pk}/add-action/", f"/actions/?on={on}",
            f"/actions/plans/{ifc.pk}/?on={on}"]),
        "board": (board, [f"/actions/{action.pk}/sign-off/", f"/actions/{action.pk}/reopen/",
                          f"/actions/plans/{ifc.pk}/sign-off/"]),
        "committee": (committee, [
            "/actions/", f"/actions/plans/{ifc.pk}/", "/actions/plans/export.csv", "/actions/plans/export.xlsx",
            f"/actions/?on={on}", f"/actions/plans/{ifc.pk}/?on={on}", "/actions/list/", f"/actions/{action.pk}/",
            "/actions/list/export.csv", "/actions/list/export.xlsx"]),
        "officer": (officer, ["/actions/mine/"]),
    }
    counts = measure_at_scales(pages, django_assert_max_num_queries, only=["actions"])
    print("actions pages, queries at scale 1 (no more at 10):", counts)
