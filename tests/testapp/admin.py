from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from igov.lib.versioning import VersionedAdminMixin
from tests.testapp.models import Note


@admin.register(Note)
class NoteAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "version"]
