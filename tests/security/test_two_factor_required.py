"""With OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM (on in production), an administrator or IG-team member
signed in without a verified second factor reaches only the pages to set one up or enter its code,
to sign out and to change their password. Every other page, igov's and the admin's, GET or POST,
sends them to the two-factor page: to set a device up, or to verify the session with its code."""
import pytest
from django.contrib import admin
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.models import ActionPlan
from igov.accounts.middleware import OPEN_WITHOUT_SECOND_FACTOR
from tests import access
from tests.security.conftest import PASSWORD, code_for

pytestmark = pytest.mark.usefixtures("required")


@pytest.fixture
def required():
    with override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=True):
        yield


def sent_to_two_factor(response, url) -> bool:
    return response.status_code == 302 and response["Location"] == f"{reverse('two_factor')}?{urlencode({'next': url})}"


def every_url(objects):
    """Every named igov URL the access matrix knows, the admin's index and every admin change list."""
    return [access.url_of(name, objects) for name in access.RULES if name not in OPEN_WITHOUT_SECOND_FACTOR] + [
        reverse("admin:index"), *(reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
                                  for m in admin.site._registry)]


@pytest.mark.parametrize("member", ["admin", "igteam"])
def test_without_a_device_every_page_sends_them_to_set_one_up(member, cast, objects, login):
    client = login(cast[member])
    urls = every_url(objects)

    held = [url for url in urls if sent_to_two_factor(client.get(url), url)]

    assert held == urls
    assert len(urls) > 80
    assert "Set up two-factor authentication" in client.get(reverse("two_factor")).content.decode()


@pytest.mark.parametrize("member", ["admin", "igteam"])
def test_a_change_posted_without_a_verified_second_factor_is_not_made(member, cast, login):
    url = reverse("actions:plan_create")

    response = login(cast[member]).post(url, {"title": "Sneaked in", "source_kind": "other"})

    assert sent_to_two_factor(response, url)
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize("member", ["owner", "board", "committee"])
def test_officers_the_board_and_committee_members_are_not_held_back(member, cast, login):
    assert login(cast[member]).get(reverse("front:dashboard")).status_code == 200


def test_setting_up_signing_out_and_changing_the_password_stay_open(igteam, login):
    client = login(igteam)
    assert client.get(reverse("two_factor")).status_code == 200
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("password_change_done")).status_code == 200
    assert client.post(reverse("two_factor_start"))["Location"] == reverse("two_factor_setup")
    assert client.get(reverse("two_factor_setup")).status_code == 200
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_a_password_can_be_changed_before_setting_up(igteam, login):
    client = login(igteam)
    new = "an-Even-longer-passw0rd"

    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new,
                                                        "new_password2": new})

    assert response["Location"] == reverse("password_change_done")
    igteam.refresh_from_db()
    assert igteam.check_password(new)


def test_setting_up_a_device_opens_the_service_and_the_admin(admin_user, login, clock):
    client = login(admin_user)
    client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=admin_user)

    client.post(reverse("two_factor_setup"), {"code": code_for(device), "password": PASSWORD})

    assert client.get(reverse("front:dashboard")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_a_device_but_no_code_this_session_they_are_asked_for_the_code(igteam, login, clock):
    device = TOTPDevice.objects.create(user=igteam, name="Phone", confirmed=True)
    client = login(igteam)  # as if signed in before the device was set up

    response = client.get(reverse("actions:list"), follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('two_factor')}?next=%2Factions%2Flist%2F"
    assert "Verify this session" in response.content.decode()
    verified = client.post(reverse("two_factor"), {"code": code_for(device), "next": "/actions/list/"})
    assert verified["Location"] == "/actions/list/"
    assert client.get(reverse("actions:list")).status_code == 200


def test_signing_in_with_password_and_code_reaches_everything(igteam, clock):
    device = TOTPDevice.objects.create(user=igteam, name="Phone", confirmed=True)
    client = Client()
    client.post(reverse("login"), {"username": "igteam", "password": PASSWORD})
    client.post(reverse("login_code"), {"code": code_for(device)})

    assert client.get(reverse("front:dashboard")).status_code == 200


@override_settings(OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM=False)
def test_without_the_setting_nobody_is_held_back(igteam, admin_user, login):
    assert login(igteam).get(reverse("front:dashboard")).status_code == 200
    assert login(admin_user).get(reverse("admin:index")).status_code == 200


def test_the_ig_team_cannot_turn_off_a_required_second_factor(igteam, login, clock):
    device = TOTPDevice.objects.create(user=igteam, name="Phone", confirmed=True)
    client = login(igteam)
    client.post(reverse("two_factor"), {"code": code_for(device)})

    client.post(reverse("two_factor_disable"), {"off-code": code_for(device, shift=30), "off-password": PASSWORD})

    assert TOTPDevice.objects.filter(pk=device.pk).exists()
