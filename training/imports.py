"""Imports of the learning system's completions and HR's staff list (CSV or XLSX).

Both work the same way: the upload guard checks the file, the documented headers are found (in
any order, any case, a few common aliases), every row is checked, and the result is a preview:
rows to add, rows already present, rows in error with their spreadsheet row number (the header
is row 1). Only a file with no errors can be confirmed; the confirmed import runs in one
transaction (all or nothing) and is recorded as an ImportRun. Importing the same file again
adds nothing. Between preview and confirm the file waits under MEDIA_ROOT/imports, named by its
SHA-256 (igov.imports.staging).
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_update_with_history

from igov.accounts.handover import with_counts
from igov.imports.cells import BadValue, parse_date, parse_yes_no, shown, text_of
from igov.imports.headers import data_rows, find_header, match_columns
from igov.imports.importer import CREATE, ERROR, UNCHANGED, UPDATE, Change, RowOutcome
from igov.imports.models import ImportRecord
from igov.imports.staging import checksum_of, discard_staged, stage_upload, staged_upload
from igov.lib.uploads import ProblemRow, UploadRejected, check_upload, read_rows
from igov.org.models import Unit
from igov.org.names import make_code
from training.models import Completion, ComplianceFigures, ComplianceSnapshot, Course, ImportRun, StaffMember

BATCH = 2000
# Rows per INSERT statement: 6 parameters each stays far below SQLite's and PostgreSQL's limits.
INSERT_BATCH = 500
PROGRESS_EVERY = 10_000
MAX_ERRORS_SHOWN = 200

# Documented headers (README "Importing training data"): name -> (required, aliases).
COMPLETION_COLUMNS = {
    "staff number": (True, ("employee number", "employee id", "person number", "staff id")),
    "course": (True, ("course code", "course name", "course title", "module")),
    "completed on": (True, ("completion date", "date completed", "completed")),
    "score": (False, ("score (%)", "percentage")),
    "result": (False, ("status", "outcome", "passed")),
}
STAFF_COLUMNS = {
    "staff number": (True, ("employee number", "employee id", "person number", "staff id")),
    "first name": (True, ("forename", "given name")),
    "last name": (True, ("surname", "family name")),
    "email": (False, ("email address", "work email")),
    "directorate": (True, ()),
    "service": (True, ("service area", "team")),
    "line manager": (False, ("line manager staff number", "manager staff number", "manager number")),
    "employment type": (False, ("contract type", "worker type")),
    "start date": (True, ("date started", "employment start date")),
    "leaving date": (False, ("end date", "leaving on", "date left")),
    "in scope": (False, ("in scope for training",)),
    "exemption reason": (False, ("exempt reason", "reason for exemption")),
    "information asset owner": (False, ("iao",)),
}
EMPLOYMENT_TYPES = {
    "employee": StaffMember.EmploymentType.EMPLOYEE, "permanent": StaffMember.EmploymentType.EMPLOYEE,
    "fixed term": StaffMember.EmploymentType.EMPLOYEE, "agency": StaffMember.EmploymentType.AGENCY,
    "agency worker": StaffMember.EmploymentType.AGENCY, "councillor": StaffMember.EmploymentType.COUNCILLOR,
    "elected member": StaffMember.EmploymentType.COUNCILLOR, "contractor": StaffMember.EmploymentType.CONTRACTOR,
    "consultant": StaffMember.EmploymentType.CONTRACTOR,
}
PASSED = {"", "passed", "pass", "completed", "complete", "yes", "y", "true", "1"}
FAILED = {"failed", "fail", "not passed", "no", "n", "false", "0"}


@dataclass
class ImportResult:
    """What an import would do (dry run) or did: counts, and every row in error."""

    kind: str
    file_name: str
    checksum: str
    rows: int = 0
    to_add: int = 0
    to_update: int = 0
    unchanged: int = 0
    missing_columns: list[str] = field(default_factory=list)
    # (directorate, service) an HR file names that no organisation unit matches: created on confirm.
    new_units: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Staff imports: users the file marks as leavers who still hold live records (hand_over_due).
    leavers_holding: list = field(default_factory=list)
    # What each row would do (RowOutcome: created, updated field by field, unchanged, in error), and
    # the people the file gives a leaving date they did not have: filled when `detail` is asked for.
    outcomes: list[RowOutcome] = field(default_factory=list)
    leavers: list[dict] = field(default_factory=list)
    # The main course's compliance by directorate, now and as it would be after the import.
    compliance: list[dict] = field(default_factory=list)
    run: ImportRun | None = None
    progress: Callable[[int], None] | None = None
    unknown_columns: list[str] = field(default_factory=list)  # named in the header, read by no column

    @property
    def empty(self) -> bool:
        """A header and nothing under it: nothing to import (and nothing to record)."""
        return not self.missing_columns and not self.rows

    @property
    def ok(self) -> bool:
        return not self.missing_columns and not self.errors and not self.empty

    @property
    def errors_shown(self):
        return self.errors[:MAX_ERRORS_SHOWN]

    def error(self, row: int, message: str) -> None:
        self.errors.append((row, message))

    def as_dict(self) -> dict:
        """What the preview pages show, as JSON keeps it between requests (igov.imports.staging)."""
        return {"kind": self.kind, "file_name": self.file_name, "checksum": self.checksum, "rows": self.rows,
                "to_add": self.to_add, "to_update": self.to_update, "unchanged": self.unchanged,
                "missing_columns": self.missing_columns, "unknown_columns": self.unknown_columns,
                "new_units": self.new_units, "errors": self.errors,
                "notes": self.notes, "leavers": self.leavers, "compliance": self.compliance,
                "outcomes": [[row.number, row.key, row.kind, [[c.header, c.old, c.new] for c in row.changes],
                              row.errors] for row in self.outcomes]}

    @classmethod
    def from_dict(cls, saved: dict) -> "ImportResult":
        outcomes = [RowOutcome(number, key, kind, [Change(*change) for change in changes],
                               [tuple(error) for error in errors])
                    for number, key, kind, changes, errors in saved["outcomes"]]
        return cls(saved["kind"], saved["file_name"], saved["checksum"], saved["rows"], saved["to_add"],
                   saved["to_update"], saved["unchanged"], saved["missing_columns"],
                   [tuple(unit) for unit in saved["new_units"]], [tuple(error) for error in saved["errors"]],
                   saved["notes"], outcomes=outcomes, leavers=saved["leavers"], compliance=saved["compliance"],
                   unknown_columns=saved.get("unknown_columns", []))

    def error_outcomes(self) -> list[RowOutcome]:
        return [RowOutcome(number, "", ERROR, errors=[("", message)]) for number, message in self.errors]


def positions(columns: dict[str, int], spec: dict) -> dict[str, int]:
    """Where each documented column is; a column not in the file reads as blank (past any row's end)."""
    return {name: columns.get(name, 1_000_000) for name in spec}


def _header_and_rows(result: "ImportResult", data: bytes, file_kind: str, columns: dict):
    """The column positions and the numbered data rows (igov.imports.headers: the one rule for every
    import), noting the missing and the unknown columns; (None, None) when a required one is missing."""
    header, numbered = find_header(read_rows(data, file_kind), _names("staff number", columns["staff number"]))
    found, result.unknown_columns = match_columns(header or [], (
        (name, _names(name, spec)) for name, spec in columns.items()))
    result.missing_columns = [name for name, (required, _aliases) in columns.items() if required and name not in found]
    if result.missing_columns:
        return None, None
    return found, data_rows(numbered, result.progress, PROGRESS_EVERY)


def _names(name: str, spec: tuple) -> set[str]:
    return {name, *spec[1]}


def unreadable(row: ProblemRow, at: dict[str, int]) -> str:
    """What could not be read on a row, in the documented columns ("" if those cells were read)."""
    problems = []
    for column, problem in row.problems:
        if column is None:
            problems.append(f"The row {problem}")
        for name, position in at.items():
            if position == column:
                problems.append(f"{name.capitalize()} (column {get_column_letter(column + 1)}) {problem}")
    return "; ".join(problems)


def import_completions(data: bytes, file_name: str, *, user=None, dry_run: bool = True, today: date | None = None,
                       progress: Callable[[int], None] | None = None, detail: bool = False) -> ImportResult:
    """Check (and unless dry_run, import) a learning system completions export. With `detail` (a dry run
    for the preview page), also what each row would do and compliance before and after."""
    today = today or timezone.localdate()
    file_kind = check_upload(data, file_name)
    result = ImportResult(ImportRun.Kind.COMPLETIONS, file_name, checksum_of(data), progress=progress)
    columns, rows = _header_and_rows(result, data, file_kind, COMPLETION_COLUMNS)
    if result.missing_columns:
        return result
    staff_ids = {number.upper(): pk for number, pk in StaffMember.objects.values_list("staff_number", "pk")}
    courses = {}
    for course in Course.objects.all():
        courses[course.code.lower()] = courses[course.name.lower()] = course
    present: dict[int, set] = {}
    seen: dict[tuple, int] = {}
    new = []
    at = positions(columns, COMPLETION_COLUMNS)
    for number, row in rows:
        result.rows += 1
        if type(row) is ProblemRow and unreadable(row, at):
            result.error(number, unreadable(row, at))
            continue
        values = {name: row[position] if position < len(row) else None for name, position in at.items()}
        try:
            staff_number = text_of(values["staff number"])
            staff_id = staff_ids.get(staff_number.upper())
            if not staff_number:
                raise BadValue("Staff number is blank")
            if staff_id is None:
                raise BadValue(f"Unknown staff number {shown(staff_number)} (import the HR staff list first)")
            course_text = text_of(values["course"])
            course = courses.get(course_text.lower())
            if course is None:
                raise BadValue(f"Unknown course “{shown(course_text)}”" if course_text else "Course is blank")
            completed_on = parse_date(values["completed on"], "Completed on")
            if problem := course.completion_date_problem(completed_on, today):
                raise BadValue(f"Completed on {problem}")
            score = _score(values.get("score"))
            passed = _passed(values.get("result"))
        except BadValue as error:
            result.error(number, str(error))
            continue
        key = (staff_id, course.pk, completed_on)
        if key in seen:
            result.error(number, f"Duplicate of row {seen[key]} (same person, course and date)")
            continue
        seen[key] = number
        if course.pk not in present:
            present[course.pk] = set(Completion.objects.filter(course=course).values_list("staff_id", "completed_on"))
        if (staff_id, completed_on) in present[course.pk]:
            result.unchanged += 1
            if detail:
                result.outcomes.append(RowOutcome(number, staff_number, UNCHANGED))
            continue
        if detail:
            result.outcomes.append(RowOutcome(number, staff_number, CREATE, [
                Change("Course", "", course.code), Change("Completed on", "", _day(completed_on)),
                Change("Score", "", "" if score is None else f"{score}%"),
                Change("Result", "", "Passed" if passed else "Failed")]))
        # Plain tuples until the write: 200,000 model instances would cost memory and garbage collection.
        new.append((staff_id, course.pk, completed_on, score, passed))
    result.to_add = len(new)
    if detail:
        result.outcomes = sorted(result.outcomes + result.error_outcomes(), key=lambda row: row.number)
        if result.ok:
            result.compliance = compliance_change(lambda: _insert_completions(new, _record(result, user)), today)
    if result.ok and not dry_run:
        with transaction.atomic():
            _insert_completions(new, _record(result, user))
    return result


def _day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def compliance_change(apply: Callable[[], None], on: date) -> list[dict]:
    """The main course's compliance by directorate and for the whole council, now and after `apply`
    (the import's own writes, made inside a savepoint and rolled back): the figures the training
    pages would show, computed by the same code. The last row is the council's."""
    course = Course.objects.main()
    if course is None:
        return []
    before = StaffMember.objects.compliance_by_unit(course, on)
    with transaction.atomic():
        apply()
        after = StaffMember.objects.compliance_by_unit(course, on)
        transaction.set_rollback(True)
    rows: dict = {}
    for when, groups in (("before", before), ("after", after)):
        for unit, figures in groups:
            name = unit.name if unit else "No directorate recorded"
            rows.setdefault(unit.pk if unit else None, {"name": name, "before": None, "after": None})[when] = \
                _figures(figures)
        whole = ComplianceFigures.total_of([figures for _unit, figures in groups], course, on)
        rows.setdefault("council", {"name": "Whole council", "before": None, "after": None})[when] = _figures(whole)
    council = rows.pop("council")
    return [*sorted(rows.values(), key=lambda row: row["name"].lower()), council]


def _figures(figures: ComplianceFigures) -> dict:
    return {"total": figures.total, "valid": figures.valid, "percent": figures.percent,
            "meets_target": figures.meets_target}


def _insert_completions(rows: list[tuple], run: ImportRun) -> None:
    """Multi-row INSERTs of checked rows: bulk_create's per-object work would cost as much as reading the
    file (the benchmark's target is 1.5× a bare openpyxl pass). The unique constraint still guards."""
    names = ["staff", "course", "completed_on", "score", "passed", "import_run"]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Completion._meta.get_field(name).column) for name in names)
    one_row = f"({', '.join(['%s'] * len(names))})"
    as_date = connection.ops.adapt_datefield_value
    if rows:  # raw INSERTs send no signals: forget the kept counts they change here
        ComplianceSnapshot.objects.forget(courses={row[1] for row in rows}, since=min(row[2] for row in rows))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            batch = rows[start:start + INSERT_BATCH]
            params = [value for staff_id, course_id, completed_on, score, passed in batch
                      for value in (staff_id, course_id, as_date(completed_on), score, passed, run.pk)]
            cursor.execute(f"INSERT INTO {quote(Completion._meta.db_table)} ({columns}) "  # noqa: S608 - model names
                           f"VALUES {', '.join([one_row] * len(batch))}", params)


def _score(value) -> int | None:
    text = text_of(value).rstrip("%").strip()
    if not text:
        return None
    try:
        score = round(float(text))
    except (ValueError, OverflowError):  # "abc", and "inf" or "1e309", which round() cannot take
        raise BadValue(f"Score “{shown(text)}” is not a number") from None
    if not 0 <= score <= 100:
        raise BadValue(f"Score {shown(text)} is not between 0 and 100")
    return score


def _passed(value) -> bool:
    text = text_of(value).lower()
    if text in PASSED:
        return True
    if text in FAILED:
        return False
    raise BadValue(f"Result “{shown(value)}” is not Passed or Failed")


def _yes_no(value, label: str, default: bool) -> bool:
    return parse_yes_no(value, label, default)


STAFF_FIELDS = ["first_name", "last_name", "email", "unit_id", "employment_type", "is_iao",
                "in_scope", "exemption_reason", "start_date", "leaving_date"]
# Fields filled from an optional column: when the file lacks the column, the stored value is kept.
OPTIONAL_FIELDS = {"email": "email", "employment_type": "employment type", "is_iao": "information asset owner",
                   "in_scope": "in scope", "exemption_reason": "in scope", "leaving_date": "leaving date"}


def _staff_row(values: dict) -> dict:
    row = {"first_name": text_of(values["first name"]), "last_name": text_of(values["last name"]),
           "email": text_of(values.get("email")).lower(), "directorate": text_of(values["directorate"]),
           "service": text_of(values["service"])}
    for name in ("first_name", "last_name", "directorate", "service"):
        if not row[name]:
            raise BadValue(f"{name.replace('_', ' ').capitalize()} is blank")
        if len(row[name]) > Unit._meta.get_field("name").max_length:
            raise BadValue(f"{name.replace('_', ' ').capitalize()} is too long")
    if row["email"] and ("@" not in row["email"] or len(row["email"]) > 254):
        raise BadValue(f"Email “{shown(row['email'])}” is not an e-mail address")
    kind = text_of(values.get("employment type")).lower()
    if kind and kind not in EMPLOYMENT_TYPES:
        raise BadValue(f"Employment type “{shown(kind)}” is not one of employee, agency, councillor, contractor")
    row["employment_type"] = EMPLOYMENT_TYPES.get(kind, StaffMember.EmploymentType.EMPLOYEE)
    row["is_iao"] = _yes_no(values.get("information asset owner"), "Information asset owner", False)
    row["in_scope"] = _yes_no(values.get("in scope"), "In scope", True)
    row["exemption_reason"] = text_of(values.get("exemption reason"))[:200]
    if not row["in_scope"] and not row["exemption_reason"]:
        raise BadValue("Out of scope without an exemption reason")
    if row["in_scope"]:
        row["exemption_reason"] = ""
    row["start_date"] = parse_date(values["start date"], "Start date")
    row["leaving_date"] = parse_date(values.get("leaving date"), "Leaving date", required=False)
    if row["leaving_date"] and row["leaving_date"] < row["start_date"]:
        raise BadValue("Leaving date is before the start date")
    return row


def import_staff(data: bytes, file_name: str, *, user=None, dry_run: bool = True, today: date | None = None,
                 progress: Callable[[int], None] | None = None, detail: bool = False) -> ImportResult:
    """Check (and unless dry_run, import) HR's staff list: adds new people, updates changed ones.

    People missing from the file are left as they are: leavers are marked by a leaving date in
    the file, never deleted.
    """
    file_kind = check_upload(data, file_name)
    result = ImportResult(ImportRun.Kind.STAFF, file_name, checksum_of(data), progress=progress)
    columns, rows = _header_and_rows(result, data, file_kind, STAFF_COLUMNS)
    if result.missing_columns:
        return result
    stored = {s["staff_number"].upper(): s for s in StaffMember.objects.values(
        "pk", "staff_number", "line_manager__staff_number", *STAFF_FIELDS)}
    wanted: dict[str, tuple[int, dict, str]] = {}
    at = positions(columns, STAFF_COLUMNS)
    for number, row in rows:
        result.rows += 1
        if type(row) is ProblemRow and unreadable(row, at):
            result.error(number, unreadable(row, at))
            continue
        values = {name: row[position] if position < len(row) else None for name, position in at.items()}
        try:
            staff_number = text_of(values["staff number"])
            if not staff_number:
                raise BadValue("Staff number is blank")
            if len(staff_number) > 20:
                raise BadValue(f"Staff number {shown(staff_number)} is too long")
            if staff_number.upper() in wanted:
                raise BadValue(f"Staff number {staff_number} is also on row {wanted[staff_number.upper()][0]}")
            fields = _staff_row(values)
            manager = text_of(values.get("line manager")).upper()
        except BadValue as error:
            result.error(number, str(error))
            continue
        wanted[staff_number.upper()] = (number, {"staff_number": staff_number, **fields}, manager)
    for key, (number, _fields, manager) in wanted.items():
        if manager == key:
            result.error(number, "A person cannot be their own line manager")
        elif manager and manager not in wanted and manager not in stored:
            result.error(number, f"Line manager {shown(manager)} is not in the file or on record")
    result.errors.sort()
    proposed = _units_of(wanted)
    result.new_units = sorted(proposed)
    fields_given = [name for name in STAFF_FIELDS if OPTIONAL_FIELDS.get(name, "staff number") in columns]
    managers_given = "line manager" in columns
    changed, new = [], []
    for key, (_number, fields, manager) in wanted.items():
        current = stored.get(key)
        if current is None:
            new.append(key)
        elif any(current[name] != fields[name] for name in fields_given) or (
                managers_given and (current["line_manager__staff_number"] or "").upper() != manager):
            changed.append(key)
        else:
            result.unchanged += 1
    result.to_add, result.to_update = len(new), len(changed)
    result.leavers_holding = leavers_holding_records(wanted, stored)
    if detail:
        _staff_outcomes(result, wanted, stored, proposed, fields_given, managers_given)
    absent = sum(1 for key, s in stored.items() if key not in wanted and s["leaving_date"] is None)
    if absent:
        result.notes.append(f"{absent:,} people on record with no leaving date are not in this file. They are left "
                            "as they are: mark leavers with a leaving date in the HR export.")
    if detail and result.ok:
        def apply():
            _create_units(proposed, wanted, user, result.file_name)
            _save_staff(result, wanted, new, changed, fields_given, managers_given, user)
        result.compliance = compliance_change(apply, today or timezone.localdate())
    elif result.ok and not dry_run:
        with transaction.atomic():
            _record(result, user)
            _create_units(proposed, wanted, user, result.file_name)
            _save_staff(result, wanted, new, changed, fields_given, managers_given, user)
    return result


STAFF_LABELS = {"first_name": "First name", "last_name": "Last name", "email": "Email",
                "unit_id": "Directorate and service", "employment_type": "Employment type",
                "is_iao": "Information asset owner", "in_scope": "In scope", "exemption_reason": "Exemption reason",
                "start_date": "Start date", "leaving_date": "Leaving date"}


def _staff_outcomes(result: ImportResult, wanted: dict, stored: dict, proposed: dict, fields_given: list[str],
                    managers_given: bool) -> None:
    """Each row's outcome, with every changed field (old → new), and the leavers the file names: people
    it gives a leaving date they did not have, with the records they still hold (leavers_holding)."""
    units = {unit.pk: f"{unit.parent.name} / {unit.name}" if unit.parent else unit.name
             for unit in Unit.objects.select_related("parent")}
    new_unit = {key: f"{directorate} / {service} (a new unit)" for (directorate, service), keys in proposed.items()
                for key in keys}
    holding = {user.email_lower: user for user in result.leavers_holding}

    def describe(key, name, value):
        if name == "unit_id":
            return units.get(value, "") if value else new_unit.get(key, "")
        if name == "employment_type":
            return StaffMember.EmploymentType(value).label if value else ""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, date):
            return _day(value)
        return value or ""

    for key, (number, fields, manager) in wanted.items():
        current = stored.get(key)
        label = f"{fields['staff_number']} {fields['first_name']} {fields['last_name']}"
        outcome = RowOutcome(number, label, CREATE if current is None else UNCHANGED)
        for name in (STAFF_FIELDS if current is None else fields_given):
            old = None if current is None else current[name]
            if current is None or old != fields[name]:
                outcome.changes.append(Change(STAFF_LABELS[name], describe(key, name, old),
                                              describe(key, name, fields[name])))
        old_manager = "" if current is None else (current["line_manager__staff_number"] or "").upper()
        if managers_given and old_manager != manager:
            outcome.changes.append(Change("Line manager", old_manager, manager))
        if current is not None and outcome.changes:
            outcome.kind = UPDATE
        result.outcomes.append(outcome)
        if fields["leaving_date"] and (current is None or current["leaving_date"] != fields["leaving_date"]):
            email = (fields.get("email") or (current or {}).get("email") or "").lower()
            result.leavers.append({"row": number, "name": label, "leaving_date": _day(fields["leaving_date"]),
                                   "holds": _holds(holding.get(email)),
                                   "user": holding[email].pk if email in holding else None})
    result.outcomes = sorted(result.outcomes + result.error_outcomes(), key=lambda row: row.number)


def _holds(user) -> str:
    """What a leaver still holds, in words ("" for nothing), from with_counts' annotations."""
    if user is None:
        return ""
    counts = [(user.actions, "action", "actions"), (user.plans, "plan led", "plans led"),
              (user.risks, "risk", "risks"), (user.assets + user.administered, "asset", "assets"),
              (user.agreements, "agreement led", "agreements led")]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)


def _units_of(wanted: dict) -> dict[tuple[str, str], list[str]]:
    """Gives each row the unit its directorate and service name (by name as HR writes it, or by code;
    case, accents, apostrophes and "&" ignored). Returns the (directorate, service) pairs no unit
    matches, with their rows' keys: the preview proposes them, and only a confirmed import makes them."""
    matcher = Unit.objects.matcher()
    proposed = {}
    for key, (_number, fields, _manager) in wanted.items():
        directorate, service = fields.pop("directorate"), fields.pop("service")
        unit = matcher.match(directorate, service, strict=True)
        fields["unit_id"] = unit.pk if unit else None
        if unit is None:
            proposed.setdefault((directorate, service), []).append(key)
    return proposed


def _create_units(proposed: dict, wanted: dict, user, file_name: str) -> None:
    """Makes the units the preview proposed (a directorate where HR names a new one, and the service),
    each with history naming the import, and gives their rows the unit."""
    who = user if user is not None and user.is_authenticated else None
    taken = set(Unit.objects.values_list("code", flat=True))
    for directorate_name, service_name in sorted(proposed):
        matcher = Unit.objects.matcher()
        directorate = matcher.match(directorate_name, strict=True)
        if directorate is None:
            directorate = _new_unit(directorate_name, None, taken, who, file_name)
        service = matcher.match(directorate_name, service_name, strict=True) or _new_unit(
            service_name, directorate, taken, who, file_name)
        for key in proposed[(directorate_name, service_name)]:
            wanted[key][1]["unit_id"] = service.pk


def _new_unit(name: str, parent, taken: set[str], who, file_name: str) -> Unit:
    unit = Unit(name=name, parent=parent, code=make_code(name, taken, parent.code if parent else ""))
    unit._history_user, unit._change_reason = who, f"Proposed by the HR import of {file_name}"[:100]
    unit.save()
    return unit


def leavers_holding_records(wanted: dict, stored: dict) -> list:
    """The users the file gives a leaving date (matched by e-mail address: the file's, else the one on
    record) who still hold live records in the registers, each annotated with their counts
    (igov.accounts.handover.with_counts) and `leaving_date`: one query, however many leavers."""
    leaving = {}
    for key, (_number, fields, _manager) in wanted.items():
        email = fields.get("email") or (stored.get(key) or {}).get("email") or ""
        if fields.get("leaving_date") and email:
            leaving[email.lower()] = fields["leaving_date"]
    if not leaving:
        return []
    users = with_counts(get_user_model().objects.annotate(email_lower=Lower("email"))
                        .filter(email_lower__in=list(leaving))).filter(held__gt=0)
    holding = list(users.order_by("last_name", "first_name", "pk"))
    for user in holding:
        user.leaving_date = leaving[user.email_lower]
    return holding


def _save_staff(result, wanted, new, changed, fields_given, managers_given, user) -> None:
    """Adds and updates the people, each change in their history as the importing user's: the
    history is what compliance as at a past date reads exemptions and employment types from."""
    who = user if user is not None and user.is_authenticated else None
    reason = f"HR import of {result.file_name}"[:100]
    added = [StaffMember(**wanted[key][1]) for key in new]
    StaffMember.objects.bulk_create(added, batch_size=BATCH)
    ids = {number.upper(): pk for number, pk in StaffMember.objects.values_list("staff_number", "pk")}
    managed = []
    for key, person in zip(new, added, strict=True):
        person.pk = ids[key]
        if wanted[key][2]:
            person.line_manager_id = ids[wanted[key][2]]
            managed.append(person)
    # Not yet in any history: the line managers are set before each person's first history row is made.
    StaffMember.objects.bulk_update(managed, ["line_manager"], batch_size=BATCH)
    StaffMember.history.bulk_history_create(added, batch_size=BATCH, default_user=who, default_change_reason=reason)
    # Whole rows, so each history row holds the person's every field, not just those the file gave.
    people = StaffMember.objects.in_bulk([ids[key] for key in changed])
    updated = []
    starts = [person.start_date for person in (*added, *people.values())]
    managers_changed = bool(managed)
    for key in changed:
        person = people[ids[key]]
        if managers_given and person.line_manager_id != ids.get(wanted[key][2]):
            managers_changed = True
        for name in fields_given:
            setattr(person, name, wanted[key][1][name])
        if managers_given:
            person.line_manager_id = ids.get(wanted[key][2])
        updated.append(person)
    bulk_update_with_history(updated, StaffMember, [*fields_given, *(["line_manager"] if managers_given else [])],
                             batch_size=BATCH, default_user=who, default_change_reason=reason)
    # Bulk writes send no signals: forget the kept counts these people's changes can alter.
    starts += [person.start_date for person in updated]
    if added or updated:
        ComplianceSnapshot.objects.forget_staff([person.pk for person in (*added, *updated)], *starts,
                                                managers_changed=managers_changed)


def _record(result: ImportResult, user) -> ImportRun:
    """The training import run (completions point at it) and the import record every register's
    imports share (the /imports/ history page)."""
    who = user if user is not None and user.is_authenticated else None
    result.run = ImportRun.objects.create(
        kind=result.kind, file_name=result.file_name[:255], checksum=result.checksum, imported_by=who,
        rows=result.rows, added=result.to_add, updated=result.to_update, unchanged=result.unchanged)
    ImportRecord.objects.create(
        register=result.kind, file_name=result.file_name[:255], checksum=result.checksum, imported_by=who,
        rows=result.rows, created=result.to_add, updated=result.to_update, unchanged=result.unchanged)
    return result.run


IMPORTERS = {ImportRun.Kind.COMPLETIONS: import_completions, ImportRun.Kind.STAFF: import_staff}

__all__ = ["IMPORTERS", "BadValue", "ImportResult", "UploadRejected", "discard_staged", "import_completions",
           "import_staff", "parse_date", "shown", "stage_upload", "staged_upload", "text_of"]
