"""Whatever file the IG team uploads, the import page answers with a message they can act on: never a
server error, and never a silent misreading."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests.training.factories import make_course, make_staff
from training.models import Completion, ImportRun, StaffMember

pytestmark = pytest.mark.django_db

COMPLETIONS = "Staff number,Course,Completed on,Score\r\n"
STAFF = "Staff number,First name,Last name,Directorate,Service,Start date\r\n"
GOOD_COMPLETION = "E00001,DP-ANNUAL,01/02/2026,90\r\n"
GOOD_PERSON = "E00002,Zoë,Brontë,Resources,Finance,01/06/2024\r\n"


def xlsx(*rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def junk_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", bytes(range(256)) * 8)
        archive.writestr("xl/workbook.xml", bytes(range(256)) * 8)
    return out.getvalue()


def workbook_without_its_sheet():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx(["Staff number"]))) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            if entry.filename != "xl/worksheets/sheet1.xml":
                target.writestr(entry.filename, source.read(entry))
    return out.getvalue()


def mixed_encoding(header, good):
    """UTF-8 (an accent on row 2, then 8 KB and more of plain rows) with one Windows-1252 row at the end."""
    return (header + "E09998,Zoë\r\n" + good * 1000).encode() + "E09999,Zoë\r\n".encode("cp1252")


# (what the file is, its bytes, its name, a phrase the page must show). Each is tried as both kinds of import.
FILES = [
    ("an empty file", b"", "lms.csv", "The submitted file is empty."),
    ("a header and no rows", None, "lms.csv", "The file has no rows under its header"),
    ("blank lines only", b"\r\n\r\n,,,\r\n", "lms.csv", "These columns are missing"),
    ("a binary file renamed .csv", b"\x7fELF" + bytes(range(256)) * 8, "lms.csv", "not a CSV file"),
    ("random bytes renamed .csv", bytes(range(0x80, 0x100)) * 40, "lms.csv", "not readable text"),
    ("a zip of junk renamed .xlsx", junk_zip(), "lms.xlsx", "could not be read"),
    ("a CSV renamed .xlsx", b"Staff number\r\n", "lms.xlsx", "not an Excel workbook"),
    ("a workbook whose sheet is missing", workbook_without_its_sheet(), "lms.xlsx", "no worksheet"),
    ("UTF-16 text", ("Staff number\r\nE1\r\n").encode("utf-16"), "lms.csv", "UTF-16"),
    ("UTF-8 with a stray Windows-1252 byte after 8 KB", "mixed", "lms.csv", "mixes two text encodings"),
    ("a null byte after 8 KB", "nul", "lms.csv", "contains a null character"),
    ("a name with no extension", b"Staff number\r\n", "lms", "CSV or XLSX"),
]


def file_for(case, kind):
    _what, data, name, _message = case
    header, good = (COMPLETIONS, GOOD_COMPLETION) if kind == "completions" else (STAFF, GOOD_PERSON)
    if data is None:
        data = header.encode()
    elif data == "mixed":
        data = mixed_encoding(header, good)
    elif data == "nul":
        data = (header + good * 1000).encode() + b"E0\x009999\r\n"
    return data, name


@pytest.fixture
def importing(login, igteam, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_course(code="DP-ANNUAL")
    make_staff(staff_number="E00001")
    client = login(igteam)
    client.raise_request_exception = False

    def upload(data, name, kind):
        return client.post(reverse("training:import"), {"kind": kind, "file": SimpleUploadedFile(name, data)})

    return upload


@pytest.mark.parametrize("kind", ["completions", "staff"])
@pytest.mark.parametrize("case", FILES, ids=[case[0] for case in FILES])
def test_a_hostile_file_gets_a_clear_message_and_imports_nothing(importing, case, kind):
    response = importing(*file_for(case, kind), kind)
    assert response.status_code == 200
    assert case[3] in response.content.decode()
    assert reverse("training:import_confirm") not in response.content.decode()
    assert (Completion.objects.count(), StaffMember.objects.count(), ImportRun.objects.count()) == (0, 1, 0)


# Rows a parser or a check could once trip over, each with what the page must say about row 2.
COMPLETION_ROWS = [
    ("a cell over 131,072 characters", "E00001,DP-ANNUAL," + "9" * 131_073, "longer than 131,072 characters"),
    ("a score of infinity", "E00001,DP-ANNUAL,01/02/2026,inf", "Score “inf” is not a number"),
    ("a score of 1e309", "E00001,DP-ANNUAL,01/02/2026,1e309", "Score “1e309” is not a number"),
    ("a score of nan", "E00001,DP-ANNUAL,01/02/2026,nan", "Score “nan” is not a number"),
    ("a date in year 1", "E00001,DP-ANNUAL,01/01/0001,90", "not a likely date"),
    ("a 5,000-character date", "E00001,DP-ANNUAL," + "1" * 5000 + ",90", "is not a date"),
    ("a 5,000-character staff number", "E" + "0" * 5000 + ",DP-ANNUAL,01/02/2026,90", "Unknown staff number E000"),
]


@pytest.mark.parametrize("what, row, message", COMPLETION_ROWS, ids=[case[0] for case in COMPLETION_ROWS])
def test_a_hostile_row_is_named_in_the_preview_with_a_short_message(importing, what, row, message):
    response = importing((COMPLETIONS + row + "\r\n" + GOOD_COMPLETION).encode(), "lms.csv", "completions")
    assert response.status_code == 200
    result = response.context["result"]
    assert [number for number, _ in result.errors] == [2]
    assert message in result.errors[0][1] and len(result.errors[0][1]) < 300


def test_a_formula_with_no_saved_value_is_named_in_the_preview(importing):
    data = xlsx(["Staff number", "Course", "Completed on"], ["E00001", "DP-ANNUAL", "=TODAY()-30"])
    page = importing(data, "lms.xlsx", "completions").content.decode()
    assert "Completed on (column C) is a formula with no saved value" in page
