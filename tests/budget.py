"""Query budgets: a page costs the same number of SQL queries at scale 1 and at scale 10.

    seed_demo(1, APPS)
    counts = measure_at_scales({"IG team": (client, ["/actions/", ...])}, django_assert_max_num_queries, APPS)

counts each page's queries on the demo data at --scale 1 (seeded first by the test, which looks up the
objects its URLs name), grows it to --scale 10 once for every reader, and checks with
django_assert_max_num_queries that no page needs more queries than it did on the small data.
"""
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

LIST_BUDGET = 15


def seed_demo(scale, only):
    call_command("seed_demo", scale=scale, only=list(only), force=True, stdout=open("/dev/null", "w"))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries.captured_queries)


def count_pages(pages, budget=LIST_BUDGET):
    """{(who, url): queries} for pages {who: (client, urls)}, each within the budget."""
    counts = {(who, url): count_queries(client, url) for who, (client, urls) in pages.items() for url in urls}
    for (who, url), count in counts.items():
        assert count <= budget, f"{url} as {who} costs {count} queries (budget {budget})"
    return counts


def assert_no_more_queries(pages, counts, assert_max_queries):
    """Each page of `counts` (from count_pages) needs no more queries now, and still answers 200."""
    for (who, url), count in counts.items():
        with assert_max_queries(count):
            response = pages[who][0].get(url)
        assert response.status_code == 200, f"{url} as {who} answered {response.status_code}"


def measure_at_scales(pages, assert_max_queries, only=(), budget=LIST_BUDGET):
    counts = count_pages(pages, budget)
    seed_demo(10, only)
    assert_no_more_queries(pages, counts, assert_max_queries)
    return counts
