"""Turning two-factor authentication on or off takes the user's password, typed again in the same
form: a session alone (left open, or stolen) cannot bind a second factor or remove one. A wrong
password says so, changes nothing, leaves the code unused, and counts towards sign-in lockout."""
import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import make_user
from tests.security.conftest import PASSWORD, code_for

WRONG = "not-the-Passw0rd-at-all"


@pytest.fixture
def officer(db):
    return make_user("olwen", "Officer", "Olwen", "Ownerby")


@pytest.fixture
def setting_up(officer, login):
    """A signed-in client with a new key made, not yet confirmed."""
    client = login(officer)
    client.post(reverse("two_factor_start"))
    return client, TOTPDevice.objects.get(user=officer)


@pytest.fixture
def device(officer):
    return TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)


def is_signed_in(client):
    return client.get(reverse("front:dashboard")).status_code == 200


# --- turning it on ---

def test_the_set_up_form_asks_for_the_password(setting_up):
    client, _ = setting_up
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert 'type="password"' in page and 'autocomplete="current-password"' in page


def test_a_right_code_without_the_password_does_not_turn_it_on(setting_up, clock):
    client, device = setting_up

    response = client.post(reverse("two_factor_setup"), {"code": code_for(device)})

    assert response.status_code == 200
    assert "Enter your password" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_a_right_code_with_a_wrong_password_does_not_turn_it_on_and_says_why(setting_up, clock):
    client, device = setting_up

    response = client.post(reverse("two_factor_setup"), {"code": code_for(device), "password": WRONG})

    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_a_wrong_password_leaves_the_code_unused(setting_up, clock):
    client, device = setting_up
    code = code_for(device)
    client.post(reverse("two_factor_setup"), {"code": code, "password": WRONG})

    client.post(reverse("two_factor_setup"), {"code": code, "password": PASSWORD})

    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_password_at_set_up_counts_as_a_failed_sign_in(setting_up, clock):
    client, device = setting_up

    client.post(reverse("two_factor_setup"), {"code": code_for(device), "password": WRONG})

    assert AccessAttempt.objects.get(username="olwen").failures_since_start == 1


def test_five_wrong_passwords_at_set_up_lock_the_account_and_end_the_session(setting_up, clock):
    client, device = setting_up
    for _ in range(5):
        response = client.post(reverse("two_factor_setup"), {"code": code_for(device), "password": WRONG})

    assert response.status_code == 429
    assert "Your account is locked for 15 minutes" in response.content.decode()
    assert not is_signed_in(client)
    device.refresh_from_db()
    assert not device.confirmed
    again = Client().post(reverse("login"), {"username": "olwen", "password": PASSWORD})
    assert again.status_code == 429


# --- turning it off ---

def test_the_turn_off_form_asks_for_the_password(device, login):
    page = login(device.user).get(reverse("two_factor")).content.decode()
    assert 'name="off-password"' in page


def test_a_right_code_without_the_password_does_not_turn_it_off(device, login, clock):
    response = login(device.user).post(reverse("two_factor_disable"), {"off-code": code_for(device)})

    assert response.status_code == 200
    assert "Enter your password" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_right_code_with_a_wrong_password_does_not_turn_it_off_and_says_why(device, login, clock):
    client = login(device.user)

    response = client.post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": WRONG})

    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AccessAttempt.objects.get(username="olwen").failures_since_start == 1


def test_five_wrong_passwords_when_turning_it_off_lock_the_account_and_end_the_session(device, login, clock):
    client = login(device.user)
    for _ in range(5):
        response = client.post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": WRONG})

    assert response.status_code == 429
    assert not is_signed_in(client)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
