"""Every risks page costs the same number of queries at --scale 1 and --scale 10 (and at most 15).

One test seeds both scales once for every reader: the scale-10 seed is most of the time it takes.
"""
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from igov.accounts import roles
from risks.models import Risk, ScoreBand
from tests.budget import measure_at_scales, seed_demo
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.slow


def risk_urls(risk):
    return [f"/risks/{risk.pk}/", f"/risks/{risk.pk}/edit/", f"/risks/{risk.pk}/reviews/add/"]


LISTS = ["/risks/", "/risks/register/", "/risks/register/?above_appetite=on&status=open&sort=-inherent",
         "/risks/register/?review_overdue=on&q=data", "/risks/register/?residual_likelihood=4&residual_impact=3",
         "/risks/register/?page=2"]


def test_risks_pages_keep_to_the_budget_for_the_ig_team_an_officer_and_the_committee(
        db, django_assert_max_num_queries):
    seed_demo(1, ["risks"])
    band = f"/risks/register/?band={ScoreBand.objects.get(label='High').pk}"
    on = timezone.localdate() - timedelta(days=90)
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    # The demo officer owns more risks at scale 10.
    officer = client_for(User.objects.get(username="officer"))
    pages = {
        "IG team": (igteam, [*LISTS, band, "/risks/add/", *risk_urls(Risk.objects.get(reference="IR-004")),
                             f"/risks/?on={on.isoformat()}", f"/risks/?on={(on - timedelta(days=110)).isoformat()}"]),
        "officer": (officer, [*LISTS[:5], *risk_urls(Risk.objects.get(reference="IR-001"))]),
        "committee": (committee, [*LISTS, "/risks/register/export.csv", "/risks/register/export.xlsx",
                                  f"/risks/{Risk.objects.get(reference='IR-004').pk}/"]),
    }
    counts = measure_at_scales(pages, django_assert_max_num_queries, only=["risks"])
    print("risks pages, queries at scale 1 (no more at 10):", counts)


def test_the_as_at_read_costs_the_same_whatever_the_history_depth(db):
    on = timezone.localdate() - timedelta(days=90)
    seed_demo(1, ["risks"])
    small = count_read(lambda: Risk.position_as_at(on))
    history_small = Risk.history.count()
    seed_demo(10, ["risks"])
    assert Risk.history.count() >= 5 * history_small  # the history really is deeper
    large = count_read(lambda: Risk.position_as_at(on))
    print("Risk.position_as_at, queries at scale 1 and 10:", small, large)
    assert small == large <= 7


def count_read(read):
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries.captured_queries)
