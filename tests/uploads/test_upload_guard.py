"""The upload guard refuses dangerous or wrong files quickly, with a message a person can act on."""
import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from igov.lib.uploads import UploadRejected, check_upload, read_rows

XLSX_PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "xl/worksheets/sheet1.xml"]


def workbook_bytes(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(xlsx: bytes, part: str, text: bytes) -> bytes:
    """The workbook with one part's XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, text if entry.filename == part else source.read(entry))
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def rejected_quickly(data, name):
    started = time.monotonic()
    with pytest.raises(UploadRejected) as caught:
        check_upload(data, name)
    assert time.monotonic() - started < 2
    return caught.value.message


def test_a_plain_csv_is_accepted_and_read():
    data = "Staff number,Course\r\nE1,DP\r\n".encode("utf-8-sig")
    assert check_upload(data, "lms.csv") == "csv"
    assert list(read_rows(data, "csv")) == [("Staff number", "Course"), ("E1", "DP")]


def test_a_windows_1252_csv_is_read():
    data = "Name\r\nZoë Brontë\r\n".encode("cp1252")
    assert check_upload(data, "hr.CSV") == "csv"
    assert list(read_rows(data, "csv"))[1] == ("Zoë Brontë",)


def test_a_real_workbook_is_accepted_and_read():
    data = workbook_bytes([["Staff number", "Score"], ["E1", 90]])
    assert check_upload(data, "lms.xlsx") == "xlsx"
    assert list(read_rows(data, "xlsx")) == [("Staff number", "Score"), ("E1", 90)]


def test_a_zip_bomb_is_rejected_before_it_is_opened():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in XLSX_PARTS[:-1]:
            bomb.writestr(part, "<x/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    message = rejected_quickly(out.getvalue(), "lms.xlsx")
    assert "zip bomb" in message


def test_a_workbook_declaring_over_100_mb_is_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in XLSX_PARTS:
            bomb.writestr(part, "<x/>")
    data = bytearray(out.getvalue())
    # Forge the declared uncompressed size of the last entry in the central directory.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (200 * 1024 * 1024).to_bytes(4, "little")
    message = rejected_quickly(bytes(data), "lms.xlsx")
    assert "zip bomb" in message and "100" in message


def test_a_workbook_with_too_many_parts_is_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as many:
        for part in XLSX_PARTS:
            many.writestr(part, "<x/>")
        for n in range(10_001):
            many.writestr(f"xl/media/{n}", b"")
    message = rejected_quickly(out.getvalue(), "lms.xlsx")
    assert "10,000" in message


def test_a_billion_laughs_workbook_is_rejected():
    data = rewritten(workbook_bytes([["a"]]), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    message = rejected_quickly(data, "lms.xlsx")
    assert "billion laughs" in message


def test_openpyxl_parses_through_defusedxml_even_without_the_guard():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    data = rewritten(workbook_bytes([["a"]]), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    started = time.monotonic()
    with pytest.raises(UploadRejected):
        list(read_rows(data, "xlsx"))
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("name", ["lms.xlsx", "lms.csv"])
def test_a_renamed_executable_is_rejected(name):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run"
    message = rejected_quickly(exe, name)
    assert "not" in message and ("Excel" in message or "CSV" in message)


def test_an_executable_named_exe_is_rejected_by_its_extension():
    message = rejected_quickly(b"MZ\x90\x00", "lms.exe")
    assert ".csv or .xlsx" in message.lower()


def test_a_file_over_the_size_cap_is_rejected(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    data = b"a,b\n" * (10 * 1024 * 1024 // 4 + 1)
    message = rejected_quickly(data, "lms.csv")
    assert "10.0\xa0MB" in message or "10.0 MB" in message


def test_a_text_file_named_xlsx_is_rejected():
    assert "not an Excel workbook" in rejected_quickly(b"Staff number,Course\n", "lms.xlsx")


def test_a_zip_that_is_not_a_workbook_is_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not an Excel workbook" in rejected_quickly(out.getvalue(), "lms.xlsx")


def test_an_empty_file_is_rejected():
    assert "empty" in rejected_quickly(b"", "lms.csv")
