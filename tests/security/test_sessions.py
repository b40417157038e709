"""Sessions end after 30 idle minutes and at most 10 hours after sign-in, however active; a
deactivated user's next request is refused."""
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_user

PASSWORD = "a-Long-test-passw0rd"


@pytest.fixture
def officer(db):
    return make_user("olwen", "Officer", "Olwen", "Ownerby")


@pytest.fixture
def traveller():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def signed_in_client(username="olwen"):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def dashboard(client):
    return client.get(reverse("front:dashboard"))


def sent_to_login(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_session_survives_29_idle_minutes(officer, traveller):
    client = signed_in_client()
    traveller.shift(timedelta(minutes=29))
    assert dashboard(client).status_code == 200


def test_a_session_ends_after_30_idle_minutes(officer, traveller):
    client = signed_in_client()
    traveller.shift(timedelta(minutes=30, seconds=1))
    assert sent_to_login(dashboard(client))


def test_each_request_restarts_the_idle_clock(officer, traveller):
    client = signed_in_client()
    for _ in range(4):
        traveller.shift(timedelta(minutes=20))
        assert dashboard(client).status_code == 200


def test_an_active_session_ends_10_hours_after_sign_in(officer, traveller):
    client = signed_in_client()
    for _ in range(23):  # a request every 25 minutes: 9 hours 35 minutes in all
        traveller.shift(timedelta(minutes=25))
        assert dashboard(client).status_code == 200

    traveller.shift(timedelta(minutes=25, seconds=1))
    response = dashboard(client)

    assert sent_to_login(response)
    assert sent_to_login(dashboard(client))
    login_page = client.get(response["Location"])
    assert "Your session has ended after 10 hours" in login_page.content.decode()


def test_signing_in_again_starts_a_new_10_hours(officer, traveller):
    client = signed_in_client()
    traveller.shift(timedelta(hours=9, minutes=50))
    client = signed_in_client()
    traveller.shift(timedelta(minutes=20))
    assert dashboard(client).status_code == 200


def test_a_deactivated_users_next_request_is_refused(officer):
    client = signed_in_client()
    assert dashboard(client).status_code == 200

    officer.is_active = False
    officer.save()

    assert sent_to_login(dashboard(client))


def test_a_deactivated_user_cannot_sign_in(officer):
    officer.is_active = False
    officer.save()
    client = Client()

    response = client.post(reverse("login"), {"username": "olwen", "password": PASSWORD})

    assert response.status_code == 200
    assert sent_to_login(dashboard(client))


def test_changing_password_ends_the_users_other_sessions(officer):
    elsewhere = signed_in_client()
    here = signed_in_client()
    new = "another-Long-passw0rd"

    here.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})

    assert dashboard(here).status_code == 200
    assert sent_to_login(dashboard(elsewhere))


def test_signing_out_ends_the_session_on_the_server(officer):
    client = signed_in_client()
    key = client.cookies["sessionid"].value

    client.post(reverse("logout"))

    assert not type(client.session)().exists(key)
    assert sent_to_login(dashboard(client))
