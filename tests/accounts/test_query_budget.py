"""The people pages, the hand-over's form and preview, and the dashboard's data-quality figure cost the
same number of queries (at most 15) with ten times the people and records. The confirmation saves each
record it moves (one history entry each), so it is left out: its cost grows with what moves, by design."""
import pytest
from django.urls import reverse
from django.utils import timezone

from igov.accounts import roles
from tests.accounts.holdings import holdings
from tests.budget import LIST_BUDGET
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def grow(leaver, colleague, start, stop):
    """More records for the leaver, and more people who have left holding records (HR says so)."""
    for n in range(start, stop):
        holdings(leaver, colleague, tag=f"mine-{n}")
        person = make_user(f"person{n}", roles.IG_TEAM, "Pat", f"Person{n}", is_active=n % 2 == 0)
        records = holdings(person, colleague, tag=f"theirs-{n}")
        records["staff"].leaving_date = timezone.localdate()
        records["staff"].save()


def test_the_people_pages_cost_the_same_with_ten_times_the_people_and_records(login, igteam, other_officer,
                                                                              django_assert_max_num_queries):
    leaver = make_user("leaver", roles.IG_TEAM, "Lena", "Leaver")
    successor = make_user("successor", roles.IG_TEAM, "Sunita", "Successor")
    grow(leaver, other_officer, 0, 1)
    client = login(igteam)
    today = timezone.localdate()
    choice = {"successor": successor.pk, "reason": "Left the council", "deactivate": "on",
              "effective_day": today.day, "effective_month": today.month, "effective_year": today.year}
    pages = [("get", "/people/", {}), ("get", "/people/", {"left": "1"}), ("get", "/people/", {"q": "person"}),
             ("get", reverse("people:detail", args=[leaver.pk]), {}),
             ("get", reverse("people:hand_over", args=[leaver.pk]), {}),
             ("post", reverse("people:hand_over", args=[leaver.pk]), choice),
             ("get", "/", {})]

    def visit(method, url, data):
        response = getattr(client, method)(url, data)
        assert response.status_code == 200, url
        return response

    counts = []
    for page in pages:
        with django_assert_max_num_queries(LIST_BUDGET) as queries:
            visit(*page)
        counts.append(len(queries))
    grow(leaver, other_officer, 1, 10)
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            response = visit(*page)
    assert "80 records will move" in response.content.decode() or page[1] == "/"
