import time

from django.contrib.auth import views as auth_views

from igov.accounts.middleware import SIGNED_IN_AT
from igov.accounts.two_factor import confirmed_device, park_sign_in


class LoginView(auth_views.LoginView):
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
