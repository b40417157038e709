from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from igov.front.models import GlossaryTerm
from igov.lib.versioning import VersionedAdminMixin


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["term", "meaning"]
    search_fields = ["term", "meaning"]
