from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from training.imports import UploadRejected, import_completions, import_staff

IMPORTERS = {"completions": import_completions, "staff": import_staff}


class Command(BaseCommand):
    help = (
        "Imports a learning system completions export (CSV or XLSX, the documented headers) exactly as the "
        "import page does: the same checks, all or nothing in one transaction, recorded as an import run. "
        "Rows already present are skipped, so a scheduled re-run of the same file adds nothing. "
        "--dry-run only reports what would happen. Exits with an error if any row is wrong."
    )
    kind = "completions"

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file")
        data = path.read_bytes()
        try:
            result = IMPORTERS[self.kind](data, path.name, dry_run=dry_run,
                                          progress=lambda n: self.stdout.write(f"  checked {n:,} rows…"))
        except UploadRejected as error:
            raise CommandError(error.message) from None
        if result.missing_columns:
            raise CommandError(f"{path.name} is missing these columns: {', '.join(result.missing_columns)}")
        for row, message in result.errors_shown:
            self.stderr.write(f"row {row}: {message}")
        if result.errors:
            raise CommandError(f"{len(result.errors):,} rows in error: nothing was imported.")
        if result.empty:
            self.stdout.write(f"{path.name} has no rows under its header: nothing to import.")
            return
        for note in result.notes:
            self.stdout.write(note)
        verb = "would add" if dry_run else "added"
        updated = f", {'would update' if dry_run else 'updated'} {result.to_update:,}" if self.kind == "staff" else ""
        self.stdout.write(self.style.SUCCESS(
            f"{path.name}: {result.rows:,} rows; {verb} {result.to_add:,}{updated}; "
            f"{result.unchanged:,} already present."))
