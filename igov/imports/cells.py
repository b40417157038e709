"""Reading one spreadsheet cell: text, UK dates, yes/no, headers. Shared by every import."""
import re
from datetime import date, datetime
from functools import lru_cache

from igov.lib.dates import EARLIEST

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
FORMULA_START = ("=", "+", "-", "@")


class BadValue(ValueError):
    """A cell that cannot be read; its message says why, in words for the person importing."""


def normalise_header(value) -> str:
    return " ".join(str(value or "").replace("_", " ").strip().lower().split()).rstrip(":*")


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # igov's own CSV exports put an apostrophe before text that would start a formula: read it as typed.
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text


def shown(value, limit: int = 40) -> str:
    """A cell's text as a message quotes it: cut short, since a cell can hold 100,000 characters."""
    text = text_of(value)
    return text if len(text) <= limit else text[:limit] + "…"


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> date:
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        text = text[:10]
    elif re.match(r"^\d{1,2}/\d{1,2}/\d{2,4} ", text):
        text = text.split(" ")[0]
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day < EARLIEST:
            raise BadValue(f"“{shown(text)}” is not a likely date (dates start from 1900)")
        return day
    raise BadValue(f"“{shown(text)}” is not a date (use 24/10/2016 or 24 October 2016)")


def parse_date(value, label: str, required: bool = True) -> date | None:
    """A date from an Excel date cell or UK text (24/10/2016, 24 October 2016, 2016-10-24)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value < EARLIEST:  # Excel's day 0 is 30/12/1899: an empty date cell, not a date
            raise BadValue(f"{label}: {value:%d/%m/%Y} is not a likely date (dates start from 1900)")
        return value
    text = text_of(value)
    if not text:
        if required:
            raise BadValue(f"{label} is blank")
        return None
    if len(text) > 40:  # no date is written this long (and the parsing cache should not keep it)
        raise BadValue(f"{label}: “{shown(text)}” is not a date (use 24/10/2016 or 24 October 2016)")
    try:
        return _parse_date_text(text)
    except BadValue as error:
        raise BadValue(f"{label}: {error}") from None


def parse_yes_no(value, label: str, default: bool | None = None) -> bool | None:
    text = text_of(value).lower()
    if not text:
        return default
    if text in YES:
        return True
    if text in NO:
        return False
    raise BadValue(f"{label} “{shown(value)}” is not Yes or No")
