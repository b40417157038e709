from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "igov.org"
    label = "org"
    verbose_name = "Organisation"
