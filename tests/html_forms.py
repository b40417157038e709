"""Read the forms of a rendered page as a browser would submit them, for tests that post a page's
own form back (the stale-save test, the fuzz test, the bulk check pages)."""
from html.parser import HTMLParser


class Form:
    def __init__(self, action: str, method: str):
        self.action, self.method = action, method
        self.fields: list[tuple[str, str]] = []  # (name, value) in page order, as a browser sends them
        self.text_fields: list[str] = []  # names of free-text inputs and textareas
        self.textareas: list[str] = []
        self.has_file = False

    def data(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        return data

    def names(self) -> set[str]:
        return {name for name, _ in self.fields} | set(self.text_fields)


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form = self._select = self._textarea = None
        self._option = None
        self._options: list[tuple[str, bool]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name") if "disabled" not in attrs else None  # a browser never sends a disabled field
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                self._form.has_file = True
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset"):
                self._form.fields.append((name, attrs.get("value") or ""))
                if kind in ("text", "search") and attrs.get("inputmode") != "numeric" and "readonly" not in attrs:
                    self._form.text_fields.append(name)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
            self._readonly = "readonly" in attrs
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in attrs), []
        elif tag == "option" and self._select:
            self._option, self._text = (attrs.get("value"), "selected" in attrs), []

    def handle_data(self, data):
        if self._textarea or self._option:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self._form.fields.append((self._textarea, "".join(self._text)))
            if not self._readonly:
                self._form.text_fields.append(self._textarea)
                self._form.textareas.append(self._textarea)
            self._textarea = None
        elif tag == "option" and self._option:
            value, selected = self._option
            self._options.append((value if value is not None else "".join(self._text).strip(), selected))
            self._option = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def forms_of(html: str) -> list[Form]:
    reader = _FormReader()
    reader.feed(html)
    return reader.forms


def form_with(html: str, field: str) -> Form | None:
    """The page's first form that has the named field."""
    return next((form for form in forms_of(html) if field in form.names()), None)


def form_data(response, action: str = "") -> dict[str, list[str]]:
    """The fields of the page's one form that posts to `action` ("" for its own page), as a browser
    would send them: name -> values."""
    found = [form for form in forms_of(response.content.decode()) if form.action == action]
    assert len(found) == 1, f"expected one form posting to {action!r}, found {len(found)}"
    return found[0].data()
