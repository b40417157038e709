"""Optional second factor: a time-based code (TOTP) from an authenticator app, with django-otp.

A user sets it up on /accounts/two-factor/ (QR code and the secret as text), confirming with a
code. From then on, signing in takes the password and then the code: the password step parks the
user's id in the session for five minutes, and only the code step signs them in. Wrong codes are
throttled by django-otp (the wait doubles after each one); a code is accepted once only.

Turning it on or off also takes the user's password, typed again in the same form, so a session
left open (or stolen) is not enough to bind or remove a second factor; a wrong password counts
towards sign-in lockout. Each change is recorded (TwoFactorEvent, read-only in the admin).

With OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM (on in production) administrators and the IG team must use
it: signed in without a verified code they reach only these pages, signing out and changing their
password (SecondFactorRequiredMiddleware), and the admin refuses them (igov/accounts/admin_site.py).
"""
import math
import time
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from igov.accounts.middleware import SIGNED_IN_AT
from igov.accounts.models import TwoFactorEvent
from igov.accounts.roles import second_factor_required
from igov.lib.forms import GovukFormMixin
from igov.lib.redirects import safe_next

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


class PasswordAndCodeForm(CodeForm):
    """A code and the user's password, typed again: what turning the second factor on or off takes.
    The password is checked first (through django-axes, so wrong ones count towards lockout); the
    code is not tried, nor used up, unless the password is right."""

    password = forms.CharField(
        label="Your password", strip=False, help_text="The password you sign in with, to confirm it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"})
    field_order = ["password", "code"]

    def __init__(self, *args, device, request, **kwargs):
        self.request = request  # for django-axes, which counts failures by username and address
        super().__init__(*args, device=device, user=request.user, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if authenticate(self.request, username=self.user.get_username(), password=password) != self.user:
            raise forms.ValidationError("That is not your password. Enter the password you sign in with.")
        return password

    def clean_code(self):
        if self.has_error("password"):
            return self.cleaned_data["code"]
        return super().clean_code()


def locked_out(request: HttpRequest) -> bool:
    """After too many wrong passwords django-axes locks the account (its middleware shows the page
    saying so); the session ends too, as a sign-in from here would be refused."""
    if getattr(request, "axes_locked_out", False):
        logout(request)
        return True
    return False


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


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
        return HttpResponseRedirect(safe_next(request, pending["next"], settings.LOGIN_REDIRECT_URL))
    return render(request, "accounts/login_code.html", {"form": form})


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Whether two-factor authentication is on; a POSTed code verifies this session (the admin needs it)."""
    device = confirmed_device(request.user)
    form = CodeForm(request.POST or None, device=device, user=request.user) if device else None
    if request.method == "POST" and form is not None and form.is_valid():
        otp_login(request, device)
        messages.success(request, "This session is now verified with your code.")
        return HttpResponseRedirect(safe_next(request, request.POST.get("next"), settings.LOGIN_REDIRECT_URL))
    return render_two_factor(request, device, form=form)


def render_two_factor(request: HttpRequest, device, form=None, disable_form=None) -> HttpResponse:
    required = second_factor_required(request.user)
    if device and not required and disable_form is None:
        disable_form = PasswordAndCodeForm(prefix="off", device=device, request=request)
    return render(request, "accounts/two_factor.html", {
        "device": device, "form": form, "disable_form": disable_form, "required": required,
        "verified": request.user.is_verified(), "next": request.POST.get("next") or request.GET.get("next", "")})


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
    """The QR code and secret of the user's unconfirmed device, and the code and password that confirm it."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        return redirect("two_factor")
    form = PasswordAndCodeForm(request.POST or None, device=device, request=request)
    if request.method == "POST" and form.is_valid():
        device.refresh_from_db()
        device.confirmed = True
        with transaction.atomic():  # the device and its record, together
            device.save(update_fields=["confirmed"])
            TwoFactorEvent.record(request, device, TwoFactorEvent.Kind.ENROLLED)
        otp_login(request, device)
        messages.success(request, "Two-factor authentication is on. You will be asked for a code each time "
                                  "you sign in.")
        return redirect("two_factor")
    if locked_out(request):
        return redirect("login")
    secret = b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_svg": qr_svg(device.config_url),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)]})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off, with a current code and the password; those who must use it cannot."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("two_factor")
    if second_factor_required(request.user):
        messages.info(request, "Administrators and the IG team must keep two-factor authentication on.")
        return redirect("two_factor")
    form = PasswordAndCodeForm(request.POST, prefix="off", device=device, request=request)
    if not form.is_valid():
        if locked_out(request):
            return redirect("login")
        return render_two_factor(request, device, form=CodeForm(device=device, user=request.user),
                                 disable_form=form)
    with transaction.atomic():
        TwoFactorEvent.record(request, device, TwoFactorEvent.Kind.REMOVED)
        TOTPDevice.objects.filter(user=request.user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, "Two-factor authentication is off. You will sign in with your password only.")
    return redirect("two_factor")


def qr_svg(url: str) -> str:
    """An inline SVG QR code: paths only, no script or style attribute, so the CSP allows it."""
    return segno.make(url, error="m").svg_inline(scale=5, dark="#0b0c0c", light="#ffffff", svgclass="igov-qr",
                                                  lineclass=None, title="QR code for your authenticator app")

