from django import forms
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.core.exceptions import ValidationError

from assets.forms import staff_users
from igov.accounts import handover
from igov.accounts.people import person_name
from igov.accounts.roles import is_admin
from igov.lib.forms import LARGEST_ID, AsAtDateField, GovukFormMixin, PersonChoiceField, name_the_field
from igov.lib.versioning import SeenVersionsField


class PasswordChangeForm(GovukFormMixin, DjangoPasswordChangeForm):
    pass


class PeopleSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label="Name, username or e-mail address", required=False, max_length=100)
    left = forms.BooleanField(label="Only people who have left and still hold records", required=False)


class SuccessorField(PersonChoiceField):
    """A choice of successor; an id too large for any database is not one of the choices (rather than
    a query that fails)."""

    def to_python(self, value):
        if str(value).strip().isdigit() and int(str(value).strip()) > LARGEST_ID:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class HandOverForm(GovukFormMixin, forms.Form):
    """Who takes on a leaver's records (one person for all, or one per register), from when and why."""

    successor = SuccessorField(
        queryset=None, required=False, label="Successor for everything",
        help_text="Takes on every record below, unless you choose someone else for a register.",
        error_messages={"invalid_choice": "Choose a successor from the list."})
    effective = AsAtDateField(label="Effective date", required=True,
                              help_text="The day they handed over, today or in the past. For example, 31 3 2026")
    reason = forms.CharField(
        label="Reason", max_length=40,
        help_text="For example “Left the council”. Written into the history of every record that moves, so keep "
                  "it short (40 characters at most).")
    deactivate = forms.BooleanField(
        label="Deactivate their account, so they can no longer sign in", required=False,
        help_text="Their name stays in the history of everything they did.")

    def __init__(self, *args, person, held: dict[str, int], by, **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.held, self.by = person, held, by
        self.fields["successor"].queryset = staff_users().exclude(pk=person.pk)
        for register in handover.REGISTERS:
            if not held.get(register.key):
                continue
            name = f"successor_{register.key}"
            self.fields[name] = SuccessorField(
                queryset=register.successors().exclude(pk=person.pk), required=False,
                label=f"{register.label} ({held[register.key]})",
                help_text=f"Leave blank for the successor for everything. Needs "
                          f"{handover.SUCCESSOR_RULE[register.key]}.",
                error_messages={"invalid_choice": f"Choose a successor for {register.noun}s from the list: they "
                                                  f"need {handover.SUCCESSOR_RULE[register.key]}."})
            name_the_field(self.fields[name])
        # Fields added after GovukFormMixin's __init__: their widgets get its classes here.
        for name in self.fields:
            if name.startswith("successor_"):
                self.fields[name].widget.attrs.setdefault("class", "govuk-select")
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"
        self.order_fields(["successor", *[f for f in self.fields if f.startswith("successor_")],
                           "effective", "reason", "deactivate"])

    def successors(self) -> dict:
        """{register key: successor} for every register the person holds records in."""
        every = self.cleaned_data.get("successor")
        return {key: self.cleaned_data.get(f"successor_{key}") or every for key in self.held if self.held[key]}

    def clean(self):
        cleaned = super().clean()
        if any(f"successor_{key}" in self.errors for key in self.held) or "successor" in self.errors:
            return cleaned
        chosen = self.successors()
        missing = [key for key, user in chosen.items() if user is None]
        for key in missing:
            self.add_error(f"successor_{key}", f"Choose who takes on the {handover.BY_KEY[key].noun}s, or a "
                                                "successor for everything.")
        try:
            handover.check_successors(self.person, {k: u for k, u in chosen.items() if u is not None})
        except ValidationError as refusal:
            for key, messages in refusal.message_dict.items():
                self.add_error(f"successor_{key}", [m + " Choose someone else for them." for m in messages])
        if cleaned.get("deactivate") and self.person.pk == self.by.pk:
            self.add_error("deactivate", "You cannot deactivate your own account: ask a colleague in the IG team.")
        elif cleaned.get("deactivate") and (self.person.is_superuser or self.person.is_staff) and not is_admin(self.by):
            self.add_error("deactivate", "Only an administrator can deactivate an administrator’s account.")
        if not chosen and not cleaned.get("deactivate"):
            raise ValidationError(f"{person_name(self.person)} holds no live records: there is nothing to hand "
                                  "over. Tick “Deactivate their account” to close it.")
        return cleaned


class HandOverConfirmForm(forms.Form):
    """The records the preview showed, per register, each with the version shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for register in handover.REGISTERS:
            self.fields[f"seen_{register.key}"] = SeenVersionsField(required=False)

    def seen(self) -> dict[str, dict[int, int]]:
        return {register.key: self.cleaned_data[f"seen_{register.key}"] for register in handover.REGISTERS}
