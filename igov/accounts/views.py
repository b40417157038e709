import time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from igov.accounts import handover
from igov.accounts.forms import HandOverConfirmForm, HandOverForm, PeopleSearchForm
from igov.accounts.middleware import SIGNED_IN_AT
from igov.accounts.people import person_name
from igov.accounts.roles import IG_TEAM, role_required
from igov.accounts.two_factor import confirmed_device, park_sign_in
from igov.lib.pagination import paginate
from igov.lib.redirects import is_safe_next
from igov.lib.versioning import EditConflict


class NextOnThisSiteMixin:
    """Django's ?next= check, narrowed to igov's one rule (igov/lib/redirects.py)."""

    def get_redirect_url(self):
        url = self.request.POST.get(self.redirect_field_name, self.request.GET.get(self.redirect_field_name))
        return url if is_safe_next(self.request, url) else ""


class LoginView(NextOnThisSiteMixin, auth_views.LoginView):
    """Django's login, stamping the sign-in time that bounds the session's total length. A user
    with two-factor authentication on is asked for their code before being signed in."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if confirmed_device(user):
            return park_sign_in(self.request, user, self.get_success_url())
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_AT] = time.time()
        return response


class LogoutView(NextOnThisSiteMixin, auth_views.LogoutView):
    pass


# --- people and their responsibilities (the IG team) ---------------------------------------
def _people():
    """Every user, annotated `has_left` (handover.has_left_q)."""
    return get_user_model().objects.annotate(has_left=ExpressionWrapper(
        handover.has_left_q(timezone.localdate()), output_field=BooleanField()))


def _person_with_counts(pk: int):
    """The person, annotated with how many live records they hold per register (handover.with_counts)."""
    return get_object_or_404(handover.with_counts(get_user_model().objects.all()), pk=pk)


def _held(person) -> dict[str, int]:
    return {register.key: getattr(person, register.key) for register in handover.REGISTERS}


@role_required(IG_TEAM)
def people_list(request: HttpRequest) -> HttpResponse:
    """Find a person by name, username or e-mail address: each with what they hold in each register,
    leavers flagged; `?left=1`: only people who have left and still hold records."""
    form = PeopleSearchForm(request.GET or None)
    people = handover.with_counts(_people())
    if form.is_valid():
        for word in form.cleaned_data["q"].split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                                   | Q(username__icontains=word) | Q(email__icontains=word))
        if form.cleaned_data["left"]:
            people = people.filter(has_left=True, held__gt=0)
    elif form.is_bound:
        people = people.none()
    page, query = paginate(request, people.order_by("last_name", "first_name", "username", "pk"), 50)
    rows = [(person, [getattr(person, register.key) for register in handover.REGISTERS]) for person in page]
    return render(request, "accounts/people_list.html", {
        "form": form, "page": page, "query": query, "rows": rows, "registers": handover.REGISTERS})


@role_required(IG_TEAM)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything live a person owns or is named on, register by register, and their training record."""
    person = get_object_or_404(_people(), pk=pk)
    return render(request, "accounts/person_detail.html", {
        "person": person, "held": handover.responsibilities(person)})


@role_required(IG_TEAM)
def person_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Step one of a hand-over: successors, date and reason; a valid choice shows the preview of exactly
    the records that will move. Nothing moves yet."""
    person = _person_with_counts(pk)
    form = HandOverForm(request.POST or None, person=person, held=_held(person), by=request.user)
    if request.method == "POST" and form.is_valid():
        return _preview(request, person, form)
    return render(request, "accounts/hand_over.html", {"person": person, "form": form, "held": _held(person)})


def _preview(request, person, form, conflict: str = "") -> HttpResponse:
    held = handover.responsibilities(person)
    chosen = form.successors()
    carried = [(name, value.pk if hasattr(value, "pk") else value)
               for name, value in form.cleaned_data.items()
               if value not in (None, "", False) and name != "effective"]
    carried.append(("effective", form.cleaned_data["effective"].isoformat()))
    confirm = HandOverConfirmForm(initial={f"seen_{key}": rows for key, rows in held.records.items()})
    return render(request, "accounts/hand_over_preview.html", {
        "person": person, "held": held, "form": form, "confirm": confirm, "carried": carried,
        "moves": [(register, rows, chosen.get(register.key)) for register, rows in held.by_register() if rows],
        "conflict": conflict})


@role_required(IG_TEAM)
@require_POST
def person_hand_over_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Step two: moves exactly the records the preview showed, in one transaction, unless any changed
    meanwhile; optionally deactivates the account."""
    person = _person_with_counts(pk)
    confirm = HandOverConfirmForm(request.POST)
    if not confirm.is_valid():
        messages.error(request, "The list of records to hand over was damaged: nothing has been handed over. "
                                "Start again.")
        return redirect("people:hand_over", pk=person.pk)
    seen = confirm.seen()
    # A register the preview listed that has since emptied still needs its successor: the hand-over
    # then finds the records gone and says so, rather than moving the rest.
    held = {key: max(count, len(seen[key])) for key, count in _held(person).items()}
    form = HandOverForm(request.POST, person=person, held=held, by=request.user)
    if not form.is_valid():
        return render(request, "accounts/hand_over.html", {"person": person, "form": form, "held": held})
    try:
        moved = handover.hand_over(person, form.successors(), effective=form.cleaned_data["effective"],
                                   reason=form.cleaned_data["reason"], by=request.user,
                                   deactivate=form.cleaned_data["deactivate"], seen=seen)
    except EditConflict as conflict:
        return _preview(request, person, form, conflict.message)
    total = sum(moved.values())
    message = f"Handed over {total} record{pluralize(total)} of {person_name(person)}"
    message += "; their account is deactivated." if form.cleaned_data["deactivate"] else "."
    messages.success(request, message)
    return redirect("people:detail", pk=person.pk)
