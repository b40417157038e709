"""The glossary of acronyms, kept as data the IG team edits (committee resolution 4)."""
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse

from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned

TERM_MIN, TERM_MAX = 2, 12


class GlossaryTerm(Versioned):
    """An acronym and what it stands for. Pages mark it up with <abbr>; a report carries the terms it uses."""

    term = models.CharField(
        max_length=TERM_MAX,
        unique=True,  # case-sensitive on SQLite and PostgreSQL alike: "IoT" and "IOT" are different terms
        validators=[RegexValidator(
            rf"^(?=.{{{TERM_MIN},{TERM_MAX}}}\Z)[A-Za-z0-9]+(&[A-Za-z0-9]+)*\Z",
            f"A term is {TERM_MIN} to {TERM_MAX} letters or digits with no spaces, like ICO; "
            "an & may join them, like A&E.")],
        help_text="The acronym as it is written, like ICO or A&E.",
    )
    meaning = models.TextField(
        max_length=500,
        help_text="What it stands for, as a reader would want it spelled out, like "
                  "“Information Commissioner's Office”.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"
        constraints = [
            # Length only: the characters allowed are checked by the validator (SQLite has no portable regex).
            models.CheckConstraint(
                condition=Q(GreaterThanOrEqual(Length("term"), TERM_MIN), LessThanOrEqual(Length("term"), TERM_MAX)),
                name="glossary_term_length",
                violation_error_message=f"A term is {TERM_MIN} to {TERM_MAX} characters long.",
            ),
            models.CheckConstraint(condition=~Q(meaning=""), name="glossary_term_has_meaning",
                                   violation_error_message="A term needs its meaning."),
        ]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("front:glossary") + f"#term-{self.pk}"

    def unique_error_message(self, model_class, unique_check):
        """The form's and the admin's message for a term already there, naming it."""
        if unique_check == ("term",):
            return ValidationError(f"{self.term} is already in the glossary.", code="unique")
        return super().unique_error_message(model_class, unique_check)
