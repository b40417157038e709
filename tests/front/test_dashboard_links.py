"""Dashboards that lead somewhere: every figure on a card that links to a list links to exactly as
many rows as it says, for every role; the actions card gives each plan its own sentence, the ICO's
first; an officer's cards are about their own records, with the council's figure beside."""
import pytest
from django.contrib.auth.models import User
from django.urls import resolve

from actions.models import Action
from igov.accounts import roles
from tests.budget import seed_demo
from tests.conftest import client_for, made_once, make_user

pytestmark = pytest.mark.slow
LISTS = {"actions:list", "risks:list", "assets:asset_list", "assets:agreement_list"}


# The tests only read the demo, so each worker seeds it once for the module.
@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with made_once(django_db_blocker):
        with django_db_blocker.unblock():
            seed_demo(1, ["actions", "risks", "assets", "training"])
            people = {"officer": User.objects.get(username="officer"), "igteam": User.objects.get(username="igteam"),
                      "board": User.objects.get(username="board"), "admin": User.objects.get(username="admin"),
                      "imogen": make_user("imogen", roles.IG_TEAM, "Imogen", "Governa")}
        yield people


@pytest.fixture
def demo(seeded, db):
    return seeded


@pytest.mark.parametrize("who", ["officer", "imogen", "board", "admin"])
def test_each_figure_links_to_a_list_of_exactly_that_many_rows(demo, who):
    client = client_for(demo[who])
    cards = client.get("/").context["cards"]
    checked = 0
    for card in cards:
        for label, value, link in card.figures:
            if not link or resolve(link.split("?")[0]).view_name not in LISTS:
                continue
            listed = client.get(link)
            assert listed.status_code == 200, (who, label, link)
            assert listed.context["page"].paginator.count == value, (who, card.title, label, link)
            checked += 1
    assert checked >= 5, who


def test_the_actions_card_gives_each_plan_its_sentence_ico_first(demo):
    card = client_for(demo["imogen"]).get("/").context["cards"][0]
    titles = [title for title, _url, _sentence in card.sentences]
    assert titles[0] == "ICO data protection audit" and len(titles) == len(set(titles)) >= 2
    assert card.sentences[0][2].startswith("Of the 77 actions")


def test_an_officers_cards_are_about_their_own_records_with_the_council_beside(demo):
    officer = demo["officer"]
    cards = {card.title: card for card in client_for(officer).get("/").context["cards"]}
    figures = {label: value for label, value, _link in cards["Audit actions"].figures}
    assert figures["Your actions outstanding"] == Action.objects.owned_by(officer).outstanding().count()
    assert "Overdue, all plans" in figures
    assert "Open risks, whole council" in {label for label, _v, _l in cards["Information risks"].figures}
    assert any(label.startswith("Still to complete in ") for label, _v, _l in cards["Training"].figures)


def test_the_board_sees_the_risk_card(demo):
    titles = [card.title for card in client_for(demo["board"]).get("/").context["cards"]]
    assert "Information risks" in titles
