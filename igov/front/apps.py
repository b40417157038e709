from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "igov.front"
    label = "front"
    verbose_name = "Dashboard"
