from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from igov.accounts.roles import READERS, is_committee_only, role_required
from igov.committee import views as committee_views
from igov.front.dashboard import cards_for
from igov.front.glossary import TERMS


@role_required(*READERS)
def dashboard(request):
    """The signed-in home page: one card per register the user's role may read; for a committee member,
    the latest published report and the position today (igov.committee.views.home)."""
    if is_committee_only(request.user):
        return committee_views.home(request)
    today = timezone.localdate()
    return render(request, "front/dashboard.html", {"cards": cards_for(request.user, today), "today": today})


@role_required(*READERS)
def glossary(request):
    """The acronyms used in igov and in its reports to the committee."""
    return render(request, "front/glossary.html", {"terms": dict(sorted(TERMS.items()))})


@never_cache
@require_GET
def healthz(request):
    """200 "ok" when the database answers, 503 otherwise (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
