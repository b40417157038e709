from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training completion"

    def ready(self):
        from training import signals  # noqa: F401 - registers the receivers that keep counts true
