"""The Django admin, signed into through the service's own sign-in (lockout, second factor).

With OTP_REQUIRED_FOR_ADMIN (on in production) an administrator's session must have been
verified with a two-factor code (django-otp's `is_verified`) before any admin page opens;
the setting is read on each request so tests can switch it.
"""
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def needs_code(request) -> bool:
    return settings.OTP_REQUIRED_FOR_ADMIN and not request.user.is_verified()


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and not needs_code(request)

    def login(self, request, extra_context=None):
        """No admin login form: send people to the service's sign-in or two-factor page."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return redirect(next_url)
        if request.user.is_active and request.user.is_staff and needs_code(request):
            messages.info(request, "The administration pages need two-factor authentication: verify this "
                                   "session with a code from your authenticator app.")
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': next_url})}")
        raise PermissionDenied("The administration pages are for administrators.")
