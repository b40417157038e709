"""Hostile and mistaken files: formulas, injection payloads, files that are not spreadsheets, size."""
import io
import time
import zipfile

import pytest
from django.test import override_settings
from openpyxl import Workbook, load_workbook

from actions.models import Action
from assets.models import Partner
from igov.imports.models import ImportRecord
from igov.lib.uploads import UploadRejected
from tests.imports.conftest import check, csv_file, errors_of

HEADERS = ["Reference", "Recommendation", "Agreed action"]


def workbook_with_formula(formula: str) -> bytes:
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(["A1", "Recommendation", formula])  # openpyxl saves the formula with no value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_formula_with_no_saved_value_is_a_row_error_never_evaluated(plan):
    preview = check("actions", workbook_with_formula('=HYPERLINK("http://evil.example","x")'), plan=plan)
    assert errors_of(preview) == [(2, "Agreed action (column C)", "The cell is a formula with no saved value")]


def test_an_injection_payload_is_kept_as_text_and_exported_escaped(plan, igteam, login):
    payload = '=HYPERLINK("http://evil.example","click")'
    # igov's own CSV export writes it with a leading apostrophe: read back as typed.
    data = csv_file(HEADERS, [["A1", "Recommendation", "'" + payload], ["A2", "Recommendation", "@SUM(1+1)"]])
    check("actions", data, "plan.csv", plan=plan, user=igteam, dry_run=False)
    assert Action.objects.get(reference="A1").agreed_action == payload
    response = login(igteam).get("/actions/list/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value in (payload, "@SUM(1+1)")]
    assert len(cells) == 2 and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    assert check("actions", response.content, plan=plan).changes == 0


@pytest.mark.parametrize(("name", "data", "message"), [
    ("plan.xlsx", b"%PDF-1.4 not a workbook", "is not an Excel workbook"),
    ("plan.csv", b"MZ\x90\x00\x03 an executable", "is not a CSV file"),
    ("plan.docx", b"PK\x03\x04", "must be a CSV or XLSX file"),
    ("plan.xlsx", b"", "The file is empty"),
])
def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_reason(name, data, message, plan):
    with pytest.raises(UploadRejected) as refused:
        check("actions", data, name, plan=plan)
    assert message in str(refused.value.message)


def test_a_zip_bomb_is_refused_before_it_is_opened(plan):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (200 * 1024 * 1024))
    with pytest.raises(UploadRejected, match="zip bomb"):
        check("actions", out.getvalue(), "bomb.xlsx", plan=plan)


@override_settings(UPLOAD_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_with_the_limit(plan):
    with pytest.raises(UploadRejected, match="the largest file you can upload is 1000"):
        check("actions", csv_file(HEADERS, [["A1", "x" * 2000, ""]]), "plan.csv", plan=plan)


def test_a_file_over_the_row_limit_is_refused(plan, monkeypatch):
    monkeypatch.setattr("igov.imports.importer.MAX_ROWS", 5)
    with pytest.raises(UploadRejected, match="more than 5 rows"):
        check("actions", csv_file(HEADERS, [[f"A{n}", "Text", ""] for n in range(10)]), "plan.csv", plan=plan)


def test_a_10000_row_file_with_one_bad_row_at_the_end_writes_nothing(igteam):
    rows = [[f"Partner {n}", "NHS body", f"Contact {n}"] for n in range(1, 10_000)] + [["Partner X", "Alien", ""]]
    data = csv_file(["Name", "Type", "Contact name"], rows)
    started = time.monotonic()
    preview = check("partners", data, "partners.csv", user=igteam, dry_run=False)
    assert time.monotonic() - started < 30
    assert len(preview.rows) == 10_000 and preview.count("create") == 9_999
    assert [(number, column) for number, column, _ in errors_of(preview)] == [(10_001, "Type (column B)")]
    assert Partner.objects.count() == 0 and Partner.history.count() == 0 and ImportRecord.objects.count() == 0
