"""The upload guard every spreadsheet import goes through (issue 8, item 6).

`check_upload(data, file_name)` looks at the bytes before any parser does: a size cap
(settings.UPLOAD_MAX_BYTES), the extension, and the magic bytes (a CSV must be text, an XLSX
must be a zip). For an XLSX it reads only the zip's central directory — the entry count, the
declared uncompressed size and the compression ratio — so a zip bomb is refused before openpyxl
opens it, and it refuses any XML part that declares a DTD (how a billion-laughs file works).
openpyxl also parses through defusedxml, which is installed (openpyxl.xml.DEFUSEDXML is True).
`read_rows(data, kind)` then yields each row as a tuple of cell values, from openpyxl's
read-only mode or the csv module; anything a parser rejects becomes an UploadRejected with a
message a person can act on, never a 500. A row it could read only in part (a CSV cell over the
csv module's 131,072-character limit, an XLSX formula whose value was never saved) comes as a
ProblemRow, which says what is wrong, so the import can report it against its row.

A CSV's encoding is decided from the whole file (decode_text): UTF-8 if all of it is, else
Windows-1252 if none of it is UTF-8; a file with both is refused, since reading it either way
would turn some letters into others ("Zoë" into "ZoÃ«") without a word.

Python's zipfile stops inflating an entry at its declared size, so the declared sizes checked
here bound the real work even when a crafted file lies about them.
"""
import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_ZIP_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# An entry this small cannot do harm whatever its ratio (a sheet of blank cells compresses well).
RATIO_FLOOR_BYTES = 1024 * 1024
# A DTD must come before the root element, so it is in the first bytes of an XML part.
XML_PROLOG_BYTES = 64 * 1024
KINDS = {".csv": "csv", ".xlsx": "xlsx"}
# Magic bytes of files that are certainly not text: executables, archives, PDFs, old Office files.
BINARY_SIGNATURES = (b"MZ", b"\x7fELF", b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"Rar!",
                     b"7z\xbc\xaf")


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A well-formed UTF-8 sequence of two to four bytes (RFC 3629): what a Windows-1252 file almost never holds.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                            rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                            rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
SAVE_AS_UTF8 = "Save it from Excel as “CSV UTF-8 (Comma delimited)” and upload it again."
# A worksheet's formula element (<f>, <f t="shared" .../>, or with a namespace prefix).
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s/>]")


class UploadRejected(ValidationError):
    """The file is refused; str(error.message) says why, in words for the person uploading."""


class ProblemRow(tuple):
    """A row read only in part: its cells (None where unreadable) and `problems`, each a (column
    index, or None for the whole row, what is wrong) such as (2, "is a formula with no saved value")."""

    problems: list[tuple[int | None, str]]

    def __new__(cls, cells, problems):
        row = super().__new__(cls, cells)
        row.problems = problems
        return row


def check_upload(data: bytes, file_name: str, allowed=("csv", "xlsx")) -> str:
    """The file's kind ("csv" or "xlsx") if it is safe to parse; raises UploadRejected otherwise."""
    limit = settings.UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise UploadRejected(f"The file is {filesizeformat(len(data))}; the largest file you can upload is "
                             f"{filesizeformat(limit)}. Split it into smaller files.")
    if not data:
        raise UploadRejected("The file is empty.")
    kind = KINDS.get(PurePath(file_name or "").suffix.lower())
    if kind not in allowed:
        kinds = " or ".join(k.upper() for k in allowed)
        endings = " or ".join(f".{k}" for k in allowed)
        raise UploadRejected(f"The file must be a {kinds} file (its name ending {endings}).")
    if kind == "csv":
        _check_text(data)
    else:
        _check_xlsx(data)
    return kind


def _check_text(data: bytes) -> None:
    head = data[:8192]
    if head.startswith(UTF16_BOMS):
        raise UploadRejected(f"The file is saved as UTF-16 (“Unicode Text”), which this import does not read. "
                             f"{SAVE_AS_UTF8}")
    if head.startswith(BINARY_SIGNATURES) or b"\x00" in head:
        raise UploadRejected("The file ends .csv but is not a CSV file (it is not text). Export the sheet as "
                             "CSV, or upload the .xlsx file itself.")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UploadRejected(f"Row {_line_of(data, nul)} contains a null character (byte {nul + 1:,} of the file), "
                             f"which a CSV file never holds: the file may be damaged. {SAVE_AS_UTF8}")
    decode_text(data)


def decode_text(data: bytes, partial: bool = False) -> str:
    """The text of a file (or, with partial=True, of its first bytes), in the encoding the whole of it
    is in: UTF-8, with or without Excel's byte-order mark; else Windows-1252, as older exports use.

    A file that is neither is refused, naming the row (its line number) and the byte that failed:
    in particular a UTF-8 file with a stray Windows-1252 byte, which would decode as Windows-1252
    without an error but turn every accented letter into two ("Zoë" into "ZoÃ«").
    """
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of a sample is not an error.
        if partial and error.reason == "unexpected end of data":
            return body[:error.start].decode("utf-8")
        bad = len(data) - len(body) + error.start
    if body is not data or UTF8_MULTIBYTE.search(data):
        raise UploadRejected(
            f"The file mixes two text encodings, so some letters would come out wrong (“Zoë” as “ZoÃ«”): most of "
            f"it is UTF-8, but row {_line_of(data, bad)} has a byte that is not (byte {bad + 1:,} of the file, "
            f"0x{data[bad]:02X}). Check the accented letters and symbols on that row. {SAVE_AS_UTF8}")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UploadRejected(
            f"The file is not readable text: row {_line_of(data, error.start)} has a byte that is neither UTF-8 "
            f"nor Windows-1252 (byte {error.start + 1:,} of the file, 0x{data[error.start]:02X}). "
            f"{SAVE_AS_UTF8}") from None


def _line_of(data: bytes, offset: int) -> int:
    """The line a byte is on, which is its spreadsheet row unless a cell above holds a line break."""
    return data.count(b"\n", 0, offset) + 1


def _check_xlsx(data: bytes) -> None:
    not_xlsx = ("The file ends .xlsx but is not an Excel workbook. Open it in Excel and save it as an "
                "Excel Workbook (.xlsx), or export it as CSV.")
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected(not_xlsx)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UploadRejected(not_xlsx) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UploadRejected(f"The workbook holds {len(entries):,} parts (the limit is {MAX_ZIP_ENTRIES:,}); "
                             "it is not a normal spreadsheet and was not opened.")
    declared = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries)
    too_big = declared > MAX_UNCOMPRESSED_BYTES or any(
        _inflates_too_much(size, packed) for size, packed in
        [(declared, compressed), *((entry.file_size, entry.compress_size) for entry in entries)])
    if too_big:
        raise UploadRejected(
            f"The workbook would expand to {filesizeformat(declared)} when opened (the limit is "
            f"{filesizeformat(MAX_UNCOMPRESSED_BYTES)} at no more than {MAX_COMPRESSION_RATIO}:1 compression); "
            "it looks like a zip bomb and was not opened.")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UploadRejected(not_xlsx)
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels", ".vml")):
            try:
                with archive.open(entry) as part:
                    prolog = part.read(XML_PROLOG_BYTES)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
                raise UploadRejected(not_xlsx) from None
            if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                raise UploadRejected("The workbook contains XML entity declarations, which spreadsheets never "
                                     "need (a “billion laughs” attack uses them); it was not opened.")


def _inflates_too_much(size: int, packed: int) -> bool:
    return size > RATIO_FLOOR_BYTES and size > MAX_COMPRESSION_RATIO * max(packed, 1)


def read_rows(data: bytes, kind: str) -> Iterator[tuple]:
    """Each row of the first sheet as a tuple of values, or a ProblemRow; call check_upload first."""
    if kind == "csv":
        yield from _csv_rows(decode_text(data))
        return
    from openpyxl import load_workbook

    def opened(data_only):
        try:
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
        except Exception as error:  # noqa: BLE001 - any parser failure is a bad file, not a server error
            raise UploadRejected(f"The workbook could not be read ({type(error).__name__}). Open it in Excel, "
                                 "save it again as .xlsx, or export it as CSV.") from None

    workbooks = [opened(data_only=True)]
    try:
        if not workbooks[0].worksheets:
            raise UploadRejected("The workbook has no worksheet (only charts, perhaps). Put the data on the first "
                                 "sheet and upload it again.")
        try:
            if _has_formulas(data, getattr(workbooks[0].worksheets[0], "_worksheet_path", None)):
                workbooks.append(opened(data_only=False))
            sheets = [book.worksheets[0] for book in workbooks]
            for sheet in sheets:
                # Forget the size the file declares: a sheet claiming A1:XFD1048576 would otherwise pad every
                # row to 16,384 cells and add empty rows up to row 1,048,576.
                sheet.reset_dimensions()
            yield from _with_formulas(*(sheet.iter_rows(values_only=True) for sheet in sheets))
        except UploadRejected:
            raise
        except Exception as error:  # noqa: BLE001
            raise UploadRejected(f"The workbook's first sheet could not be read ({type(error).__name__}). "
                                 "Open it in Excel, save it again as .xlsx, or export it as CSV.") from None
    finally:
        for book in workbooks:
            book.close()


def _csv_rows(text: str) -> Iterator[tuple]:
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field limit" not in str(error):
                raise UploadRejected(f"The file could not be read as CSV after row {reader.line_num - 1} "
                                     f"({error}). {SAVE_AS_UTF8}") from None
            # The reader goes on at the next line, so the rows after this one are still checked.
            yield ProblemRow((), [(None, f"has a cell longer than {csv.field_size_limit():,} characters, which no "
                                         "column holds (a missing closing quote mark runs a cell on into the "
                                         "rows below it)")])
        else:
            yield tuple(row)


def _has_formulas(data: bytes, sheet_path: str | None) -> bool:
    """Whether the worksheet holds a formula, from a scan of its XML (much quicker than a second parse)."""
    if sheet_path is None:
        return True
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet_path.lstrip("/")) as part:
        tail = b""
        while chunk := part.read(1024 * 1024):
            if FORMULA_ELEMENT.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _with_formulas(values: Iterator, formulas: Iterator | None = None) -> Iterator[tuple]:
    """The rows of values; where a formula's value was never saved (a file written by a program, not
    by Excel), the row is a ProblemRow naming the cell rather than a silent blank."""
    if formulas is None:
        yield from values
        return
    for row, formula_row in zip(values, formulas, strict=True):
        unsaved = [column for column, (value, formula) in enumerate(zip(row, formula_row, strict=False))
                   if value is None and _is_formula(formula)]
        yield ProblemRow(row, [(column, "is a formula with no saved value") for column in unsaved]) if unsaved \
            else row


def _is_formula(value) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__.endswith("Formula")


def validate_upload(uploaded) -> None:
    """A form field validator: reads the uploaded file (bounded by the size cap) and checks it."""
    if uploaded.size is not None and uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise UploadRejected(f"The file is {filesizeformat(uploaded.size)}; the largest file you can upload is "
                             f"{filesizeformat(settings.UPLOAD_MAX_BYTES)}. Split it into smaller files.")
    uploaded.seek(0)
    data = uploaded.read(settings.UPLOAD_MAX_BYTES + 1)
    uploaded.seek(0)
    check_upload(data, uploaded.name)
