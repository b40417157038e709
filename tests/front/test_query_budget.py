"""The glossary page costs the same number of queries with ten times the terms (and at most 15); pages
read the terms from the cache, so however many acronyms a page marks up, the glossary costs at most one
query."""
import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from igov.front.glossary import terms
from igov.front.models import GlossaryTerm
from tests.budget import LIST_BUDGET, count_queries

pytestmark = pytest.mark.django_db


def add_terms(count):
    GlossaryTerm.objects.bulk_create(GlossaryTerm(term=f"T{n}X", meaning=f"Test term {n}") for n in range(count))


@pytest.mark.parametrize("reader", ["igteam", "committee"])
def test_the_glossary_page_costs_the_same_with_ten_times_the_terms(cast, login, reader,
                                                                    django_assert_max_num_queries):
    client = login(cast[reader])
    small = count_queries(client, "/glossary/")
    assert small <= LIST_BUDGET
    add_terms(9 * GlossaryTerm.objects.count())
    with django_assert_max_num_queries(small):
        page = client.get("/glossary/").content.decode()
    assert page.count("govuk-summary-list__row") == GlossaryTerm.objects.count() == 180


def test_a_page_full_of_acronyms_reads_the_glossary_at_most_once():
    many = Template("{% load glossary %}" + "".join(f'{{% abbr "{t}" %}} ' for t in ["ICO", "IAO", "XYZ"] * 40))
    with CaptureQueriesContext(connection) as cold:
        many.render(Context())
    with CaptureQueriesContext(connection) as warm:
        many.render(Context())
    assert len(cold) == 1 and len(warm) == 0


def test_a_register_page_reads_the_glossary_at_most_once(login, committee):
    client = login(committee)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/actions/").content.decode()
        assert "<abbr" in page
        assert sum("front_glossaryterm" in q["sql"] for q in queries.captured_queries) <= 1


def test_a_change_made_outside_the_pages_clears_the_cache():
    terms()
    ico = GlossaryTerm.objects.get(term="ICO")
    ico.meaning = "The Information Commissioner"
    ico.save()
    assert terms()["ICO"] == "The Information Commissioner"
    ico.delete()
    assert "ICO" not in terms()
