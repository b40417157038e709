import time

from django.contrib.auth import views as auth_views

from igov.accounts.middleware import SIGNED_IN_AT
from igov.accounts.two_factor import confirmed_device, park_sign_in
from igov.lib.redirects import is_safe_next


class NextOnThisSiteMixin:
    """Django's ?next= check, narrowed to igov's one rule (igov/lib/redirects.py)."""

    def get_redirect_url(self):
        url = self.request.POST.get(self.redirect_field_name, self.request.GET.get(self.redirect_field_name))
        return url if is_safe_next(self.request, url) else ""


class LoginView(NextOnThisSiteMixin, auth_views.LoginView):
    """Django's login, stamping the sign-in time that bounds the session's total length. A user
    with two-factor authentication on is asked for their code before being signed in."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if confirmed_device(user):
            return park_sign_in(self.request, user, self.get_success_url())
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_AT] = time.time()
        return response


class LogoutView(NextOnThisSiteMixin, auth_views.LogoutView):
    pass
