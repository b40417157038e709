from training.management.commands import import_completions


class Command(import_completions.Command):
    help = (
        "Imports HR's staff list (CSV or XLSX, the documented headers) exactly as the import page does: new "
        "people are added, changed ones updated, people missing from the file left as they are (leavers are "
        "marked by a leaving date, never deleted); all or nothing, recorded. --dry-run only reports."
    )
    kind = "staff"
