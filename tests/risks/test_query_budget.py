"""Every risks page costs the same number of queries at --scale 1 and --scale 10 (and at most 15)."""
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from igov.accounts import roles
from risks.models import Risk, ScoreBand
from tests.budget import LIST_BUDGET, count_queries, measure_at_scales
from tests.conftest import client_for, make_user


def seed(scale):
    call_command("seed_demo", scale=scale, only=["risks"], force=True, stdout=open("/dev/null", "w"))


def risk_urls(risk):
    return [f"/risks/{risk.pk}/", f"/risks/{risk.pk}/edit/", f"/risks/{risk.pk}/reviews/add/"]


LISTS = ["/risks/", "/risks/register/", "/risks/register/?above_appetite=on&status=open&sort=-inherent",
         "/risks/register/?review_overdue=on&q=data", "/risks/register/?residual_likelihood=4&residual_impact=3",
         "/risks/register/?page=2"]


def test_ig_team_and_committee_pages_keep_to_the_budget(db, django_assert_max_num_queries):
    seed(1)
    band = f"/risks/register/?band={ScoreBand.objects.get(label='High').pk}"
    urls = [*LISTS, band, "/risks/add/", *risk_urls(Risk.objects.get(reference="IR-004"))]
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    counts = measure_at_scales(igteam, urls, django_assert_max_num_queries, only=["risks"])
    print("risks pages for the IG team, queries at scale 1 (no more at 10):", counts)
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    counts = measure_at_scales(committee, ["/risks/"], django_assert_max_num_queries, only=["risks"])
    print("committee:", counts)


def test_officer_pages_keep_to_the_budget(db, django_assert_max_num_queries):
    # The demo officer owns more risks at scale 10; seeding resets demo passwords, so sign in after each.
    seed(1)
    urls = [*LISTS[:5], *risk_urls(Risk.objects.get(reference="IR-001"))]
    client = client_for(User.objects.get(username="officer"))
    small = {url: count_queries(client, url) for url in urls}
    seed(10)
    client = client_for(User.objects.get(username="officer"))
    for url in urls:
        assert small[url] <= LIST_BUDGET, f"{url} costs {small[url]} queries"
        with django_assert_max_num_queries(small[url]):
            client.get(url)
    print("risks pages for an officer:", small)


def test_the_index_as_at_a_date_keeps_to_the_budget(db, django_assert_max_num_queries):
    on = (timezone.localdate() - timedelta(days=90)).isoformat()
    urls = [f"/risks/?on={on}", f"/risks/?on={(timezone.localdate() - timedelta(days=200)).isoformat()}"]
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    counts = measure_at_scales(igteam, urls, django_assert_max_num_queries, only=["risks"])
    print("risks index as at a date, IG team, queries at scale 1 (no more at 10):", counts)


def test_the_committees_register_risk_and_exports_keep_to_the_budget(db, django_assert_max_num_queries):
    seed(1)
    urls = [*LISTS[1:], "/risks/register/export.csv", "/risks/register/export.xlsx",
            f"/risks/{Risk.objects.get(reference='IR-004').pk}/"]
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    counts = measure_at_scales(committee, urls, django_assert_max_num_queries, only=["risks"])
    print("risks pages for the committee:", counts)


def test_the_as_at_read_costs_the_same_whatever_the_history_depth(db):
    on = timezone.localdate() - timedelta(days=90)
    seed(1)
    small = count_read(lambda: Risk.position_as_at(on))
    history_small = Risk.history.count()
    seed(10)
    assert Risk.history.count() >= 5 * history_small  # the history really is deeper
    large = count_read(lambda: Risk.position_as_at(on))
    print("Risk.position_as_at, queries at scale 1 and 10:", small, large)
    assert small == large <= 7


def count_read(read):
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries.captured_queries)
