"""The Django admin, signed into through the service's own sign-in (lockout, second factor), and
answering malformed input with a message or a 404, never a server error.

With OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM (on in production) an administrator's session must have
been verified with a two-factor code (django-otp's `is_verified`) before any admin page opens;
the setting is read on each request so tests can switch it.
"""
from contextlib import nullcontext

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views import main
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError, OperationalError, models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from igov.accounts.roles import second_factor_missing
from igov.lib.redirects import safe_next


def fits(field, value) -> bool:
    """Whether the database could hold value in field: the right type, within the column's range."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


def is_id_of(model, value) -> bool:
    return fits(model._meta.pk, value)


class ChangeList(main.ChangeList):
    """Django's change list, except that a filter value the database refuses (a number too large for
    the column, a year past 9999, a broken regular expression) is treated like a value of the wrong
    type: back to the unfiltered list, not a server error."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # Inside a transaction (a list_editable save, the tests) a refused query would spoil what
        # follows on PostgreSQL, so it runs in a savepoint; outside one there is nothing to spoil.
        guard = transaction.atomic() if transaction.get_connection().in_atomic_block else nullcontext()
        try:
            with guard:
                super().get_results(request)
        except (DataError, OperationalError, OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class MalformedInputAdmin:
    """Mixed into every model admin, igov's and the libraries' (see AdminSite.register): an id that
    cannot be one of the model's, in the address or in an action's selection, gets Django's own
    "doesn't exist" message instead of reaching a query that fails. A filter the change list cannot
    apply shows the whole list and says so; a search with a NUL byte finds nothing; an add form
    prefilled from the address (?owner=3) leaves out what cannot be an id."""

    def get_changelist(self, request, **kwargs):
        return ChangeList

    def changelist_view(self, request, extra_context=None):
        if main.ERROR_FLAG in request.GET:  # where Django sends a filter it could not apply
            self.message_user(request, "The filter in the address could not be applied, so the whole list is "
                                       "shown.", messages.WARNING)
        return super().changelist_view(request, extra_context)

    def _missing(self, request, object_id):
        return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not is_id_of(self.model, unquote(object_id)):
            return self._missing(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if not is_id_of(self.model, unquote(object_id)):
            return self._missing(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not is_id_of(self.model, unquote(object_id)):
            return self._missing(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's view of one past version."""
        history = self.model._meta.simple_history_manager_attribute
        if not (is_id_of(self.model, unquote(object_id)) and is_id_of(getattr(self.model, history).model, version_id)):
            return self._missing(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_changeform_initial_data(self, request):
        """Django fills an add form from the address (?owner=3); a value that is no id of the related
        model is left out, as its widget would look it up."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
                values = value if isinstance(value, list) else [value]
                if not all(fits(field.target_field, v) for v in values):
                    del initial[name]
        return initial

    def get_search_results(self, request, queryset, search_term):
        """The change list's search and the autocomplete's: text with a NUL byte matches nothing (no
        text column can hold one, and PostgreSQL refuses the comparison)."""
        if "\x00" in search_term:
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def response_action(self, request, queryset):
        if not all(is_id_of(self.model, value) for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            self.message_user(request, "The selection included something that does not exist. Nothing was changed.",
                              messages.ERROR)
            return None  # back to the change list
        return super().response_action(request, queryset)


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, however it was written, gets MalformedInputAdmin's checks."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, MalformedInputAdmin):
            admin_class = type(admin_class.__name__, (MalformedInputAdmin, admin_class),
                               {"__module__": admin_class.__module__})
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor_missing(request)

    def login(self, request, extra_context=None):
        """No admin login form: send people to the service's sign-in or two-factor page."""
        index = reverse("admin:index", current_app=self.name)
        next_url = safe_next(request, request.GET.get(REDIRECT_FIELD_NAME), index)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        if request.user.is_active and request.user.is_staff and second_factor_missing(request):
            messages.info(request, "The administration pages need two-factor authentication: verify this "
                                   "session with a code from your authenticator app.")
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': next_url})}")
        raise PermissionDenied("The administration pages are for administrators.")
