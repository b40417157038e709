"""Two-factor set-up and sign-in in a real browser: accessible, and the QR code page breaks no
Content Security Policy rule (no inline script or style)."""
import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"


def test_setting_up_two_factor_and_signing_in_with_a_code(page, tmp_path):
    make_user("olwen", "Officer", "Olwen", "Ownerby")
    sign_in(page, "olwen")

    page.goto("/accounts/two-factor/")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Set up two-factor authentication')")
    assert page.locator("svg.igov-qr").is_visible()
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / "two-factor-setup.png"), full_page=True)
    device = TOTPDevice.objects.get(user__username="olwen")
    page.fill("#id_code", code_for(device))
    page.fill("#id_password", "a-Long-test-passw0rd")
    with page.expect_navigation():
        page.click("button:has-text('Turn on two-factor authentication')")
    assert "Two-factor authentication is on" in page.content()
    assert_accessible(page)

    with page.expect_navigation():
        page.click("button:has-text('Sign out')")
    sign_in(page, "olwen")
    assert page.url.endswith("/accounts/login/code/")
    assert_accessible(page)
    page.fill("#id_code", code_for(device, steps_ahead=1))  # the set-up code cannot be used again
    with page.expect_navigation():
        page.click("button:has-text('Continue')")
    assert page.url.endswith("/")
    assert User.objects.get(username="olwen").totpdevice_set.get().last_used_at is not None


def test_the_qr_code_page_raises_no_content_security_policy_violation(browser, live_server):
    make_user("olwen", "Officer", "Olwen", "Ownerby")
    context = browser.new_context(base_url=live_server.url)  # CSP enforced, unlike the `page` fixture
    page = context.new_page()
    complaints = []
    page.on("console", lambda message: complaints.append(message.text))
    try:
        sign_in(page, "olwen")
        page.goto("/accounts/two-factor/")
        with page.expect_navigation():
            page.click("button:has-text('Set up two-factor authentication')")
        assert page.locator("svg.igov-qr").is_visible()
    finally:
        context.close()
    assert [c for c in complaints if "Content Security Policy" in c] == []
