from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from igov.accounts.roles import READERS, role_required
from igov.front.dashboard import cards_for
from igov.front.models import GlossaryTerm


@role_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in home page: one card per register the user's role may read."""
    today = timezone.localdate()
    return render(request, "front/dashboard.html", {"cards": cards_for(request.user, today), "today": today})


# --- glossary --------------------------------------------------------------------------------
@role_required(*READERS)
def glossary(request: HttpRequest) -> HttpResponse:
    """The acronyms used in igov and in its reports to the committee."""
    return render(request, "front/glossary.html", {"terms": GlossaryTerm.objects.all()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" when the database answers, 503 otherwise (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
