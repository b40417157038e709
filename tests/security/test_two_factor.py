"""Optional two-factor authentication (TOTP): setting it up and turning it off (each with the
password typed again), the code step of sign-in, and the admin needing a verified session when
OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM is on."""
import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import make_user
from tests.security.conftest import PASSWORD, code_for


@pytest.fixture
def officer(db):
    return make_user("olwen", "Officer", "Olwen", "Ownerby")


@pytest.fixture
def device(officer):
    return TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)


def password_step(client, username="olwen", next_url=None):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD})


def is_signed_in(client):
    return client.get(reverse("front:dashboard")).status_code == 200


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- setting it up ---

def test_two_factor_is_off_until_set_up(officer, login):
    response = login(officer).get(reverse("two_factor"))
    assert response.status_code == 200
    assert "Set up two-factor authentication" in response.content.decode()


def test_starting_set_up_shows_a_qr_code_and_the_key_as_text(officer, login):
    client = login(officer)

    response = client.post(reverse("two_factor_start"), follow=True)

    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    text = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("two_factor_setup")
    assert '<svg width="' in text and 'class="igov-qr"' in text
    key = "".join(re.findall(r"<span>([A-Z2-7]{1,4})</span>", text))
    assert b32decode(key) == device.bin_key


def test_the_set_up_page_has_no_inline_script_or_style_the_csp_would_block(officer, login):
    client = login(officer)
    text = client.post(reverse("two_factor_start"), follow=True).content.decode()

    assert "style=" not in text
    assert "<style" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text)
    assert not re.search(r"\son[a-z]+\s*=", text)  # no onclick= and the like


def test_a_right_code_confirms_the_device_and_verifies_the_session(officer, login, clock):
    client = login(officer)
    client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=officer)

    response = client.post(reverse("two_factor_setup"), {"code": code_for(device), "password": PASSWORD},
                           follow=True)

    device.refresh_from_db()
    assert device.confirmed
    assert "Two-factor authentication is on" in " ".join(messages_of(response))
    assert client.session["otp_device_id"] == device.persistent_id


def test_a_wrong_code_does_not_confirm_the_device(officer, login, clock):
    client = login(officer)
    client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=officer)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("two_factor_setup"), {"code": wrong, "password": PASSWORD})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_starting_again_replaces_an_unconfirmed_key(officer, login):
    client = login(officer)
    client.post(reverse("two_factor_start"))
    first = TOTPDevice.objects.get(user=officer).key

    client.post(reverse("two_factor_start"))

    assert TOTPDevice.objects.get(user=officer).key != first


def test_starting_set_up_with_a_device_already_on_changes_nothing(device, login):
    login(device.user).post(reverse("two_factor_start"))
    assert list(TOTPDevice.objects.filter(user=device.user)) == [device]


def test_the_set_up_page_cannot_be_reached_by_get_alone_with_no_key_made(officer, login):
    response = login(officer).get(reverse("two_factor_setup"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()


# --- signing in ---

def test_a_user_without_a_device_signs_in_with_the_password_alone(officer):
    client = Client()
    assert password_step(client)["Location"] == reverse("front:dashboard")
    assert is_signed_in(client)


def test_a_user_with_a_device_is_asked_for_the_code_before_being_signed_in(device):
    client = Client()

    response = password_step(client)

    assert response["Location"] == reverse("login_code")
    assert not is_signed_in(client)
    page = client.get(reverse("login_code"))
    assert "Enter your code" in page.content.decode()


def test_the_right_code_signs_in_with_a_verified_session(device, clock):
    client = Client()
    password_step(client)

    response = client.post(reverse("login_code"), {"code": code_for(device)})

    assert response["Location"] == reverse("front:dashboard")
    assert is_signed_in(client)
    assert client.session["otp_device_id"] == device.persistent_id


def test_the_code_step_rotates_the_session_key(device, clock):
    client = Client()
    password_step(client)
    before = client.cookies["sessionid"].value

    client.post(reverse("login_code"), {"code": code_for(device)})

    assert client.cookies["sessionid"].value != before


def test_the_code_step_keeps_where_the_user_was_going(device, clock):
    client = Client()
    password_step(client, next_url="/actions/")

    response = client.post(reverse("login_code"), {"code": code_for(device)})

    assert response["Location"] == "/actions/"


def test_a_wrong_code_does_not_sign_in(device, clock):
    client = Client()
    password_step(client)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("login_code"), {"code": wrong})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_signed_in(client)


def test_a_code_cannot_be_used_twice(device, clock):
    code = code_for(device)
    first = Client()
    password_step(first)
    first.post(reverse("login_code"), {"code": code})
    second = Client()
    password_step(second)

    response = second.post(reverse("login_code"), {"code": code})

    assert "That code is not right, or has been used already" in response.content.decode()
    assert not is_signed_in(second)


def test_repeated_wrong_codes_are_throttled(device, clock):
    client = Client()
    password_step(client)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    for _ in range(3):
        client.post(reverse("login_code"), {"code": wrong})

    response = client.post(reverse("login_code"), {"code": code_for(device)})

    assert "Too many wrong codes. Wait" in response.content.decode()
    assert not is_signed_in(client)


def test_the_code_step_expires_after_five_minutes(device, clock):
    client = Client()
    password_step(client)
    clock.shift(timedelta(minutes=5, seconds=1))

    response = client.post(reverse("login_code"), {"code": code_for(device)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert "The time to enter your code ran out" in response.content.decode()
    assert not is_signed_in(client)


def test_the_code_step_without_a_password_goes_back_to_sign_in(device):
    response = Client().post(reverse("login_code"), {"code": "123456"})
    assert response["Location"] == reverse("login")


def test_a_user_deactivated_between_password_and_code_is_not_signed_in(device, clock):
    client = Client()
    password_step(client)
    device.user.is_active = False
    device.user.save()

    client.post(reverse("login_code"), {"code": code_for(device)})

    assert not is_signed_in(client)


# --- turning it off ---

def test_a_user_can_turn_it_off_with_a_current_code_and_their_password(device, login, clock):
    client = login(device.user)

    response = client.post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": PASSWORD},
                           follow=True)

    assert not TOTPDevice.objects.exists()
    assert "Two-factor authentication is off" in " ".join(messages_of(response))


def test_turning_it_off_needs_the_right_code(device, login, clock):
    response = login(device.user).post(reverse("two_factor_disable"), {"off-code": "000000",
                                                                        "off-password": PASSWORD})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


# --- the admin ---

@pytest.fixture
def administrator(db):
    return make_user("ada", None, "Ada", "Administrator", is_superuser=True, is_staff=True)


def test_without_the_production_setting_an_administrator_needs_no_code(administrator, login):
    assert login(administrator).get(reverse("admin:index")).status_code == 200


@override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=True)
def test_an_administrator_without_a_verified_session_is_sent_to_verify(administrator, login):
    client = login(administrator)

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("two_factor") + "?next=%2Fadmin%2F"
    assert "Administrators and the IG team must use two-factor authentication" in response.content.decode()
    assert "Set up two-factor authentication" in response.content.decode()


@override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=True)
def test_an_administrator_who_verifies_the_session_reaches_the_admin(administrator, login, clock):
    device = TOTPDevice.objects.create(user=administrator, name="Phone", confirmed=True)
    client = login(administrator)

    response = client.post(reverse("two_factor"), {"code": code_for(device), "next": "/admin/"})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=True)
def test_an_administrator_signing_in_with_the_code_reaches_the_admin(administrator, clock):
    device = TOTPDevice.objects.create(user=administrator, name="Phone", confirmed=True)
    client = Client()
    password_step(client, "ada", next_url="/admin/")

    client.post(reverse("login_code"), {"code": code_for(device)})

    assert client.get("/admin/auth/user/").status_code == 200


@override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=True)
def test_an_administrator_cannot_turn_off_a_required_second_factor(administrator, login, clock):
    device = TOTPDevice.objects.create(user=administrator, name="Phone", confirmed=True)

    login(administrator).post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": PASSWORD})

    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_admin_signs_in_through_the_service_sign_in(db):
    response = Client().get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login") + "?next=/admin/"


def test_a_signed_in_non_administrator_is_refused_by_the_admin(officer, login):
    response = login(officer).get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_a_code_typed_with_a_space_in_the_middle_is_accepted(device, clock):
    client = Client()
    password_step(client)
    code = code_for(device)

    client.post(reverse("login_code"), {"code": f" {code[:3]} {code[3:]} "})

    assert is_signed_in(client)
