import re

import pytest
from django.contrib.auth.models import User

from actions.models import Action
from tests.budget import measure_at_scales, seed_demo
from tests.conftest import client_for

REGISTERS = ["actions", "risks", "assets", "training"]

TODAY_RE = re.compile(r"Of the (\d+) actions, (\d+) have been completed, (\d+) are in progress and (\d+) are yet to be "
                      r"started; (\d+) superseded")


@pytest.mark.slow
def test_the_dashboard_figures_come_from_the_registers_and_add_up(db, django_assert_max_num_queries):
    seed_demo(1, REGISTERS)
    client = client_for(User.objects.get(username="igteam"))
    # Not a list but four registers' summaries: a fixed budget of 20, the same at any scale.
    measure_at_scales({"IG team": (client, ["/"])}, django_assert_max_num_queries, only=REGISTERS, budget=20)
    page = client.get("/").content.decode()
    total, completed, in_progress, not_started, superseded = map(int, TODAY_RE.search(page).groups())
    assert total == Action.objects.count()
    assert completed + in_progress + not_started + superseded == total
    assert "Information risks" in page and "Information assets" in page
    assert re.search(r"\d+(\.\d)?% of staff in scope have a valid completion", page)


def test_a_committee_member_sees_counts_and_no_one_by_name(login, committee, owner):
    page = login(committee).get("/").content.decode()
    assert "Of the 0 actions" in page
    assert "My actions" not in page and owner.get_full_name() not in page


def test_the_board_sees_only_the_actions_card(login, board):
    page = login(board).get("/").content.decode()
    assert "Audit actions" in page
    assert "Information risks" not in page and "Information assets" not in page


def test_the_board_is_shown_what_awaits_its_sign_off(login, board):
    page = login(board).get("/").content.decode()
    assert "Completed, awaiting sign-off" in page
    assert "/actions/list/?sign_off=awaiting" in page
