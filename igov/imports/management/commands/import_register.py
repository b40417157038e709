from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from actions.models import ActionPlan
from igov.imports.columns import Context
from igov.imports.importer import CREATE, UNCHANGED, UPDATE, run_import
from igov.imports.registers import registers
from igov.lib.uploads import UploadRejected

ERRORS_SHOWN = 200


class Command(BaseCommand):
    help = (
        "Imports a register from a spreadsheet (CSV or XLSX) exactly as the import page does: the same checks, "
        "rows matched by reference (updated) or new (added), all or nothing in one transaction, each record's "
        "history naming the importer (--by), recorded in the import history. Actions go into the plan --plan "
        "names (its id, the issuing body's reference or its title). --dry-run reports what would change and "
        "changes nothing. Exits with an error if any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(registers()), help="which register")
        parser.add_argument("file", help="path to the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
        parser.add_argument("--by", metavar="USERNAME", help="the user the history names as the importer")
        parser.add_argument("--plan", metavar="REF", help="the action plan actions go into")

    def handle(self, *args, kind, file, dry_run, by=None, plan=None, **options):
        register = registers()[kind]
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file")
        context = Context(user=self._user(by), plan=self._plan(plan) if register.needs_plan else None,
                          today=timezone.localdate())
        if register.needs_plan and context.plan is None:
            raise CommandError("Say which action plan the actions go into: --plan REF")
        try:
            preview = run_import(register, path.read_bytes(), path.name, context=context, dry_run=dry_run,
                                 progress=lambda n: self.stdout.write(f"  checked {n:,} rows…"))
        except UploadRejected as error:
            raise CommandError(error.message) from None
        if preview.missing:
            raise CommandError(f"{path.name} is missing these columns: {', '.join(preview.missing)}")
        if preview.unknown:
            self.stdout.write(f"Ignored columns: {', '.join(preview.unknown)}")
        for row in preview.errors[:ERRORS_SHOWN]:
            for column, message in row.errors:
                self.stderr.write(f"row {row.number}: {column + ': ' if column else ''}{message}")
        if preview.errors:
            count = len(preview.errors)
            raise CommandError(f"{count:,} row{'s' if count > 1 else ''} in error: nothing was imported.")
        if preview.empty:
            self.stdout.write(f"{path.name} has no rows under its header: nothing to import.")
            return
        for row in preview.rows:
            if row.kind == UPDATE:
                changes = "; ".join(f"{c.header}: “{c.old}” → “{c.new}”" for c in row.changes)
                self.stdout.write(f"  row {row.number} {row.key}: {changes}")
        would = "would " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(
            f"{path.name}: {len(preview.rows):,} rows; {would}add {preview.count(CREATE):,}, {would}update "
            f"{preview.count(UPDATE):,}; {preview.count(UNCHANGED):,} unchanged."))

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user has the username {username}") from None

    def _plan(self, reference):
        if not reference:
            return None
        match = Q(body_reference__iexact=reference) | Q(title__iexact=reference)
        if reference.isdigit():
            match |= Q(pk=int(reference))
        plans = list(ActionPlan.objects.filter(match)[:2])
        if len(plans) != 1:
            raise CommandError(f"{'No' if not plans else 'More than one'} action plan matches “{reference}”")
        return plans[0]
