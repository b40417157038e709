from django.contrib.auth import views as auth_views
from django.urls import path

from igov.accounts import two_factor, views
from igov.accounts.forms import PasswordChangeForm

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("login/code/", two_factor.login_code, name="login_code"),
    path("two-factor/", two_factor.two_factor, name="two_factor"),
    path("two-factor/start/", two_factor.two_factor_start, name="two_factor_start"),
    path("two-factor/set-up/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/turn-off/", two_factor.two_factor_disable, name="two_factor_disable"),
]
