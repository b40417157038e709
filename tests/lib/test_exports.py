"""igov.lib.exports: text that a spreadsheet would run as a formula is neutralised in CSV and
XLSX alike; numbers, dates and ordinary text are left as they are."""
import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from igov.lib.exports import csv_response, escape_cell, export_response, xlsx_response

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+1+cmd|' /C calc'!A0", "-2+3",
             "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_starting_a_formula_is_prefixed_with_an_apostrophe(text):
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Shred paper records", "1 = 1", "Email @ the end", "a-b", "'quoted",
                                  "", "50%"])
def test_ordinary_text_is_unchanged(text):
    assert escape_cell(text) == text


@pytest.mark.parametrize("value", [0, -5, 3.5, -0.25, True, date(2026, 3, 31), datetime(2026, 3, 31, 9, 30)])
def test_numbers_dates_and_booleans_are_untouched(value):
    assert escape_cell(value) == value


def test_aware_datetimes_become_local_wall_clock_times():
    value = datetime(2026, 7, 1, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert escape_cell(value) == datetime(2026, 7, 1, 9, 0)


def test_none_becomes_an_empty_cell():
    assert escape_cell(None) == ""


def test_other_objects_are_escaped_by_their_text():
    assert escape_cell(Decimal("-1.5")) == "'-1.5"


def test_csv_cells_are_neutralised_and_numbers_kept():
    response = csv_response("actions", ["Title", "Score", "Due"],
                            [[text, -3, date(2026, 4, 1)] for text in DANGEROUS])

    rows = csv_rows(response)

    assert rows[0] == ["Title", "Score", "Due"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS]
    assert {row[1] for row in rows[1:]} == {"-3"}
    assert {row[2] for row in rows[1:]} == {"2026-04-01"}
    assert response["Content-Disposition"] == 'attachment; filename="actions.csv"'


def test_csv_headers_are_escaped_too():
    rows = csv_rows(csv_response("x", ["=Title"], []))
    assert rows == [["'=Title"]]


def test_xlsx_cells_are_text_not_formulas_and_numbers_and_dates_stay_typed():
    response = xlsx_response("risks", ["Title", "Score", "Due"],
                             [[text, -3, date(2026, 4, 1)] for text in DANGEROUS], title="Risks")

    rows = xlsx_rows(response)

    assert rows[0] == ("Title", "Score", "Due")
    # XML reads a stored carriage return back as a line feed; the text is shown exactly as typed.
    assert [row[0] for row in rows[1:]] == [text.replace("\r", "\n") for text in DANGEROUS]
    assert {row[1] for row in rows[1:]} == {-3}
    assert {row[2] for row in rows[1:]} == {datetime(2026, 4, 1)}
    assert response["Content-Disposition"] == 'attachment; filename="risks.xlsx"'


def test_xlsx_stores_no_formula_cells_and_marks_formula_like_text_with_a_quote_prefix():
    response = xlsx_response("risks", ["Title"], [[text] for text in DANGEROUS] + [["Plain"]])

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]

    assert [cell.data_type for cell in cells] == ["s"] * (len(DANGEROUS) + 1)
    assert [cell.quotePrefix for cell in cells] == [True] * len(DANGEROUS) + [False]


CONTROL = "Line one\vline two\x1b[31m\x00\x07\x0c end\ufffe"


def test_control_characters_xlsx_cannot_hold_become_line_breaks_or_are_dropped():
    assert escape_cell(CONTROL) == "Line one\nline two[31m\n end"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_field_with_control_characters_exports_in_every_format(fmt):
    response = export_response(fmt, "x", ["Evidence\v", "Score"], [[CONTROL, 3]])

    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)

    assert list(rows[0]) == ["Evidence\n", "Score"]
    assert rows[1][0] == "Line one\nline two[31m\n end"


def test_export_response_picks_the_format_by_name():
    assert export_response("xlsx", "a", ["A"], [])["Content-Type"].startswith("application/vnd.openxml")
    assert export_response("csv", "a", ["A"], [])["Content-Type"] == "text/csv; charset=utf-8"


def test_an_xlsx_export_has_a_bold_frozen_header_and_readable_columns():
    from io import BytesIO

    from openpyxl import load_workbook

    from igov.lib.exports import xlsx_response

    response = xlsx_response("risks", ["Reference", "Residual score"], [["IR-001", 12]])
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= len("Residual score")
    assert [c.value for c in sheet[2]] == ["IR-001", 12]
