"""Every redirect to an address the user supplied (`?next=`, a `next` field) goes only to a path on
this site: never to another site, another scheme or a view name, and never a server error. A safe
local `next` is still followed. The places: the admin's sign-in, the sign-in page (on success and
when already signed in), the code step of sign-in, verifying a session with a code, signing out,
and the bulk changes on the actions list."""
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import client_for
from tests.security.conftest import PASSWORD, code_for

HOSTILE = ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)",
           "http://testserver@evil.example/", "/\t/evil.example", "nosuchname", "admin:index"]
DASHBOARD = "/"


def assert_goes_to(response, expected):
    assert response.status_code == 302
    assert response["Location"] == expected


# --- the admin's sign-in ---

@pytest.mark.parametrize("target", HOSTILE)
def test_the_admin_sign_in_sends_a_signed_in_administrator_only_to_the_admin(admin_user, target):
    response = client_for(admin_user).get(reverse("admin:login"), {"next": target})
    assert_goes_to(response, reverse("admin:index"))


def test_the_admin_sign_in_follows_a_local_next(admin_user):
    response = client_for(admin_user).get(reverse("admin:login"), {"next": "/admin/auth/user/"})
    assert_goes_to(response, "/admin/auth/user/")


@pytest.mark.parametrize("target", HOSTILE)
def test_the_admin_sign_in_passes_only_a_local_next_to_the_sign_in_page(db, target):
    response = Client().get(reverse("admin:login"), {"next": target})
    assert_goes_to(response, f"{reverse('login')}?next=/admin/")


@pytest.mark.parametrize("target", HOSTILE)
@override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=True)
def test_verifying_an_administrator_on_the_way_to_the_admin_ends_in_the_admin(admin_user, clock, target):
    device = TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)
    client = client_for(admin_user)
    on_the_way = client.get(reverse("admin:login"), {"next": target})
    assert on_the_way["Location"].startswith(reverse("two_factor") + "?next=%2Fadmin%2Flogin%2F")

    response = client.post(reverse("two_factor"), {"code": code_for(device), "next": f"/admin/login/?next={target}"},
                           follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert response.status_code == 200


# --- the sign-in page ---

@pytest.mark.parametrize("target", HOSTILE)
def test_signing_in_goes_only_to_a_local_next(owner, target):
    response = Client().post(reverse("login"), {"username": "owner", "password": PASSWORD, "next": target})
    assert_goes_to(response, DASHBOARD)


def test_signing_in_follows_a_local_next(owner):
    response = Client().post(reverse("login"), {"username": "owner", "password": PASSWORD, "next": "/actions/"})
    assert_goes_to(response, "/actions/")


@pytest.mark.parametrize("target", HOSTILE)
def test_the_sign_in_page_sends_someone_signed_in_only_to_a_local_next(owner, target):
    response = client_for(owner).get(reverse("login"), {"next": target})
    assert_goes_to(response, DASHBOARD)


# --- the code step and verifying a session ---

@pytest.mark.parametrize("target", HOSTILE)
def test_the_code_step_goes_only_to_a_local_next(owner, clock, target):
    device = TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    client = Client()
    client.post(reverse("login"), {"username": "owner", "password": PASSWORD, "next": target})

    response = client.post(reverse("login_code"), {"code": code_for(device)})

    assert_goes_to(response, DASHBOARD)


@pytest.mark.parametrize("target", [*HOSTILE, "/actions/"])
def test_verifying_a_session_goes_only_to_a_local_next(owner, clock, target):
    device = TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)

    response = client_for(owner).post(reverse("two_factor"), {"code": code_for(device), "next": target})

    assert_goes_to(response, "/actions/" if target == "/actions/" else DASHBOARD)


# --- signing out ---

@pytest.mark.parametrize("target", [*HOSTILE, "/actions/"])
def test_signing_out_goes_only_to_a_local_next(owner, target):
    response = client_for(owner).post(reverse("logout"), {"next": target})
    assert_goes_to(response, "/actions/" if target == "/actions/" else reverse("login"))


# --- the actions list's bulk changes: back to the list, with only its query string ---

@pytest.mark.parametrize("target", HOSTILE)
@pytest.mark.parametrize("url_name, member", [("actions:bulk_status", "igteam"), ("actions:bulk_sign_off", "board")])
def test_a_bulk_change_goes_back_only_to_the_actions_list(cast, url_name, member, target):
    response = client_for(cast[member]).post(reverse(url_name), {"next": target})
    assert_goes_to(response, reverse("actions:list"))


@pytest.mark.parametrize("url_name, member", [("actions:bulk_status", "igteam"), ("actions:bulk_sign_off", "board")])
def test_a_bulk_change_keeps_the_lists_filters(cast, url_name, member):
    response = client_for(cast[member]).post(reverse(url_name), {"next": "?status=completed"})
    assert_goes_to(response, reverse("actions:list") + "?status=completed")
