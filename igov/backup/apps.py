from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "igov.backup"
    label = "backup"
    verbose_name = "Backup"
