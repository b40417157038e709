import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SIGNED_IN_AT = "igov_signed_in_at"


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
