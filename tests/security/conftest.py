"""What the two-factor tests share: the cast's password, a still clock, and the code a device shows."""
import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import TOTP

PASSWORD = "a-Long-test-passw0rd"


def code_for(device, shift=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + shift
    return f"{totp.token():06d}"


@pytest.fixture
def clock():
    """Time stands still unless a test moves it, so codes do not roll over mid-test."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller
