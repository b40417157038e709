"""A row the reader can read only in part says so (a ProblemRow), rather than passing a blank on or failing
the whole request; and a spreadsheet's declared size cannot make the reader do more work than its cells."""
import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook

from igov.lib.uploads import UploadRejected, check_upload, read_rows


def workbook_bytes(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(xlsx: bytes, name: str, change) -> bytes:
    """The workbook with one part's XML changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            part = source.read(entry)
            target.writestr(entry.filename, change(part) if entry.filename == name else part)
    return out.getvalue()


def test_a_formula_without_a_saved_value_is_named_by_its_column():
    data = workbook_bytes([["Staff number", "Score"], ["E1", "=40+50"], ["=\"E\"&2", 80]])
    rows = list(read_rows(data, "xlsx"))
    assert rows[0] == ("Staff number", "Score")
    assert rows[1].problems == [(1, "is a formula with no saved value")]
    assert rows[2].problems == [(0, "is a formula with no saved value")]
    assert tuple(rows[2]) == (None, 80)


def test_a_formula_with_its_saved_value_is_read_as_the_value():
    data = workbook_bytes([["Staff number", "Score"], ["E1", "=40+50"]])
    saved = with_part(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<f>40+50</f><v />",
                                                                              b"<f>40+50</f><v>90</v>"))
    assert list(read_rows(saved, "xlsx")) == [("Staff number", "Score"), ("E1", 90)]


def test_a_csv_cell_over_131072_characters_is_a_problem_row_and_the_rows_after_it_are_still_read():
    data = ("Staff number,Course\r\nE1,DP\r\nE2," + "x" * 131_073 + "\r\nE3,DP\r\n").encode()
    rows = list(read_rows(data, "csv"))
    assert rows[:2] == [("Staff number", "Course"), ("E1", "DP")]
    assert "longer than 131,072 characters" in rows[2].problems[0][1]
    assert rows[3] == ("E3", "DP")


def test_a_sheet_declaring_a_million_rows_and_16384_columns_is_read_in_moments():
    data = with_part(workbook_bytes([["Staff number"], ["E1"]]), "xl/worksheets/sheet1.xml",
                     lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml))
    started = time.monotonic()
    assert [tuple(row) for row in read_rows(data, "xlsx")] == [("Staff number",), ("E1",)]
    assert time.monotonic() - started < 2


def test_a_workbook_with_no_worksheet_is_refused():
    data = with_part(workbook_bytes([["Staff number"]]), "xl/workbook.xml",
                     lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets />", xml))
    assert check_upload(data, "lms.xlsx") == "xlsx"
    with pytest.raises(UploadRejected) as caught:
        list(read_rows(data, "xlsx"))
    assert "no worksheet" in caught.value.message
