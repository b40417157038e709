import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from igov.accounts.roles import second_factor_missing

SIGNED_IN_AT = "igov_signed_in_at"

# What someone who must use a second factor, and has not verified this session with one, may reach.
OPEN_WITHOUT_SECOND_FACTOR = {"two_factor", "two_factor_start", "two_factor_setup", "logout", "password_change",
                              "password_change_done"}


class PrivateResponsesMiddleware:
    """Every response to a signed-in user (pages, CSV and XLSX downloads, evidence files, error
    pages) may carry personal data: `Cache-Control: private, no-store` (and the rest of what
    never_cache sends) so no browser cache or proxy keeps it. Anonymous responses are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated  # before the view: signing out still gets the header
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SessionLimitsMiddleware:
    """Ends a session SESSION_ABSOLUTE_AGE (10 hours) after sign-in however active it is.
    The idle limit (30 minutes) is the session cookie's age, renewed on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                messages.info(request, "Your session has ended after 10 hours. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """With OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM (on in production) an administrator or IG-team member
    signed in without a verified second factor reaches only the pages to set one up or verify this
    session, to sign out and to change their password; every other page, the admin's too, sends
    them to the two-factor page, which offers set-up or the code as they need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in OPEN_WITHOUT_SECOND_FACTOR or not second_factor_missing(request):
            return None
        return HttpResponseRedirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
