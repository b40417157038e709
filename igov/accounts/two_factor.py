"""Optional second factor: a time-based code (TOTP) from an authenticator app, with django-otp.

A user sets it up on /accounts/two-factor/ (QR code and the secret as text), confirming with a
code. From then on, signing in takes the password and then the code: the password step parks the
user's id in the session for five minutes, and only the code step signs them in. Wrong codes are
throttled by django-otp (the wait doubles after each one); a code is accepted once only.
With OTP_REQUIRED_FOR_ADMIN (on in production) the Django admin needs a session signed in with a
code (see igov/accounts/admin_site.py).
"""
import math
import time
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from igov.accounts.middleware import SIGNED_IN_AT
from igov.lib.forms import GovukFormMixin

PENDING = "igov_2fa_pending"
PENDING_SECONDS = 5 * 60


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.RegexField(
        label="Code from your authenticator app", regex=r"^\d{3} ?\d{3}$", max_length=12, strip=True,
        help_text="The 6-digit code the app shows now, for example 123456.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app",
                        "invalid": "The code must be 6 digits, like 123456"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "spellcheck": "false", "class": "govuk-input--width-5"}))

    def __init__(self, *args, device=None, user=None, **kwargs):
        self.device, self.user = device, user  # before super(): GovukFormMixin validates a bound form
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        allowed, why = self.device.verify_is_allowed()
        if not allowed:
            until = (why or {}).get("locked_until")
            wait = math.ceil((until - timezone.now()).total_seconds()) if until else 60
            raise forms.ValidationError(f"Too many wrong codes. Wait {wait} seconds, then try the newest code.")
        if verify_token(self.user, self.device.persistent_id, code) is None:
            raise forms.ValidationError("That code is not right, or has been used already. Enter the newest "
                                        "code your authenticator app shows.")
        return code


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def park_sign_in(request: HttpRequest, user, next_url: str) -> HttpResponse:
    """The password was right and the user has a device: ask for the code before signing in."""
    request.session[PENDING] = {"user": user.pk, "backend": user.backend, "next": next_url, "at": time.time()}
    return redirect("login_code")


def parked_user(request: HttpRequest):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def login_code(request: HttpRequest) -> HttpResponse:
    """The sign-in step after the password for a user with two-factor authentication on."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    user, pending = parked_user(request)
    device = confirmed_device(user) if user else None
    if device is None:
        if request.session.pop(PENDING, None):
            messages.info(request, "The time to enter your code ran out. Sign in again.")
        return redirect("login")
    form = CodeForm(request.POST or None, device=device, user=user)
    if request.method == "POST" and form.is_valid():
        del request.session[PENDING]
        user.backend = pending["backend"]
        user.otp_device = device  # django-otp marks the new session verified on login
        auth_login(request, user)
        request.session[SIGNED_IN_AT] = time.time()
        return redirect(safe_next(request, pending["next"]))
    return render(request, "accounts/login_code.html", {"form": form})


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Whether two-factor authentication is on; a POSTed code verifies this session (the admin needs it)."""
    device = confirmed_device(request.user)
    form = CodeForm(request.POST or None, device=device, user=request.user) if device else None
    if request.method == "POST" and form is not None and form.is_valid():
        otp_login(request, device)
        messages.success(request, "This session is now verified with your code.")
        return redirect(safe_next(request, request.POST.get("next")))
    return render_two_factor(request, device, form=form)


def render_two_factor(request: HttpRequest, device, form=None, disable_form=None) -> HttpResponse:
    required = admin_needs_code(request.user)
    if device and not required and disable_form is None:
        disable_form = CodeForm(prefix="off", device=device, user=request.user)
    return render(request, "accounts/two_factor.html", {
        "device": device, "form": form, "disable_form": disable_form, "required": required,
        "verified": request.user.is_verified(), "next": request.POST.get("next") or request.GET.get("next", "")})


def admin_needs_code(user) -> bool:
    return settings.OTP_REQUIRED_FOR_ADMIN and user.is_staff


@login_required
@require_POST
def two_factor_start(request: HttpRequest) -> HttpResponse:
    """Make a new secret for the user to scan; it works only once confirmed with a code."""
    if confirmed_device(request.user):
        return redirect("two_factor")
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    return redirect("two_factor_setup")


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """The QR code and secret of the user's unconfirmed device, and the code that confirms it."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        return redirect("two_factor")
    form = CodeForm(request.POST or None, device=device, user=request.user)
    if request.method == "POST" and form.is_valid():
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, "Two-factor authentication is on. You will be asked for a code each time "
                                  "you sign in.")
        return redirect("two_factor")
    secret = b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_svg": qr_svg(device.config_url),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)]})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off, with a current code; administrators who need it cannot."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("two_factor")
    if admin_needs_code(request.user):
        messages.info(request, "Administrators must keep two-factor authentication on.")
        return redirect("two_factor")
    form = CodeForm(request.POST, prefix="off", device=device, user=request.user)
    if not form.is_valid():
        return render_two_factor(request, device, form=CodeForm(device=device, user=request.user),
                                 disable_form=form)
    TOTPDevice.objects.filter(user=request.user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, "Two-factor authentication is off. You will sign in with your password only.")
    return redirect("two_factor")


def qr_svg(url: str) -> str:
    """An inline SVG QR code: paths only, no script or style attribute, so the CSP allows it."""
    return segno.make(url, error="m").svg_inline(scale=5, dark="#0b0c0c", light="#ffffff", svgclass="igov-qr",
                                                  lineclass=None, title="QR code for your authenticator app")

