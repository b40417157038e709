"""The Django admin, signed into through the service's own sign-in (lockout, second factor), and
answering malformed input with a message or a 404, never a server error.

With OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM (on in production) an administrator's session must have
been verified with a two-factor code (django-otp's `is_verified`) before any admin page opens;
the setting is read on each request so tests can switch it.
"""
from contextlib import nullcontext

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers, widgets
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
from django.utils.text import capfirst

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


class SplitDateTimeWidget(widgets.AdminSplitDateTime):
    """The admin's date and time boxes, each named ("Last login: date") and described by the field's error.
    Django's leave both to a fieldset around them (use_fieldset), which the admin's forms never draw."""

    use_fieldset = False

    def __init__(self, label, attrs=None):
        super().__init__(attrs)
        for widget, part in zip(self.widgets, ("date", "time"), strict=True):
            widget.attrs["aria-label"] = f"{label}: {part}"


class RowLabelledForm(forms.ModelForm):
    """A change list row's form (list_editable): each field named with its column and its row ("Name of
    2 – Unlikely"), which the table's headers show sighted people but do not give the inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", f"{capfirst(field.label or name)} of {self.instance}")


class AccessibleAdmin:
    """Mixed into every model admin and inline (see AdminSite.register): labels for what Django's admin
    leaves unlabelled, so that every page passes WCAG 2.2 AA (tests/browser/test_accessibility_matrix.py)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is widgets.AdminSplitDateTime:
            widget = SplitDateTimeWidget(capfirst(formfield.label or db_field.verbose_name), formfield.widget.attrs)
            widget.is_required = formfield.widget.is_required
            formfield.widget = widget
        return formfield

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return type(form.__name__, (RowLabelledForm, form), {})


def _with(mixin, admin_class):
    if issubclass(admin_class, mixin):
        return admin_class
    return type(admin_class.__name__, (mixin, admin_class), {"__module__": admin_class.__module__})


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, however it was written, gets MalformedInputAdmin's checks and AccessibleAdmin's
        labels; its inlines get AccessibleAdmin's labels."""
        admin_class = _with(AccessibleAdmin, _with(MalformedInputAdmin, admin_class or admin.ModelAdmin))
        admin_class.inlines = [_with(AccessibleAdmin, inline) for inline in admin_class.inlines]
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor_missing(request)

    def password_change(self, request, extra_context=None):
        """The service's own password page: the admin's shares its template's name, which the service's
        page (GOV.UK markup, for the service's form) overrides."""
        return redirect("password_change")

    def password_change_done(self, request, extra_context=None):
        return redirect("password_change_done")

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
