from django.db import models
from simple_history.models import HistoricalRecords

from igov.lib.versioning import Versioned


class Note(Versioned):
    """A tiny register used only by the tests of cross-cutting mechanisms (history, versions)."""

    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.title
