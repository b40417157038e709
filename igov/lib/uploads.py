"""The upload guard every spreadsheet import goes through (issue 8, item 6).

`check_upload(data, file_name)` looks at the bytes before any parser does: a size cap
(settings.UPLOAD_MAX_BYTES), the extension, and the magic bytes (a CSV must be text, an XLSX
must be a zip). For an XLSX it reads only the zip's central directory — the entry count, the
declared uncompressed size and the compression ratio — so a zip bomb is refused before openpyxl
opens it, and it refuses any XML part that declares a DTD (how a billion-laughs file works).
openpyxl also parses through defusedxml, which is installed (openpyxl.xml.DEFUSEDXML is True).
`read_rows(data, kind)` then yields each row as a tuple of cell values, from openpyxl's
read-only mode or the csv module; anything a parser rejects becomes an UploadRejected with a
message a person can act on, never a 500.

Python's zipfile stops inflating an entry at its declared size, so the declared sizes checked
here bound the real work even when a crafted file lies about them.
"""
import csv
import io
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


class UploadRejected(ValidationError):
    """The file is refused; str(error.message) says why, in words for the person uploading."""


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
    if head.startswith(BINARY_SIGNATURES) or b"\x00" in head:
        raise UploadRejected("The file ends .csv but is not a CSV file (it is not text). Export the sheet as "
                             "CSV, or upload the .xlsx file itself.")
    decode_text(head, partial=True)


def decode_text(data: bytes, partial: bool = False) -> str:
    """UTF-8 (with or without Excel's byte-order mark), else Windows-1252 as older exports use."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of a sample is not an error.
        if partial and error.start >= len(data) - 3:
            return data[:error.start].decode("utf-8-sig")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UploadRejected("The file is not readable text: save it as CSV UTF-8 and upload it again.") from None


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
    """Each row of the first sheet as a tuple of values; call check_upload first."""
    if kind == "csv":
        yield from (tuple(row) for row in csv.reader(io.StringIO(decode_text(data), newline="")))
        return
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any parser failure is a bad file, not a server error
        raise UploadRejected(f"The workbook could not be read ({type(error).__name__}). Open it in Excel, "
                             "save it again as .xlsx, or export it as CSV.") from None
    try:
        sheet = workbook.worksheets[0]
        try:
            yield from sheet.iter_rows(values_only=True)
        except UploadRejected:
            raise
        except Exception as error:  # noqa: BLE001
            raise UploadRejected(f"The workbook's first sheet could not be read ({type(error).__name__}). "
                                 "Open it in Excel, save it again as .xlsx, or export it as CSV.") from None
    finally:
        workbook.close()


def validate_upload(uploaded) -> None:
    """A form field validator: reads the uploaded file (bounded by the size cap) and checks it."""
    if uploaded.size is not None and uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise UploadRejected(f"The file is {filesizeformat(uploaded.size)}; the largest file you can upload is "
                             f"{filesizeformat(settings.UPLOAD_MAX_BYTES)}. Split it into smaller files.")
    uploaded.seek(0)
    data = uploaded.read(settings.UPLOAD_MAX_BYTES + 1)
    uploaded.seek(0)
    check_upload(data, uploaded.name)
