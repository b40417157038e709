"""Organisation units from HR's names, and every register's typed directorate and service matched to
them (the rule is igov/org/mapping.py's). Values that match no unit keep their text; `manage.py
map_units` lists them and applies a mapping file.

The migration changes how a record's unit is stored, not which unit it is, so each register's history
rows are given the same unit in one UPDATE per value (no history is added: nothing changed for a
reader), and every "as at" figure groups past positions by unit as it does today's."""
from collections import Counter

from django.db import migrations

from igov.org.mapping import REGISTERS, former_fields, match_all, units_from_hr


def forwards(apps, schema_editor):
    from igov.org.models import UnitMatcher

    unit_model = apps.get_model("org", "Unit")
    registers = [apps.get_model(app, name) for app, name in REGISTERS]
    units_from_hr(unit_model, registers[0])
    matcher = UnitMatcher(unit_model.objects.select_related("parent"))
    unmatched = Counter()
    for model, found in match_all(registers, matcher).items():
        directorate_field, service_field = former_fields(model)
        history = apps.get_model(model._meta.app_label, f"Historical{model.__name__}")
        for (directorate, service), unit in found.items():
            where = {service_field: service, **({directorate_field: directorate} if directorate_field else {})}
            if unit is None:
                unmatched[(model.__name__, directorate, service)] += 1
                continue
            model.objects.filter(unit__isnull=True, **where).update(unit=unit)
            history.objects.filter(unit__isnull=True, **where).update(unit=unit)
    if unmatched:
        print(f"\n  {len(unmatched)} typed directorate or service names match no organisation unit: "
              "`manage.py map_units` lists them and applies a mapping file.")
    return unmatched


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
        ("actions", "0006_units"),
        ("risks", "0009_units"),
        ("assets", "0005_units"),
        ("training", "0006_units"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
