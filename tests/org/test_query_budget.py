"""The organisation pages cost the same number of queries on ten times the data."""
import pytest
from django.contrib.auth.models import User

from igov.accounts import roles
from tests.budget import measure_at_scales, seed_demo
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.slow
APPS = ["actions", "risks", "assets", "training"]


def test_unit_pages_keep_to_the_query_budget_for_every_reader(db, django_assert_max_num_queries):
    seed_demo(1, APPS)
    urls = ["/units/", "/units/CF/", "/units/CF-CSC/", "/units/RES-RB/"]
    pages = {
        "IG team": (client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa")), urls),
        "committee": (client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee")), urls),
        "officer": (client_for(User.objects.get(username="officer")), urls),
        "board": (client_for(make_user("bob", roles.BOARD, "Bob", "Board")), urls[:2]),
    }
    counts = measure_at_scales(pages, django_assert_max_num_queries, only=APPS)
    print("unit pages, queries at scale 1 (no more at 10):", counts)
