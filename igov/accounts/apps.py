from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "igov.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
