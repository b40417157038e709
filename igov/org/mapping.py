"""From free text to organisation units: the data migration's and `manage.py map_units`' one rule.

HR's names are the council's names: the units are made from the directorates and services on the
staff records. Every register's typed (directorate, service) is then matched to a unit by name
(`UnitMatcher`: case, accents, apostrophes and "&" ignored; a service unique in the council matches
even under another directorate's name). What cannot be matched keeps its text in `former_*` and is
listed by `manage.py map_units`, which applies a mapping file to finish the job.
"""
from collections import Counter

from django.db import transaction

from igov.org.names import make_code

# (app label, model): the registers that had free-text directorates and services, HR first.
REGISTERS = [("training", "StaffMember"), ("actions", "Action"), ("risks", "Risk"),
             ("assets", "InformationAsset")]


def former_fields(model) -> tuple[str, str | None]:
    names = {f.name for f in model._meta.get_fields()}
    return ("former_directorate" if "former_directorate" in names else None), "former_service"


def typed(model, record) -> tuple[str, str]:
    directorate_field, service_field = former_fields(model)
    return (getattr(record, directorate_field) if directorate_field else ""), getattr(record, service_field)


def distinct_typed(model) -> Counter:
    """{(directorate, service): records} for the records not yet given a unit, with any text."""
    directorate_field, service_field = former_fields(model)
    fields = [f for f in (directorate_field, service_field) if f]
    counts = Counter()
    for row in model.objects.filter(unit__isnull=True).values_list(*fields):
        key = tuple(row) if directorate_field else ("", row[0])
        if any(part.strip() for part in key):
            counts[key] += 1
    return counts


def units_from_hr(unit_model, staff_model) -> int:
    """Creates a directorate for each directorate on the staff records and a service for each service
    within it (names as HR writes them, first spelling kept), with codes. Returns how many it made."""
    from igov.org.models import UnitMatcher  # the rule itself; works on the migration's models too

    matcher = UnitMatcher(unit_model.objects.select_related("parent"))
    taken = set(unit_model.objects.values_list("code", flat=True))
    made = 0
    for directorate, service in sorted(distinct_typed(staff_model)):
        directorate, service = directorate.strip(), service.strip()
        if not directorate:
            continue
        parent = matcher.match(directorate)
        if parent is None:
            parent = unit_model.objects.create(name=directorate, code=make_code(directorate, taken))
            made += 1
            matcher = UnitMatcher(unit_model.objects.select_related("parent"))
        if service and matcher.match(directorate, service) is None:
            unit_model.objects.create(name=service, parent=parent, code=make_code(service, taken, parent.code))
            made += 1
            matcher = UnitMatcher(unit_model.objects.select_related("parent"))
    return made


def match_all(models: list, matcher) -> dict:
    """{model: {(directorate, service): unit or None}} for every typed value not yet given a unit."""
    return {model: {key: matcher.match(*key) for key in distinct_typed(model)} for model in models}


@transaction.atomic
def apply_mapping(models: list, mapping: dict, *, by=None, reason: str) -> Counter:
    """Gives each record whose typed names are a key of `mapping` ({(directorate, service): unit})
    that unit, saving each record so its history names who did it and why. All or nothing.
    Returns {register verbose name: records changed}."""
    changed = Counter()
    for model in models:
        directorate_field, service_field = former_fields(model)
        for record in model.objects.filter(unit__isnull=True).order_by("pk"):
            unit = mapping.get(typed(model, record))
            if unit is None:
                continue
            record.unit = unit
            record._change_reason = reason
            record._history_user = by
            record.save()
            changed[model._meta.verbose_name] += 1
    return changed
