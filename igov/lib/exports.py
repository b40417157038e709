"""Every CSV and XLSX export goes through here, so every cell is made safe the same way.

Two dangers, both from text people type:
- A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return) as a formula: a
  user-typed "=HYPERLINK(...)" in an action's evidence would run on the reader's machine (OWASP "CSV
  injection"). In CSV such text gets a leading apostrophe; in XLSX it is stored as text with the
  cell's "quote prefix" style, so Excel shows it as typed and never evaluates it.
- XLSX (XML 1.0) cannot hold most control characters: one vertical tab (Word's manual line break)
  in any field would make the whole export fail. `safe_text` turns line and page breaks into line
  feeds and drops the rest, for every format alike.

A file name outside ASCII (a service called "Zoë's Unit") goes in the header's RFC 6266
`filename*` form.
"""
import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# C0 controls other than tab, line feed and carriage return, and the two non-characters: not XML 1.0.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})


def safe_text(text: str) -> str:
    """Text every export format can hold: vertical tabs and form feeds become line feeds, and other
    control characters are dropped."""
    return _NOT_XML.sub("", text.translate(_BREAKS))


def cell_value(value):
    """The value a spreadsheet cell holds: numbers, dates and booleans typed; anything else safe text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool | int | float | date):
        return value
    return safe_text(str(value))


def starts_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def escape_cell(value):
    """The value as a CSV cell: safe text, and text that could start a formula prefixed with an apostrophe."""
    value = cell_value(value)
    return "'" + value if starts_formula(value) else value


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """Stream rows as CSV (UTF-8 with BOM so Excel reads it), cells escaped."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([escape_cell(h) for h in headers])
        for row in rows:
            yield writer.writerow([escape_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def _xlsx_cell(sheet, value, font=None):
    from openpyxl.cell import WriteOnlyCell

    value = cell_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if starts_formula(value):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


def xlsx_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """An XLSX workbook of (title, headers, rows) sheets (openpyxl write-only mode keeps memory flat),
    cells made safe."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        # A header a reader can see and keep in view: bold, frozen, and columns wide enough to read it.
        sheet.freeze_panes = "A2"
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(len(str(header)) + 4, 12), 60)
        sheet.append([_xlsx_cell(sheet, header, font=bold) for header in headers])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file_response(filename: str, content: bytes) -> HttpResponse:
    """Workbook bytes as a download named `filename`.xlsx."""
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.xlsx")
    return response


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence],
                  title: str = "Export") -> HttpResponse:
    """Rows as a one-sheet XLSX workbook."""
    return xlsx_file_response(filename, xlsx_workbook([(title, headers, rows)]))


def export_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence],
                    title: str = "Export"):
    """CSV or XLSX by format name ("csv" or "xlsx")."""
    if fmt == "xlsx":
        return xlsx_response(filename, headers, rows, title)
    return csv_response(filename, headers, rows)
