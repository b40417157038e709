"""Every training page costs the same number of queries at demo scale 1 (3,000 staff) and 10 (30,000).

One test seeds both scales once for every reader: the scale-10 seed is most of the time it takes.
"""
import pytest
from django.contrib.auth.models import User

from igov.accounts import roles
from tests.budget import measure_at_scales, seed_demo
from tests.conftest import client_for, make_user
from training.models import StaffMember

pytestmark = pytest.mark.slow

SERVICE = "/training/units/RES-RB/"


def test_training_pages_keep_to_the_query_budget_for_the_ig_team_the_committee_and_an_officer(
        db, django_assert_max_num_queries):
    seed_demo(1, ["training"])
    priya = StaffMember.objects.get(email="officer@example.gov.uk")
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    # The demo officer works in SERVICE, so she sees its staff still to complete.
    officer = client_for(User.objects.get(username="officer"))
    pages = {
        "IG team": (igteam, ["/training/", "/training/?on=2026-03-31", "/training/units/RES/", SERVICE,
                             f"{SERVICE}?format=xlsx", f"/training/staff/{priya.pk}/", "/training/staff/?q=smith",
                             "/training/report/", "/training/report/?format=xlsx", "/training/import/",
                             "/training/imports/"]),
        "committee": (committee, ["/training/", SERVICE, "/training/report/"]),
        "officer": (officer, [SERVICE]),
    }
    counts = measure_at_scales(pages, django_assert_max_num_queries, only=["training"])
    print("training pages, queries at scale 1 (no more at 10):", counts)

    page = officer.get(SERVICE).content.decode()
    assert "Still to complete" in page and "Line manager" in page
