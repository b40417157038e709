from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "igov.imports"
    label = "imports"
    verbose_name = "Imports"
