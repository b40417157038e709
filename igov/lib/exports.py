"""Every CSV and XLSX export goes through here, so every cell is escaped the same way.

A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return) as a formula:
a user-typed "=HYPERLINK(...)" in an action's evidence would run on the reader's machine
(OWASP "CSV injection"). `escape_cell` prefixes such text with an apostrophe. A file name outside
ASCII (a service called "Zoë's Unit") goes in the header's RFC 6266 `filename*` form.
"""
import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_cell(value):
    """The value as a spreadsheet must show it: text that could start a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool | int | float | date):
        return value
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


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


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence],
                  title: str = "Export") -> HttpResponse:
    """Rows as an XLSX workbook (openpyxl write-only mode keeps memory flat), cells escaped."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    # A header a reader can see and keep in view: bold, frozen, and columns wide enough to read it.
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(str(header)) + 4, 12), 60)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=escape_cell(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([escape_cell(v) for v in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.xlsx")
    return response


def export_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence],
                    title: str = "Export"):
    """CSV or XLSX by format name ("csv" or "xlsx")."""
    if fmt == "xlsx":
        return xlsx_response(filename, headers, rows, title)
    return csv_response(filename, headers, rows)
