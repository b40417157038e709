import re

import pytest
from django.contrib.auth.models import User

from actions.models import Action, ActionPlan
from tests.budget import measure_at_scales, seed_demo
from tests.conftest import client_for

REGISTERS = ["actions", "risks", "assets", "training"]

# Each plan's own sentence (StatusCounts.sentence), never a merged total.
PLAN_RE = re.compile(r"Of the (\d+) actions?, (\d+) ha(?:s|ve) been completed, (\d+) (?:is|are) in progress and (\d+) "
                     r"(?:is|are) yet to be started(?:; (\d+) ha(?:s|ve) been superseded)?"
                     r"(?:; (\d+) ha(?:s|ve) been withdrawn)?\."
                     r"(?: (\d+) more actions? ha(?:s|ve) been added by the council since the plan was agreed\.)?")


@pytest.mark.slow
def test_the_dashboard_figures_come_from_the_registers_and_add_up(db, django_assert_max_num_queries):
    seed_demo(1, REGISTERS)
    client = client_for(User.objects.get(username="igteam"))
    # Not a list but four registers' summaries: a fixed budget of 20, the same at any scale.
    measure_at_scales({"IG team": (client, ["/"])}, django_assert_max_num_queries, only=REGISTERS, budget=20)
    page = client.get("/").content.decode()
    plans = [[int(n or 0) for n in found.groups()] for found in PLAN_RE.finditer(page)]
    assert len(plans) == ActionPlan.objects.filter(actions__isnull=False).distinct().count() >= 2
    # Each plan's agreed set and, named apart, the actions added since: every action, once.
    assert sum(total + added for total, *_parts, added in plans) == Action.objects.count()
    for total, *parts, _added in plans:
        assert sum(parts) == total
    assert "Information risks" in page and "Information assets" in page
    assert re.search(r"\d+(\.\d)?% of staff in scope have a valid completion", page)


def test_a_committee_member_sees_counts_and_no_one_by_name(login, committee, owner):
    page = login(committee).get("/").content.decode()
    assert "Of the 0 actions" in page
    assert "My actions" not in page and owner.get_full_name() not in page


def test_the_board_sees_the_actions_and_risks_cards(login, board):
    page = login(board).get("/").content.decode()
    assert "Audit actions" in page and "Information risks" in page
    assert "Information assets" not in page


def test_the_board_is_shown_what_awaits_its_sign_off(login, board):
    page = login(board).get("/").content.decode()
    assert "Completed, awaiting sign-off" in page
    assert "/actions/list/?sign_off=awaiting" in page
