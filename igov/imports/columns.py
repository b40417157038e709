"""The columns of a register's spreadsheet: how each is written on export and read on import.

A register lists its columns once (actions/imports.py, risks/imports.py, assets/imports.py), and
both its XLSX/CSV export and its import read that list, so an exported file imports back with no
changes. Each column knows its header (and the aliases other spreadsheets use), the model field it
fills, how a cell becomes a value (`parse`, raising BadValue with a message a person can act on),
how a value becomes a cell (`cell`), and how a diff shows it (`describe`). A `Derived` column is
written on export only (scores, "Overdue"): an import recognises and ignores it.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model

from igov.accounts.people import person_name
from igov.imports.cells import BadValue, normalise_header, parse_date, parse_yes_no, shown, text_of
from igov.org.models import Unit, unit_names


@dataclass
class Context:
    """What an import or export needs beyond the row: who imports, the plan rows go into, today, and
    indexes the columns load once per file (never once per row)."""

    user: object = None
    plan: object = None
    today: date | None = None
    loaded: dict = field(default_factory=dict)

    def once(self, key, load: Callable):
        if key not in self.loaded:
            self.loaded[key] = load()
        return self.loaded[key]


@dataclass(frozen=True)
class Column:
    """Free text. `required`: the header must be in the file (for the key, and fields no record lacks)."""

    header: str
    field: str | None = None
    aliases: tuple[str, ...] = ()
    required: bool = False
    named: bool = False  # names a person: left out of a committee member's export
    max_length: int | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header,)

    def names(self, position: int = 0) -> set[str]:
        """The normalised header texts that mean this column's `position`th header."""
        return {normalise_header(self.headers[position])} | (
            {normalise_header(alias) for alias in self.aliases} if position == 0 else set())

    @property
    def imported(self) -> bool:
        return self.field is not None

    def value_of(self, record):
        return getattr(record, self.field)

    def cells(self, record, context: Context) -> list:
        return [self.cell(self.value_of(record))]

    def cell(self, value):
        return value

    def read(self, cells: list, context: Context):
        return self.parse(cells[0], context)

    def parse(self, value, context: Context):
        text = text_of(value)
        if self.max_length and len(text) > self.max_length:
            raise BadValue(f"is {len(text):,} characters long; the most it can hold is {self.max_length:,}")
        return text

    def same(self, old, new) -> bool:
        return old == new

    def describe(self, value) -> str:
        return "" if value is None else str(value)

    def set(self, record, value) -> None:
        setattr(record, self.field, value)

    def verify(self, cells: list, context: Context) -> None:
        """For a column written on export only: raise BadValue if the row cannot be imported as it says."""


def _lines(text) -> str:
    # A form's text area sends \r\n; a workbook gives back \n: the same text either way.
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True)
class Text(Column):
    def same(self, old, new) -> bool:
        return _lines(old) == _lines(new)


def _choice_text(text) -> str:
    return normalise_header(str(text).replace("&", " and ").replace("-", " "))


@dataclass(frozen=True)
class Choice(Column):
    """One of a TextChoices (or IntegerChoices): the label ("In progress") or the code ("in_progress"),
    any case, "&" for "and". With `prefix`, free text that starts with a label ("Accepted. We will…")."""

    choices: type | None = None
    blank: bool = False
    prefix: bool = False

    def cell(self, value):
        return self.choices(value).label if value not in (None, "") else ""

    def parse(self, value, context):
        text = text_of(value)
        if not text:
            if self.blank:
                return ""
            raise BadValue("is blank")
        wanted = _choice_text(text)
        for choice in self.choices:
            if wanted in (_choice_text(choice.label), _choice_text(choice.value)):
                return choice.value
        if self.prefix:
            for choice in sorted(self.choices, key=lambda c: -len(c.label)):
                if wanted.startswith(_choice_text(choice.label)):
                    return choice.value
        options = ", ".join(choice.label for choice in self.choices)
        raise BadValue(f"“{shown(text)}” is not one of: {options}")

    def describe(self, value) -> str:
        return self.cell(value)


@dataclass(frozen=True)
class Date(Column):
    def parse(self, value, context):
        return parse_date(value, self.header, required=self.required)

    def describe(self, value) -> str:
        return f"{value:%d/%m/%Y}" if value else ""


@dataclass(frozen=True)
class YesNo(Column):
    def cell(self, value):
        return "Yes" if value else "No"

    def parse(self, value, context):
        return bool(parse_yes_no(value, self.header, default=False))

    def describe(self, value) -> str:
        return self.cell(value)


@dataclass(frozen=True)
class Number(Column):
    """A whole number from `low` to `high` (a likelihood of 1 to 5, a term in months)."""

    low: int = 0
    high: int = 32767

    def parse(self, value, context):
        text = text_of(value)
        if not text:
            raise BadValue("is blank")
        try:
            number = float(text)
        except (ValueError, OverflowError):
            raise BadValue(f"“{shown(text)}” is not a number") from None
        if not number.is_integer() or not self.low <= number <= self.high:
            raise BadValue(f"{shown(text)} is not a whole number from {self.low} to {self.high}")
        return int(number)


def people_index() -> dict[str, list]:
    """Every user by lower-cased username, e-mail address and full name: one query for a whole file."""
    index: dict[str, list] = {}
    for user in get_user_model().objects.only("pk", "username", "email", "first_name", "last_name"):
        for key in {user.username.lower(), user.email.lower(), user.get_full_name().lower()} - {""}:
            index.setdefault(key, []).append(user)
    return index


@dataclass(frozen=True)
class Person(Column):
    """A user, by username, e-mail address or (when only one person has it) full name; the export
    writes the full name."""

    blank: bool = True

    def value_of(self, record):
        return getattr(record, self.field)

    def cell(self, value):
        return person_name(value) if value else ""

    def parse(self, value, context):
        text = text_of(value)
        if not text:
            if self.blank:
                return None
            raise BadValue("is blank")
        found = context.once("people", people_index).get(text.lower(), [])
        if not found:
            raise BadValue(f"nobody has the username, e-mail address or name “{shown(text)}” (add them to igov "
                           "first, or use their e-mail address)")
        if len({user.pk for user in found}) > 1:
            raise BadValue(f"{len(found)} people are called “{shown(text)}”: use their username or e-mail address")
        return found[0]

    def same(self, old, new) -> bool:
        return getattr(old, "pk", None) == getattr(new, "pk", None)

    def describe(self, value) -> str:
        return self.cell(value)


@dataclass(frozen=True)
class Units(Column):
    """The directorate and service: two headers, one field (igov.org's UnitMatcher finds the unit by
    name, with case, accents and "&" ignored, or by code). An unknown pair is a row error."""

    service_header: str = "Service"
    blank: bool = True

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, self.service_header)

    def names(self, position: int = 0) -> set[str]:
        return super().names(0) if position == 0 else {normalise_header(self.service_header), "service area"}

    def cells(self, record, context) -> list:
        return list(unit_names(getattr(record, self.field)))

    def read(self, cells, context):
        directorate, service = text_of(cells[0]), text_of(cells[1] if len(cells) > 1 else None)
        if not directorate and not service:
            if self.blank:
                return None
            raise BadValue("is blank")
        unit = context.once("units", Unit.objects.matcher).match(directorate, service)
        if unit is None:
            named = " › ".join(part for part in (directorate, service) if part)
            raise BadValue(f"no directorate or service matches “{shown(named, 80)}” (add it under Organisation "
                           "units first, or use a unit's code)")
        return unit

    def same(self, old, new) -> bool:
        return getattr(old, "pk", None) == getattr(new, "pk", None)

    def describe(self, value) -> str:
        return value.label if value else ""


@dataclass(frozen=True)
class Lookup(Column):
    """A record of another table named by one of its fields (a risk's category by its name)."""

    model: type | None = None
    by: str = "name"

    def cell(self, value):
        return getattr(value, self.by) if value else ""

    def parse(self, value, context):
        text = text_of(value)
        if not text:
            raise BadValue("is blank")
        index = context.once(("lookup", self.model), lambda: {
            str(getattr(row, self.by)).lower(): row for row in self.model._default_manager.all()})
        try:
            return index[text.lower()]
        except KeyError:
            known = ", ".join(sorted(str(getattr(row, self.by)) for row in index.values())[:10])
            raise BadValue(f"“{shown(text)}” is not one of: {known}") from None

    def same(self, old, new) -> bool:
        return getattr(old, "pk", None) == getattr(new, "pk", None)

    def describe(self, value) -> str:
        return self.cell(value)


@dataclass(frozen=True)
class ManyNames(Lookup):
    """Several records of another table, named and separated by semicolons ("NHS Trust; Police")."""

    def value_of(self, record):
        return frozenset(getattr(record, self.field).all())

    def cell(self, value):
        return "; ".join(sorted(getattr(row, self.by) for row in value))

    def parse(self, value, context):
        names = [part.strip() for part in text_of(value).split(";") if part.strip()]
        return frozenset(Lookup.parse(self, name, context) for name in names)

    def same(self, old, new) -> bool:
        return {row.pk for row in old} == {row.pk for row in new}

    def set(self, record, value) -> None:
        record._import_many = {**getattr(record, "_import_many", {}), self.field: value}


@dataclass(frozen=True)
class Derived(Column):
    """Written on export only (a score, "Overdue"): an import recognises the header and ignores it."""

    get: Callable | None = None
    # A check of the cell on import, such as "this row is from the plan being imported into".
    check: Callable | None = None

    def cells(self, record, context) -> list:
        return [self.get(record, context)]

    def verify(self, cells, context) -> None:
        if self.check is not None:
            self.check(text_of(cells[0]), context)


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"
