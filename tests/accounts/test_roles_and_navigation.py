import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.conftest import client_for, made_once

NAV = {
    "officer": ["Dashboard", "Actions", "Risks", "Assets", "Training", "Organisation"],
    "igteam": ["Dashboard", "Actions", "Risks", "Assets", "Training", "Organisation", "Committee", "People"],
    "board": ["Dashboard", "Actions", "Risks", "Organisation", "Committee"],
    "committee": ["Dashboard", "Actions", "Risks", "Assets", "Training", "Organisation", "Committee"],
    "admin": ["Dashboard", "Actions", "Risks", "Assets", "Training", "Organisation", "Committee", "People", "Admin"],
}
ALL_ITEMS = ["Dashboard", "Actions", "Risks", "Assets", "Training", "Organisation", "Committee", "People", "Admin"]


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo users and data, seeded once for the module: every test here sees them."""
    with made_once(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))
        yield


@pytest.fixture
def demo(demo_once, db):
    pass


@pytest.mark.parametrize("username", list(NAV))
def test_each_demo_user_signs_in_with_the_demo_password_and_sees_only_their_navigation(demo, username):
    from django.test import Client

    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "igov-demo"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    page = response.content.decode()
    links = re.findall(r'class="govuk-service-navigation__link" href="[^"]*"[^>]*>\s*(?:<strong[^>]*>)?(\w+)', page)
    assert [label for label in links if label in ALL_ITEMS] == NAV[username]


def test_a_committee_member_is_refused_the_ig_teams_page(demo):
    response = client_for(User.objects.get(username="committee")).get("/committee/meetings/add/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(demo):
    response = client_for(None).get("/risks/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/risks/"


def test_a_wrong_password_gets_a_clear_message(demo):
    from django.test import Client

    response = Client().post("/accounts/login/", {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
