"""Finding a spreadsheet's header row and its columns: one rule for every import (the registers' and
training's).

The header is the first row, within the first HEADER_SEARCH_ROWS, that names the key column (exports
often start with a title row); failing that, the first non-blank row, so the missing columns listed
are those of the row the person meant as the header. Names are compared as `normalise_header` leaves
them (case, spacing and punctuation ignored); each column takes the first cell that names it, and a
named cell no column takes is listed as unknown, to be ignored.
"""
from collections.abc import Callable, Hashable, Iterable, Iterator

from igov.imports.cells import normalise_header, text_of
from igov.lib.uploads import ProblemRow

HEADER_SEARCH_ROWS = 10


def find_header(rows: Iterable, key_names: set[str]) -> tuple[list | None, Iterator]:
    """(the header row or None, the numbered rows after it: see data_rows)."""
    numbered = enumerate(rows, start=1)
    first = None
    for number, row in numbered:
        names = {normalise_header(cell) for cell in row} - {""}
        if names & key_names:
            return row, numbered
        if first is None and names:
            first = (row, numbered)
        if number >= HEADER_SEARCH_ROWS:
            break
    return first if first is not None else (None, iter(()))


def match_columns(header: Iterable, columns: Iterable[tuple[Hashable, set[str]]]) -> tuple[dict, list[str]]:
    """({key: position} of each column the header names, the header cells no column takes), given
    (key, the names it goes by) for every column in the order they should claim cells."""
    columns = list(columns)
    positions, unknown = {}, []
    for position, cell in enumerate(header):
        text = normalise_header(cell)
        if not text:
            continue
        key = next((key for key, names in columns if key not in positions and text in names), None)
        if key is None:
            unknown.append(text_of(cell))
        else:
            positions[key] = position
    return positions, unknown


def data_rows(numbered: Iterator, progress: Callable[[int], None] | None = None, every: int = 1_000) -> Iterator:
    """(spreadsheet row number, row) for each non-blank row after the header, and each row read only in part."""
    for number, row in numbered:
        if progress and number % every == 0:
            progress(number)
        if any(text_of(cell) for cell in row) or type(row) is ProblemRow:
            yield number, row
