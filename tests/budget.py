"""Query budgets: a page costs the same number of SQL queries at scale 1 and at scale 10.

    counts = measure_at_scales(client, ["/actions/", ...], only=["actions"])

seeds the demo data at --scale 1, counts each URL's queries, grows it to --scale 10, and checks
with django_assert_max_num_queries that no URL needs more queries than it did on the small data.
"""
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

LIST_BUDGET = 15


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries.captured_queries)


def measure_at_scales(client, urls, assert_max_queries, only=(), budget=LIST_BUDGET):
    call_command("seed_demo", scale=1, only=list(only), force=True, stdout=open("/dev/null", "w"))
    small = {url: count_queries(client, url) for url in urls}
    call_command("seed_demo", scale=10, only=list(only), force=True, stdout=open("/dev/null", "w"))
    for url in urls:
        assert small[url] <= budget, f"{url} costs {small[url]} queries (budget {budget})"
        with assert_max_queries(small[url]):
            client.get(url)
    return small
