"""The reference a new record is offered: the next free one in its plan or register, still editable."""
import re
from collections import Counter
from collections.abc import Iterable

NUMBERED = re.compile(r"^(.*?)(\d+)$")


def next_reference(existing: Iterable[str], default: str) -> str:
    """The reference after the highest in the register's usual style: after A12 comes A13, after IR-007
    comes IR-008 (prefix and zero padding kept). The usual style is the prefix most references share;
    `default` when none ends in a number. Never one already taken (compared regardless of case)."""
    taken = {ref.strip().upper() for ref in existing if ref}
    numbered = [match.groups() for ref in taken if (match := NUMBERED.match(ref))]
    if not numbered:
        return default
    prefixes = Counter(prefix for prefix, _ in numbered)
    prefix = max(prefixes, key=lambda p: (prefixes[p], max(int(n) for q, n in numbered if q == p)))
    digits = max((n for q, n in numbered if q == prefix), key=int)
    number, width = int(digits) + 1, len(digits)
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"
