"""Optimistic locking: concurrent edits are detected, never silently overwritten.

Every record several people edit inherits `Versioned`. Its version goes up by one on each save.
A form carries the version the user loaded; a save whose version is no longer the stored one is
refused with a message listing what the other person changed (read from the record's history).
The check and the write happen in one transaction on a locked row: `select_for_update` on
PostgreSQL; on SQLite the IMMEDIATE transaction mode (settings) takes the write lock at BEGIN.
"""
from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst

from igov.accounts.people import person_name
from igov.lib.forms import LARGEST_ID, GovukFormMixin
from igov.lib.history import changes_between


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one on every save; a form holding an older version is refused.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The lock's whole mechanism: every save of a stored row bumps the version, so no code
        # path can skip it. A new row starts at 1.
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)


def posted_version(request) -> int | None:
    """The version a one-click form (no Django form) says its user saw; None if missing or forged."""
    value = request.POST.get("seen_version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


class EditConflict(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def describe_changes(current, seen_version: int) -> str:
    """What changed between the version the user saw and the stored one, for the message."""
    text = (
        "Someone else saved this record after you opened it, so your changes have not been saved. "
        "Check their changes below, then make yours again and save."
    )
    history = getattr(current, "history", None)
    if history is None:
        return text
    seen = history.filter(version=seen_version).first()
    newest = history.first()
    if seen is None or newest is None:
        return text
    by = person_name(newest.history_user) if newest.history_user else "another user"
    parts = [f"{capfirst(c['field'])}: “{c['old']}” → “{c['new']}”" for c in changes_between(current, seen, newest)]
    if parts:
        text += f" Changed by {by}: " + "; ".join(parts) + "."
    return text


def save_if_current(instance, seen_version: int) -> None:
    """Save instance only if the stored row is still at seen_version; else raise EditConflict."""
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != seen_version:
            raise EditConflict(describe_changes(current, seen_version))
        instance.version = seen_version
        instance.save()


def lock_if_current(queryset, seen: dict[int, int], name=str) -> list:
    """The rows of queryset with the ids in `seen`, locked until the transaction ends, if every one is
    still there and still at the version the person saw; else EditConflict naming those that are not.

    For a change to several records at once (a bulk change a person confirmed): nothing is changed
    unless everything is as they saw it. Call it inside transaction.atomic(). `name(row)` names a row.
    """
    rows = list(queryset.select_for_update(of=("self",)).filter(pk__in=seen).order_by("pk"))
    changed = [row for row in rows if row.version != seen[row.pk]]
    gone = len(seen) - len(rows)
    if len(seen) == 1 and changed:  # one record's page: say what changed, as its edit form would
        raise EditConflict(describe_changes(changed[0], seen[changed[0].pk]))
    if changed or gone:
        parts = []
        if changed:
            parts.append("someone else changed " + ", ".join(name(row) for row in changed) + " after you checked")
        if gone:
            parts.append(f"{gone} of them can no longer be found or changed by you")
        raise EditConflict(f"Nothing has been changed: {'; '.join(parts)}. Check the list again, then confirm.")
    return rows


class SeenVersionsField(forms.Field):
    """The records a person confirmed on a check page, each with the version they saw: hidden
    "id:version" pairs, cleaned to {id: version}. Its initial value is the records themselves."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": "No records were chosen. Start again from the list.",
        "invalid": "The list of records to change was damaged. Start again from the list.",
    }

    def prepare_value(self, value):
        return [f"{row.pk}:{row.version}" if isinstance(row, Versioned) else row for row in value or []]

    def to_python(self, value) -> dict[int, int]:
        seen = {}
        for pair in value or []:
            try:
                pk, version = (int(part) for part in str(pair).split(":"))
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            if not (0 < pk <= LARGEST_ID and 0 < version <= LARGEST_ID):  # no row has it: never query for it
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            seen[pk] = version
        return seen


class ConfirmForm(forms.Form):
    """The second step of a bulk change: exactly the records shown on the check page, with the
    versions seen and how many there were, re-checked on submit (a page that lost or gained rows
    on the way is refused)."""

    seen = SeenVersionsField()
    count = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        cleaned = super().clean()
        if "seen" in cleaned and "count" in cleaned and len(cleaned["seen"]) != cleaned["count"]:
            raise ValidationError(f"You were shown {cleaned['count']} records but {len(cleaned['seen'])} came "
                                  "back: nothing has been changed. Start again from the list.")
        return cleaned


class VersionedForm(forms.ModelForm):
    """A ModelForm for a Versioned model, in Django's own markup (the admin's): carries the version and
    refuses stale submits.

    Views call `form.save_if_current()`: the saved instance, or None with the conflict shown
    as a form error (the form's version is moved on, so a deliberate resubmit then succeeds).
    """

    # Not named "version": the admin refuses a form field named after a non-editable model field.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            seen = cleaned.get("seen_version")
            stored = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list(
                "version", flat=True).first()
            if seen != stored:
                self._conflict(describe_changes(self.instance.__class__.objects.get(pk=self.instance.pk),
                                                seen or 0), stored)
        return cleaned

    def _conflict(self, message, stored_version):
        self.add_error(None, message)
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = stored_version

    def save_if_current(self, commit=True):
        instance = super().save(commit=False)
        if not commit:
            return instance
        try:
            if instance.pk:
                save_if_current(instance, self.cleaned_data["seen_version"])
            else:
                instance.save()
        except EditConflict as conflict:
            stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("version", flat=True)
            self._conflict(conflict.message, stored.first())
            return None
        self._save_m2m()
        return instance

    def save(self, commit=True):
        return self.save_if_current(commit)


class VersionedModelForm(GovukFormMixin, VersionedForm):
    """VersionedForm in GOV.UK markup, for the service's pages."""


class VersionedAdminMixin:
    """Admin for a Versioned model: the change form carries the version; a stale save is refused."""

    # Django's markup: the GOV.UK ids GovukFormMixin points fields at (their error, their hint) exist only on
    # the service's pages.
    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        """Declared fieldsets still carry the version (a hidden field), or every save would be refused."""
        fieldsets = super().get_fieldsets(request, obj)
        if any("seen_version" in options.get("fields", ()) for _, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen_version"]}), *rest]

    def save_model(self, request, obj, form, change):
        if change:
            save_if_current(obj, form.cleaned_data["seen_version"])
        else:
            obj.save()
