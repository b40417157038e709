"""The council's organisation: directorates and their services, as reference data every register
points at (DESIGN.md, "Registers"). A unit is named once, so renaming it renames it everywhere,
and links use its short code, so no name can break a URL."""
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse

from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned
from igov.org.names import normalise

CODE_RULE = RegexValidator(r"^[A-Z0-9][A-Z0-9-]{0,19}\Z",
                           "A code is capital letters, digits and hyphens, like CF or CF-ECH (at most 20).")


class UnitQuerySet(models.QuerySet):
    def directorates(self):
        return self.filter(parent__isnull=True)

    def in_use(self):
        return self.filter(in_use=True)

    def within(self, unit: "Unit"):
        """The unit and, for a directorate, its services: what "in this unit" means on every register."""
        return self.filter(Q(pk=unit.pk) | Q(parent=unit))

    def tree(self) -> list["Unit"]:
        """Directorates by name, each followed by its services by name (one query)."""
        units = list(self.select_related("parent"))
        directorates = sorted((u for u in units if u.parent_id is None), key=lambda u: u.name.casefold())
        services = {}
        for unit in units:
            if unit.parent_id is not None:
                services.setdefault(unit.parent_id, []).append(unit)
        ordered = []
        for directorate in directorates:
            ordered.append(directorate)
            ordered.extend(sorted(services.get(directorate.pk, []), key=lambda u: u.name.casefold()))
        return ordered

    def matcher(self) -> "UnitMatcher":
        return UnitMatcher(self.select_related("parent"))


class UnitMatcher:
    """Finds the unit a typed (directorate, service) pair means, by name with case, accents,
    apostrophes and "&" ignored, or by code. Loads the units once; used by imports and mapping."""

    def __init__(self, units):
        self.by_code = {}
        self.directorates = {}
        self.services = {}
        self.services_anywhere = {}
        for unit in units:
            self.by_code[unit.code.upper()] = unit
            if unit.parent_id is None:
                self.directorates[normalise(unit.name)] = unit
            else:
                self.services[(unit.parent_id, normalise(unit.name))] = unit
                self.services_anywhere.setdefault(normalise(unit.name), []).append(unit)

    def match(self, directorate: str, service: str = "", *, strict: bool = False) -> "Unit | None":
        """The service named within the directorate named; the directorate when no service is given;
        unless strict (as HR's own file is), a service whose name is unique in the council when the
        directorate is unknown. A code matches its unit. None otherwise."""
        directorate, service = (directorate or "").strip(), (service or "").strip()
        for text in (service, directorate):
            if text and text.upper() in self.by_code and not (text is directorate and service):
                return self.by_code[text.upper()]
        parent = self.directorates.get(normalise(directorate)) if directorate else None
        if not service:
            return parent
        if parent is not None:
            return self.services.get((parent.pk, normalise(service)))
        candidates = [] if strict else self.services_anywhere.get(normalise(service), [])
        return candidates[0] if len(candidates) == 1 else None


class Unit(Versioned):
    """A directorate (no parent) or a service within one: a small two-level tree."""

    name = models.CharField(max_length=120, help_text="As HR names it, e.g. “Children and Families”.")
    code = models.CharField(max_length=20, unique=True, validators=[CODE_RULE],
                            help_text="A short code used in links and spreadsheets, e.g. CF or CF-ECH.")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="services",
                               verbose_name="directorate", limit_choices_to={"parent__isnull": True},
                               help_text="Blank for a directorate; the directorate a service belongs to.")
    in_use = models.BooleanField(default=True, help_text="Untick when the unit no longer exists: its records "
                                                         "keep it, but nobody can choose it for new ones.")
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    editable=False, help_text="The unit whose records this one's became.")
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation unit"
        constraints = [
            models.UniqueConstraint(fields=["name"], condition=Q(parent__isnull=True), name="directorate_name_unique",
                                    violation_error_message="There is already a directorate with this name."),
            models.UniqueConstraint(fields=["parent", "name"], name="service_name_unique_in_directorate",
                                    violation_error_message="The directorate already has a service with this name."),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_its_own_directorate"),
        ]

    def __str__(self):
        return self.name  # not the label: admin filters and choice lists name units without a query each

    @property
    def is_directorate(self) -> bool:
        return self.parent_id is None

    @property
    def directorate(self) -> "Unit":
        return self if self.parent_id is None else self.parent

    @property
    def label(self) -> str:
        """"Children and Families › Early Help", or the directorate's own name."""
        return self.name if self.parent_id is None else f"{self.parent.name} › {self.name}"

    @property
    def names(self) -> tuple[str, str]:
        """(directorate, service) as spreadsheets and exports write them; the service blank for a directorate."""
        return (self.name, "") if self.parent_id is None else (self.parent.name, self.name)

    def get_absolute_url(self):
        return reverse("org:unit", args=[self.code])

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": "Choose a directorate: a service cannot belong to another service."})
        if self.pk and Unit.objects.filter(parent=self.pk).exists():
            raise ValidationError({"parent": "This unit is a directorate with services, so it cannot become a "
                                             "service. Move or merge its services first."})

    @classmethod
    def registers(cls) -> list[type[models.Model]]:
        """Every history-tracked model that points at a unit (the registers), found from the relations."""
        return [rel.related_model for rel in cls._meta.related_objects
                if rel.field.name == "unit" and hasattr(rel.related_model, "history")]

    @transaction.atomic
    def merge_into(self, other: "Unit", *, by, reason: str) -> int:
        """Moves every record of this unit (and, for a directorate, its services) to `other` and retires
        this one: each record saved, so its history says who merged and why; this unit's own history
        stays, with merged_into naming where its records went. Returns how many records moved."""
        if other.pk == self.pk or other.parent_id == self.pk:
            raise ValidationError("Choose another unit to merge into.")
        moved = 0
        note = f"{self.label} merged into {other.label}: {reason}"
        for model in self.registers():
            for record in model.objects.filter(unit=self).order_by("pk"):
                record.unit = other
                record._change_reason = note
                record._history_user = by
                record.save()
                moved += 1
        for service in Unit.objects.filter(parent=self).order_by("pk"):
            namesake = Unit.objects.filter(parent=other.directorate, name__iexact=service.name).first()
            if namesake is not None:
                moved += service.merge_into(namesake, by=by, reason=reason)
                continue
            service.parent = other.directorate
            service._change_reason, service._history_user = note, by
            service.save()
        self.in_use, self.merged_into = False, other
        self._change_reason, self._history_user = note, by
        self.save()
        return moved


def unit_names(unit: Unit | None) -> tuple[str, str]:
    """(directorate, service) for a record's unit, blank when it has none (for exports)."""
    return ("", "") if unit is None else unit.names
