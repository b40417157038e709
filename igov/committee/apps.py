from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "igov.committee"
    label = "committee"
    verbose_name = "Committee reporting"
