"""The one import mechanism every register uses: spreadsheet in, dry run, confirm, history.

    preview = run_import(REGISTERS["risks"], data, "risks.xlsx", context=Context(user=user))
    preview.rows  # each RowOutcome: created, updated (field by field, old → new), unchanged, error
    run_import(..., dry_run=False)  # the same checks, then all or nothing in one transaction

The file goes through igov.lib.uploads first (size cap, CSV in UTF-8 with or without a BOM or
Windows-1252, XLSX through openpyxl read-only with defusedxml, zip bombs and entity declarations
refused, formulas read as their saved values and a formula with none a row error, never evaluated).
The header is found within the first rows; missing required columns stop the import, unknown ones
are listed and ignored. Each row is matched to a record by its reference (a reference twice in one
file is an error), each cell parsed by its Column (igov/imports/columns.py), and the record
checked with the model's own full_clean(), so the database's rules (a completed action needs its
completion date) are row errors naming the column, not a failed transaction. Confirming saves each
changed record through save() with `_history_user` and `_change_reason` ("Imported from
file.xlsx"), and writes an ImportRecord, in one transaction: one bad row and nothing is written.

Why not django-import-export: it does dry runs, diffs and admin integration, but it would sit
beside igov.lib.uploads rather than on it (tablib parses the file its own way: no Windows-1252
fallback, no formula-without-a-value row errors, no zip-bomb or DTD check before parsing); its diff
is an HTML rendering of whole exported rows, not "field: old → new" a person can read; its
natural home is the Django admin, where the IG team does not work; and matching people, units and
choice labels would still be written here as widgets. The parts it would have saved (header
mapping, staging, the transaction) were already in training/imports.py, generalised here.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter

from igov.imports.cells import BadValue, text_of
from igov.imports.columns import Column, Context
from igov.imports.headers import data_rows, find_header, match_columns
from igov.imports.models import ImportRecord
from igov.imports.registers import Register
from igov.imports.staging import checksum_of
from igov.lib.uploads import ProblemRow, UploadRejected, check_upload, read_rows

MAX_ROWS = 20_000
PROGRESS_EVERY = 1_000
CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
KINDS = {CREATE: "To add", UPDATE: "To update", UNCHANGED: "Unchanged", ERROR: "In error"}


@dataclass
class Change:
    header: str
    old: str
    new: str


@dataclass
class RowOutcome:
    """What one row of the file would do (or did)."""

    number: int
    key: str
    kind: str = UNCHANGED
    changes: list[Change] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, what is wrong)
    record: object = None

    def error(self, column: str, message: str) -> None:
        self.kind = ERROR
        self.errors.append((column, message))


@dataclass
class Preview:
    register: Register
    file_name: str
    checksum: str
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    record: ImportRecord | None = None

    def count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in KINDS}

    @property
    def changes(self) -> int:
        return self.count(CREATE) + self.count(UPDATE)

    @property
    def errors(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.kind == ERROR]

    @property
    def empty(self) -> bool:
        return not self.missing and not self.rows

    @property
    def ok(self) -> bool:
        return not self.missing and not self.empty and not self.errors

    def as_dict(self) -> dict:
        """What the preview pages show, as JSON keeps it between requests (never the records)."""
        return {"file_name": self.file_name, "checksum": self.checksum, "missing": self.missing,
                "unknown": self.unknown, "rows": [
                    [row.number, row.key, row.kind, [[c.header, c.old, c.new] for c in row.changes], row.errors]
                    for row in self.rows]}

    @classmethod
    def from_dict(cls, register: Register, saved: dict) -> "Preview":
        rows = [RowOutcome(number, key, kind, [Change(*change) for change in changes],
                           [tuple(error) for error in errors])
                for number, key, kind, changes, errors in saved["rows"]]
        return cls(register, saved["file_name"], saved["checksum"], saved["missing"], saved["unknown"], rows)


def run_import(register: Register, data: bytes, file_name: str, *, context: Context, dry_run: bool = True,
               progress: Callable[[int], None] | None = None) -> Preview:
    """Check a file against a register (and unless dry_run, apply it): raises UploadRejected for a file
    that is not a spreadsheet, too big, or too long."""
    file_kind = check_upload(data, file_name)
    preview = Preview(register, file_name, checksum_of(data))
    header, numbered = find_header(read_rows(data, file_kind), register.key_column.names())
    positions, preview.unknown = match_columns(header or [], (
        ((column, n), column.names(n)) for column in register.columns for n in range(len(column.headers))))
    preview.missing = [column.header for column in register.columns if column.required and (column, 0) not in positions]
    if preview.missing:
        return preview
    stored = register.records(context)
    seen: dict[str, int] = {}
    for number, row in data_rows(numbered, progress, PROGRESS_EVERY):
        if len(preview.rows) >= MAX_ROWS:
            raise UploadRejected(f"The file has more than {MAX_ROWS:,} rows, the most one import takes. Split it "
                                 "into smaller files.")
        preview.rows.append(_check_row(register, number, row, positions, stored, seen, context))
    if preview.ok and not dry_run:
        _apply(preview, context)
    return preview


def _where(column: Column, positions: dict) -> str:
    position = positions.get((column, 0))
    return column.header if position is None else f"{column.header} (column {get_column_letter(position + 1)})"


def _check_row(register, number, row, positions, stored, seen, context) -> RowOutcome:
    def cell(position):
        return row[position] if position is not None and position < len(row) else None

    key_column = register.key_column
    key = text_of(cell(positions[(key_column, 0)]))
    outcome = RowOutcome(number, key)
    if type(row) is ProblemRow:
        for index, problem in row.problems:
            column = next((c for (c, n), p in positions.items() if p == index), None)
            outcome.error(_where(column, positions) if column else "", f"The cell {problem}" if column
                          else f"The row {problem}")
    if not key:
        outcome.error(_where(key_column, positions), "is blank")
    elif key.upper() in seen:
        outcome.error(_where(key_column, positions), f"{key} is also on row {seen[key.upper()]}: each reference "
                                                     "may appear once in a file")
    else:
        seen[key.upper()] = number
    values = {}
    for column in register.columns:
        if (column, 0) not in positions or column is key_column:
            continue
        cells = [cell(positions.get((column, n))) for n in range(len(column.headers))]
        try:
            if column.imported:
                values[column] = column.read(cells, context)
            else:
                column.verify(cells, context)
        except BadValue as error:
            outcome.error(_where(column, positions), str(error))
    if outcome.kind == ERROR:
        return outcome
    record = stored.get(key.upper())
    if record is None:
        record = register.new(context)
        key_column.set(record, key)
        outcome.kind = CREATE
    for column, value in values.items():
        old = None if outcome.kind == CREATE else column.value_of(record)
        if outcome.kind == CREATE or not column.same(old, value):
            outcome.changes.append(Change(column.header, "" if old is None else column.describe(old),
                                          column.describe(value)))
            column.set(record, value)
    if outcome.kind != CREATE:
        outcome.kind = UPDATE if outcome.changes else UNCHANGED
    if outcome.kind != UNCHANGED:
        _validate(register, record, outcome, positions)
    outcome.record = record
    return outcome


def _validate(register, record, outcome, positions) -> None:
    """The model's own rules (field limits, clean(), check constraints) as row errors naming the column."""
    try:
        record.full_clean(exclude=register.not_validated, validate_unique=False)
    except ValidationError as error:
        by_field = {column.field: column for column in register.columns if column.imported}
        for name, messages in error.message_dict.items():
            column = by_field.get(name)
            where = _where(column, positions) if column else ""
            for message in messages:
                outcome.error(where, message)


def _apply(preview: Preview, context: Context) -> None:
    user = context.user if context.user is not None and context.user.is_authenticated else None
    reason = f"Imported from {preview.file_name}"[:100]
    with transaction.atomic():
        preview.record = ImportRecord.objects.create(
            register=preview.register.kind, into=str(context.plan or "")[:200], file_name=preview.file_name[:255],
            checksum=preview.checksum, imported_by=user, rows=len(preview.rows),
            created=preview.count(CREATE), updated=preview.count(UPDATE), unchanged=preview.count(UNCHANGED))
        for row in preview.rows:
            if row.kind not in (CREATE, UPDATE):
                continue
            record = row.record
            record._history_user, record._change_reason = user, reason
            record.save()
            for name, value in getattr(record, "_import_many", {}).items():
                getattr(record, name).set(value)
