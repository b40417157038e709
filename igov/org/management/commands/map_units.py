"""Finishes the move from typed directorate and service names to organisation units.

    manage.py map_units                      lists the typed names not yet matched to a unit
    manage.py map_units --template FILE      writes them to a CSV mapping file to fill in
    manage.py map_units --mapping FILE       applies a filled-in mapping file (all or nothing)

The mapping file has the columns directorate, service and unit (a unit's code, as the admin shows
it). Every record changed is saved with history naming the file (and --by, the person running it).
"""
import csv
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from igov.org.mapping import REGISTERS, apply_mapping, distinct_typed
from igov.org.models import Unit

COLUMNS = ["directorate", "service", "unit"]


class Command(BaseCommand):
    help = "Lists typed directorate and service names not yet matched to a unit, and applies a mapping file."

    def add_arguments(self, parser):
        parser.add_argument("--template", metavar="FILE", help="write the unmatched names to this CSV file")
        parser.add_argument("--mapping", metavar="FILE", help="apply this CSV file (directorate, service, unit)")
        parser.add_argument("--by", metavar="USERNAME", help="the person the history names (default: nobody)")

    def handle(self, *args, template=None, mapping=None, by=None, **options):
        registers = [apps.get_model(app, name) for app, name in REGISTERS]
        if mapping:
            return self.apply(registers, Path(mapping), by)
        unmatched = Counter()
        for model in registers:
            for key, n in distinct_typed(model).items():
                unmatched[key] += n
        if not unmatched:
            self.stdout.write(self.style.SUCCESS("Every record's directorate and service is matched to a unit."))
            return
        matcher = Unit.objects.matcher()
        self.stdout.write(f"{len(unmatched)} typed names match no unit ({sum(unmatched.values())} records):")
        for (directorate, service), n in sorted(unmatched.items()):
            guess = matcher.match(directorate, service)
            hint = f" → now matches {guess.code} ({guess.label})" if guess else ""
            self.stdout.write(f"  {directorate or '—'} / {service or '—'}: {n} record{'s' if n != 1 else ''}{hint}")
        if template:
            with open(template, "w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(COLUMNS)
                for directorate, service in sorted(unmatched):
                    guess = matcher.match(directorate, service)
                    writer.writerow([directorate, service, guess.code if guess else ""])
            self.stdout.write(f"Wrote {template}: fill in each row's unit code, then run --mapping {template}.")

    def apply(self, registers, path: Path, by):
        try:
            with path.open(newline="", encoding="utf-8-sig") as source:
                rows = list(csv.DictReader(source))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if not rows or set(COLUMNS) - set(rows[0]):
            raise CommandError(f"{path} needs the columns {', '.join(COLUMNS)}.")
        units = {u.code.upper(): u for u in Unit.objects.all()}
        problems, wanted = [], {}
        for number, row in enumerate(rows, start=2):
            code = (row["unit"] or "").strip().upper()
            if not code:
                continue
            if code not in units:
                problems.append(f"row {number}: there is no unit with the code {code}")
                continue
            wanted[(row["directorate"] or "", row["service"] or "")] = units[code]
        if problems:
            raise CommandError("Nothing was changed:\n  " + "\n  ".join(problems))
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"There is no user called {by}.")
        changed = apply_mapping(registers, wanted, by=user, reason=f"Unit set from the mapping file {path.name}"[:100])
        for register, n in changed.items():
            self.stdout.write(f"  {register}: {n} record{'s' if n != 1 else ''} given a unit")
        self.stdout.write(self.style.SUCCESS(f"Applied {path.name}: {sum(changed.values())} records changed."))
