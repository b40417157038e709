import time

from django.contrib.auth import views as auth_views

from igov.accounts.middleware import SIGNED_IN_AT


class LoginView(auth_views.LoginView):
    """Django's login, stamping the sign-in time that bounds the session's total length."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_AT] = time.time()
        return response
