"""A form read out of a rendered page, to submit it as a browser would: what the person was shown
(hidden inputs, ticked boxes, filled-in inputs) is what goes back."""
from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._open = {"action": attrs.get("action") or "", "data": {}}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._open["data"].setdefault(attrs["name"], []).append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def form_data(response, action: str = "") -> dict[str, list[str]]:
    """The fields of the page's form that posts to `action` ("" for a form that posts to its own page),
    as name -> values. Selects and text areas are not read: a test sets those itself."""
    parser = _Forms()
    parser.feed(response.content.decode())
    found = [form["data"] for form in parser.forms if form["action"] == action]
    assert len(found) == 1, f"expected one form posting to {action!r}, found {len(found)}"
    return found[0]
