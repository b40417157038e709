from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from igov.accounts.roles import IG_TEAM, READERS, is_committee_only, is_ig_team, role_required
from igov.committee import views as committee_views
from igov.front.dashboard import cards_for
from igov.front.forms import GlossaryTermForm
from igov.front.models import GlossaryTerm
from igov.lib.history import change_log

HISTORY_SHOWN = 25  # the newest changes on a term's page; the admin's history has them all


@role_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in home page: one card per register the user's role may read; for a committee member,
    the latest published report and the position today (igov.committee.views.home)."""
    if is_committee_only(request.user):
        return committee_views.home(request)
    today = timezone.localdate()
    return render(request, "front/dashboard.html", {"cards": cards_for(request.user, today), "today": today})


# --- glossary --------------------------------------------------------------------------------
@role_required(*READERS)
def glossary(request: HttpRequest) -> HttpResponse:
    """The acronyms used in igov and in its reports to the committee; the IG team keeps them here."""
    return render(request, "front/glossary.html", {"terms": GlossaryTerm.objects.all(),
                                                   "can_edit": is_ig_team(request.user)})


@role_required(IG_TEAM)
def glossary_add(request: HttpRequest) -> HttpResponse:
    """The IG team adds a term to the glossary."""
    return _term_form(request, GlossaryTerm(), "Add a term to the glossary")


@role_required(IG_TEAM)
def glossary_change(request: HttpRequest, pk: int) -> HttpResponse:
    """The IG team corrects a term or its meaning."""
    term = get_object_or_404(GlossaryTerm, pk=pk)
    return _term_form(request, term, f"Change {term.term}", change_log(term, limit=HISTORY_SHOWN))


def _term_form(request: HttpRequest, term: GlossaryTerm, heading: str, history=None) -> HttpResponse:
    form = GlossaryTermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, f"{term.term} saved.")
        return redirect(term)
    return render(request, "front/glossary_term_form.html",
                  {"form": form, "term": term, "heading": heading, "history": history})


@role_required(IG_TEAM)
def glossary_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The IG team removes a term after confirming; its history keeps what it said."""
    term = get_object_or_404(GlossaryTerm, pk=pk)
    if request.method == "POST":
        term.delete()
        messages.success(request, f"{term.term} removed from the glossary.")
        return redirect("front:glossary")
    return render(request, "front/glossary_term_delete.html", {"term": term})


@login_required
@require_GET
def signed_in(request: HttpRequest) -> HttpResponse:
    """A tiny page for anyone signed in, after the session and authentication middleware and no more:
    the floor the benchmark (igov.benchmark) compares every page with."""
    return render(request, "front/signed_in.html")


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
