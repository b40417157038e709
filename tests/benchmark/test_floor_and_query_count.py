"""The benchmark's floor page and its query-count header."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from igov.lib.query_count import HEADER
from tests.conftest import client_for

WITH_HEADER = "igov.lib.query_count.QueryCountHeaderMiddleware"


def test_the_floor_page_says_who_is_signed_in(igteam):
    response = client_for(igteam).get(reverse("front:signed_in"))
    assert response.status_code == 200
    assert f"You are signed in as {igteam.get_full_name() or igteam.username}." in response.content.decode()


def test_the_floor_page_sends_anonymous_people_to_sign_in(db):
    response = client_for(None).get(reverse("front:signed_in"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_no_query_count_header_unless_asked_for(committee):
    response = client_for(committee).get(reverse("front:signed_in"))
    assert HEADER not in response


def test_the_header_counts_every_query_of_the_request(committee, settings):
    settings.MIDDLEWARE = [WITH_HEADER, *settings.MIDDLEWARE]
    client = client_for(committee)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("front:dashboard"))
    assert response.status_code == 200
    assert int(response[HEADER]) == len(captured.captured_queries) > 0
