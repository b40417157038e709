"""How a typed directorate or service name is matched to an organisation unit, and how a unit gets
its short code. Plain functions (no models), so the data migration uses exactly the same rules."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]")


def normalise(name: str) -> str:
    """The form two names are compared in: case, accents, apostrophes, "&"/"and" and spacing ignored,
    so "Childrens  services" matches "Children’s Services" and "Adults & Health" "Adults and Health"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("’", "").replace("'", "").replace("‘", "")
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def make_code(name: str, taken: set[str], prefix: str = "") -> str:
    """A short, stable code for links and spreadsheets from a unit's name: the initials of its main
    words ("Children and Families" → "CF"), after the directorate's code for a service ("CF-ESC"),
    with a number added when it is taken. Adds the code to `taken`."""
    words = [w for w in normalise(name).split() if w not in {"and", "of", "the", "for"}] or ["UNIT"]
    initials = "".join(w[0] for w in words).upper()
    stem = f"{prefix}-{initials}" if prefix else initials
    stem = re.sub(r"[^A-Z0-9-]", "", stem.upper())[:16] or "UNIT"
    code, n = stem, 2
    while code in taken:
        code, n = f"{stem}{n}", n + 1
    taken.add(code)
    return code
