"""Sign-in: django-axes locks a username on one network address after 5 failures for 15 minutes
(username + address, because a council's staff share one NAT address); passwords may be up to
128 characters; signing in gives a new session key."""
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_user

PASSWORD = "a-Long-test-passw0rd"
OFFICE = "192.0.2.10"  # the council's one public (NAT) address


@pytest.fixture
def officer(db):
    return make_user("olwen", "Officer", "Olwen", "Ownerby")


def sign_in(client, username, password=PASSWORD, address=OFFICE):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, username, address=OFFICE):
    for _ in range(5):
        response = sign_in(client, username, "wrong-password-123", address)
    return response


def is_signed_in(client):
    return client.get(reverse("front:dashboard"), REMOTE_ADDR=OFFICE).status_code == 200


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(officer):
    client = Client()
    response = sign_in(client, "olwen", "wrong-password-123")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert not is_signed_in(client)


def test_five_failures_lock_the_username_with_a_clear_message(officer):
    client = Client()

    response = fail_five_times(client, "olwen")

    assert response.status_code == 429
    text = response.content.decode()
    assert "Your account is locked for 15 minutes" in text
    assert "too many failed attempts" in text


def test_four_failures_do_not_lock(officer):
    client = Client()
    for _ in range(4):
        sign_in(client, "olwen", "wrong-password-123")

    assert sign_in(client, "olwen").status_code == 302
    assert is_signed_in(client)


def test_a_locked_username_cannot_sign_in_even_with_the_right_password(officer):
    fail_five_times(Client(), "olwen")
    client = Client()

    response = sign_in(client, "olwen")

    assert response.status_code == 429
    assert not is_signed_in(client)


def test_a_colleague_behind_the_same_address_is_not_locked(officer):
    make_user("otto", "Officer", "Otto", "Otherton")
    fail_five_times(Client(), "olwen")
    client = Client()

    assert sign_in(client, "otto").status_code == 302
    assert is_signed_in(client)


def test_the_same_username_from_another_address_is_not_locked(officer):
    fail_five_times(Client(), "olwen", address=OFFICE)
    client = Client()

    assert sign_in(client, "olwen", address="198.51.100.7").status_code == 302


def test_the_lock_lifts_15_minutes_after_the_fifth_failure_even_if_tried_meanwhile(officer):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail_five_times(Client(), "olwen")
        traveller.shift(timedelta(minutes=14))
        assert sign_in(Client(), "olwen").status_code == 429
        traveller.shift(timedelta(minutes=1, seconds=1))
        client = Client()
        assert sign_in(client, "olwen").status_code == 302
        assert is_signed_in(client)


def test_a_successful_sign_in_clears_earlier_failures(officer):
    for _ in range(4):
        sign_in(Client(), "olwen", "wrong-password-123")
    sign_in(Client(), "olwen")
    for _ in range(4):
        sign_in(Client(), "olwen", "wrong-password-123")

    assert sign_in(Client(), "olwen").status_code == 302


def test_signing_in_rotates_the_session_key(officer):
    client = Client()
    session = client.session
    session["seen_cookie_notice"] = True
    session.save()
    before = session.session_key

    sign_in(client, "olwen")

    after = client.cookies["sessionid"].value
    assert after != before
    assert not type(session)().exists(before)
    assert client.session["seen_cookie_notice"] is True


def test_a_password_of_128_characters_is_accepted(officer):
    validate_password("Ab1-" * 32, officer)


def test_a_password_over_128_characters_is_refused(officer):
    with pytest.raises(ValidationError) as refused:
        validate_password("Ab1-" * 32 + "x", officer)
    assert "at most 128 characters" in str(refused.value)


def test_changing_to_a_too_long_password_shows_the_reason(officer):
    client = Client()
    sign_in(client, "olwen")
    too_long = "Ab1-" * 40

    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": too_long,
                                                         "new_password2": too_long})

    assert response.status_code == 200
    assert "at most 128 characters" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_a_128_character_password_can_be_used_to_sign_in(officer):
    long_password = "Ab1-" * 32
    officer.set_password(long_password)
    officer.save()

    assert sign_in(Client(), "olwen", long_password).status_code == 302
