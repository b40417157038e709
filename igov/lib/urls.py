"""Stored text in a URL path: `<name:directorate>` carries any name, "Revenues/Benefits" and ".." too.

A path segment cannot hold every text as it is: "/" would split it (and a web server decodes
"%2F" back to "/" before Django sees the path), and a browser resolves a segment that is "." or
".." (or "%2E") before it sends the request. So this converter escapes those with "~" and a
hexadecimal byte ("Revenues/Benefits" -> "Revenues~2FBenefits"), escapes "~" itself, and writes an
empty name as a lone "~". Everything else ("?", "#", "%", spaces, accents) is left to reverse(),
which percent-encodes it as usual, so ordinary names keep readable URLs.
"""
import re

from django.urls import register_converter

ESCAPES = {"~": "~7E", "/": "~2F", ".": "~2E"}
ESCAPED = re.compile(r"~(7E|2F|2E)", re.IGNORECASE)
EMPTY = "~"


class NameConverter:
    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        if value == EMPTY:
            return ""
        if "\x00" in value or "~" in ESCAPED.sub("", value):
            raise ValueError("not a name this converter wrote")  # Django answers 404
        return ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), value)

    def to_url(self, value: str) -> str:
        text = str(value)
        if not text:
            return EMPTY
        text = text.replace("~", ESCAPES["~"]).replace("/", ESCAPES["/"])
        if not text.strip("."):  # "." and ".." are dot segments a browser would resolve away
            text = text.replace(".", ESCAPES["."])
        return text


register_converter(NameConverter, "name")
