from django import forms
from django.db import IntegrityError, transaction

from igov.front.models import GlossaryTerm
from igov.lib.versioning import VersionedModelForm


class GlossaryTermForm(VersionedModelForm):
    """A term and its meaning; a term already there is refused by name, a stale edit with what changed."""

    class Meta:
        model = GlossaryTerm
        fields = ["term", "meaning"]
        widgets = {"term": forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
                   "meaning": forms.Textarea(attrs={"rows": 3})}

    def save_if_current(self, commit=True):
        # Two people adding the same term at once both pass validation; the unique constraint refuses the second.
        try:
            with transaction.atomic():
                return super().save_if_current(commit)
        except IntegrityError:
            self.add_error("term", f"{self.cleaned_data['term']} is already in the glossary.")
            return None
