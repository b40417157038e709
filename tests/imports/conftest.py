import csv
import io

import pytest

from igov.imports.columns import Context
from igov.imports.importer import run_import
from igov.imports.registers import registers
from igov.lib.exports import xlsx_workbook


def xlsx_file(headers, rows) -> bytes:
    return xlsx_workbook([("Sheet1", headers, rows)])


def csv_file(headers, rows, encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def check(kind, data, file_name="register.xlsx", *, user=None, plan=None, dry_run=True):
    """The preview (or, with dry_run=False, the result) of importing a file into a register."""
    return run_import(registers()[kind], data, file_name, context=Context(user=user, plan=plan), dry_run=dry_run)


def errors_of(preview) -> list[tuple[int, str, str]]:
    return [(row.number, column, message) for row in preview.errors for column, message in row.errors]


@pytest.fixture
def plan(igteam):
    from datetime import date

    from actions.models import ActionPlan

    return ActionPlan.objects.create(
        title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
        issuing_body="Information Commissioner’s Office", report_date=date(2016, 6, 1), lead=igteam)
