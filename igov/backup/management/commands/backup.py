from django.core.management.base import BaseCommand

from igov.backup.archive import backup_write


class Command(BaseCommand):
    help = (
        "Writes the whole database to FILE as JSON (gzip-compressed if FILE ends in .gz): every row of "
        "every table except sessions and live sign-in locks, and the list of applied migrations, so "
        "`restore` can refuse a different schema version. The file holds password hashes and two-factor "
        "secrets: it is created readable by its owner only; keep it as safe as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup, e.g. igov-2026-03-31.json.gz")

    def handle(self, *args, file, **options):
        counts = backup_write(file)
        rows, tables = sum(counts.values()), sum(1 for n in counts.values() if n)
        self.stdout.write(self.style.SUCCESS(f"Backed up {rows:,} rows from {tables} tables to {file}."))
