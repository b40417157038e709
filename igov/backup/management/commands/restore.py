from django.core.management.base import BaseCommand, CommandError

from igov.backup.archive import BackupError, backup_read, backup_restore


class Command(BaseCommand):
    help = (
        "Replaces everything in the database with a backup made by `backup`. Refuses when this database's "
        "applied migrations differ from the backup's (run `migrate` to the same version first) and, "
        "unless --force, when this database already has user accounts. All or nothing: on any error the "
        "database is left as it was. Everyone must sign in again afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup written by `manage.py backup`")
        parser.add_argument("--force", action="store_true",
                            help="replace a database that is already in use (all its data is lost)")

    def handle(self, *args, file, force, **options):
        try:
            data = backup_read(file)
            counts = backup_restore(data, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows, tables = sum(counts.values()), sum(1 for n in counts.values() if n)
        self.stdout.write(self.style.SUCCESS(
            f"Restored {rows:,} rows into {tables} tables from {file} (backup made {data['created_at']})."))
