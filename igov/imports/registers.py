"""A register as a spreadsheet: its columns, its key, and where its records come from.

Each app declares its own (actions/imports.py, risks/imports.py, assets/imports.py); `registers()`
gathers them by kind for the pages and the import_register command. The same columns write the
register's export and its blank template, so what igov writes it reads back unchanged.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.utils import timezone

from igov.imports.columns import Column, Context
from igov.lib.exports import xlsx_workbook


@dataclass(frozen=True)
class Register:
    kind: str  # in URLs and the command: "risks"
    title: str  # "Information risks"
    model: type
    columns: tuple[Column, ...]
    key: str = "Reference"
    # Where existing records come from (the chosen plan's actions) and how a new one starts.
    scope: Callable[[Context], object] | None = None
    start: Callable[[Context], object] | None = None
    needs_plan: bool = False
    related: tuple[str, ...] = ()
    many: tuple[str, ...] = ()
    not_validated: tuple[str, ...] = ()  # fields full_clean() leaves alone (set by the import, not the file)
    notes: tuple[str, ...] = field(default_factory=tuple)  # shown on the upload page under the columns

    @property
    def key_column(self) -> Column:
        return next(column for column in self.columns if column.header == self.key)

    def queryset(self, context: Context):
        queryset = self.scope(context) if self.scope else self.model._default_manager.all()
        return queryset.select_related(*self.related).prefetch_related(*self.many)

    def records(self, context: Context) -> dict:
        """Existing records by upper-cased reference, with what the columns show loaded: one query each."""
        key_field = self.key_column.field
        return {str(getattr(record, key_field)).upper(): record for record in self.queryset(context)}

    def new(self, context: Context):
        return self.start(context) if self.start else self.model()

    def headers(self, named: bool = True) -> list[str]:
        return [header for column in self.columns if named or not column.named for header in column.headers]

    def rows(self, records: Iterable, context: Context | None = None, named: bool = True):
        """Export rows for records (the register's export and the round trip read these)."""
        context = context or Context(today=timezone.localdate())
        columns = [column for column in self.columns if named or not column.named]
        for record in records:
            yield [cell for column in columns for cell in column.cells(record, context)]

    def template(self) -> bytes:
        """A blank workbook with the register's headers, to fill in and import."""
        return xlsx_workbook([(self.title, self.headers(), [])])


@cache
def registers() -> dict[str, Register]:
    from actions.imports import ACTIONS
    from assets.imports import AGREEMENTS, ASSETS, PARTNERS
    from risks.imports import RISKS

    return {register.kind: register for register in (ACTIONS, RISKS, ASSETS, PARTNERS, AGREEMENTS)}
