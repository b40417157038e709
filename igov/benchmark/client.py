"""A signed-in browser, small enough to read: one person's cookies, a GET or a form POST over HTTP/1.1 to
the app on loopback, the time each answer took and the SQL query count the app reports
(igov.lib.query_count). Standard library only: nothing to install for the load generator.

The app is served as in production behind a TLS-terminating proxy: every request says it came over
HTTPS (X-Forwarded-Proto, with DJANGO_BEHIND_PROXY on), so the Secure cookies and the CSRF origin
check work as they would for a person.
"""
import http.client
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from igov.lib.query_count import HEADER

PASSWORD = "igov-demo"  # igov.accounts.demo's, for every demo user


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def queries(self) -> int | None:
        value = self.headers.get(HEADER.lower())
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Client:
    def __init__(self, base_url: str, timeout: float = 120):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.origin = f"https://{parts.hostname}:{parts.port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | list | None = None) -> Answer:
        headers = {"X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": self.origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            seconds = time.perf_counter() - started
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            self._keep(value)
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, content, seconds)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict | list) -> Answer:
        return self.request("POST", path, fields)

    def _keep(self, header: str) -> None:
        for name, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0" or morsel.value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def sign_in(self, username: str, password: str = PASSWORD, login_path: str = "/accounts/login/") -> None:
        form = form_fields(self.get(login_path).text, "username")
        answer = self.post(login_path, {**form, "username": username, "password": password})
        if answer.status != 302:
            raise RuntimeError(f"{username} could not sign in: {answer.status} {answer.text[:300]}")


def form_fields(html: str, having: str) -> dict[str, str | list[str]]:
    """The values a browser would submit from the page's first form with a field named `having`: its
    inputs (checked boxes and radios only), selected options and text areas."""
    parser = _Forms()
    parser.feed(html)
    for fields in parser.forms:
        if having in fields:
            return {name: values[0] if len(values) == 1 else values for name, values in fields.items()}
    raise ValueError(f"no form with a field named {having!r}")


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self.current: dict[str, list[str]] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {}
            self.forms.append(self.current)
        if self.current is None or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.current.setdefault(a["name"], [])
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.current.setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "select":
            self.select = a["name"]
            self.current.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in a:
            self.current[self.select].append(a.get("value") or "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current[self.textarea] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = self.current[self.textarea][0]  # a browser drops the newline just after <textarea>
            self.current[self.textarea][0] = text[1:] if text.startswith("\n") else text
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current[self.textarea][0] += data
