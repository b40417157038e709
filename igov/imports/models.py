from django.conf import settings
from django.db import models


class ImportRecord(models.Model):
    """One confirmed import into a register: who, when, which file (name and SHA-256), what it did."""

    register = models.CharField(max_length=30, help_text="Which register, for example “risks”.")
    into = models.CharField(max_length=200, blank=True, help_text="The action plan the rows went into, if any.")
    file_name = models.CharField(max_length=255)
    checksum = models.CharField("SHA-256", max_length=64, db_index=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="Blank when run by the management command.")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "import"

    def __str__(self):
        return f"{self.register} from {self.file_name} ({self.imported_at:%d %b %Y %H:%M})"
