"""Every second factor turned on or off is recorded: whose, when, which device, who did it (the user,
or an administrator deleting a lost device) and from which address. The record is read-only in the
admin, which may delete a device but never add one, change one or show its secret."""
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from igov.accounts.models import TwoFactorEvent
from tests.conftest import make_user
from tests.security.conftest import PASSWORD, code_for

ADDRESS = "192.0.2.7"


@pytest.fixture
def officer(db):
    return make_user("olwen", "Officer", "Olwen", "Ownerby")


@pytest.fixture
def device(officer):
    return TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)


def test_turning_it_on_records_who_when_which_device_and_from_where(officer, login, clock):
    client = login(officer)
    client.post(reverse("two_factor_start"))
    device = TOTPDevice.objects.get(user=officer)

    client.post(reverse("two_factor_setup"), {"code": code_for(device), "password": PASSWORD}, REMOTE_ADDR=ADDRESS)

    event = TwoFactorEvent.objects.get()
    assert event.kind == TwoFactorEvent.Kind.ENROLLED
    assert (event.user, event.username, event.by) == (officer, "olwen", officer)
    assert event.device == f"Authenticator app ({device.persistent_id})"
    assert event.ip_address == ADDRESS
    assert abs(event.at - timezone.now()) < timedelta(seconds=5)


def test_turning_it_off_is_recorded(device, login, clock):
    login(device.user).post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": PASSWORD},
                            REMOTE_ADDR=ADDRESS)

    event = TwoFactorEvent.objects.get()
    assert (event.kind, event.user, event.by, event.ip_address) == (
        TwoFactorEvent.Kind.REMOVED, device.user, device.user, ADDRESS)
    assert device.persistent_id in event.device


def test_a_refused_attempt_records_nothing(officer, device, login, clock):
    client = login(officer)
    client.post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": "wrong-Passw0rd-xx"})
    assert not TwoFactorEvent.objects.exists()


def test_an_administrator_deleting_a_lost_device_is_recorded_as_theirs(device, admin_user, login):
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])

    login(admin_user).post(url, {"post": "yes"}, REMOTE_ADDR=ADDRESS)

    assert not TOTPDevice.objects.exists()
    event = TwoFactorEvent.objects.get()
    assert (event.kind, event.user, event.by, event.ip_address) == (
        TwoFactorEvent.Kind.REMOVED, device.user, admin_user, ADDRESS)


def test_deleting_devices_from_the_admin_list_records_each(device, admin_user, login):
    other = TOTPDevice.objects.create(user=make_user("otto", "Officer"), name="Phone", confirmed=True)

    login(admin_user).post(reverse("admin:otp_totp_totpdevice_changelist"), {
        "action": "delete_selected", ACTION_CHECKBOX_NAME: [device.pk, other.pk], "post": "yes"})

    assert not TOTPDevice.objects.exists()
    assert sorted(TwoFactorEvent.objects.values_list("username", flat=True)) == ["olwen", "otto"]


def test_the_record_outlives_the_users_account(device, login, clock):
    login(device.user).post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": PASSWORD})

    device.user.delete()

    event = TwoFactorEvent.objects.get()
    assert (event.user, event.by, event.username) == (None, None, "olwen")


def test_the_record_is_read_only_in_the_admin(device, admin_user, login, clock):
    login(device.user).post(reverse("two_factor_disable"), {"off-code": code_for(device), "off-password": PASSWORD})
    event = TwoFactorEvent.objects.get()
    client = login(admin_user)
    change = reverse("admin:accounts_twofactorevent_change", args=[event.pk])

    assert "olwen" in client.get(reverse("admin:accounts_twofactorevent_changelist")).content.decode()
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change, {"username": "someone-else"}).status_code == 403
    assert client.get(reverse("admin:accounts_twofactorevent_add")).status_code == 403
    delete = reverse("admin:accounts_twofactorevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.username == "olwen"


def test_the_admin_cannot_add_a_device_for_someone_change_one_or_see_its_secret(officer, device, admin_user, login):
    client = login(admin_user)
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])

    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    assert client.post(change, {"user": admin_user.pk, "name": "Mine now", "confirmed": "on"}).status_code == 403
    assert device.key not in client.get(change).content.decode()
    assert client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk])).status_code == 403
    device.refresh_from_db()
    assert (device.user, device.name) == (officer, "Authenticator app")
