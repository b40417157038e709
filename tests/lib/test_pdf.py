"""igov.lib.pdf: WeasyPrint fetches the project's own static files and nothing else."""
import io
import socket

import pytest
from pypdf import PdfReader

from igov.lib.pdf import StaticOnlyFetcher, render_pdf

BASE = "https://igov.example.gov.uk/"


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def listener():
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    yield server
    server.close()


def was_contacted(server) -> bool:
    try:
        connection, _ = server.accept()
    except TimeoutError:
        return False
    connection.close()
    return True


def test_user_typed_http_image_is_never_fetched_and_the_pdf_still_renders(listener):
    port = listener.getsockname()[1]
    html = f'<h1>Action evidence</h1><p>Shredding contract renewed</p><img src="http://127.0.0.1:{port}/x">'
    fetcher = StaticOnlyFetcher(BASE)

    pdf = render_pdf(html, BASE, fetcher)

    assert not was_contacted(listener)
    assert fetcher.refused == [f"http://127.0.0.1:{port}/x"]
    assert "Shredding contract renewed" in pdf_text(pdf)


def test_the_unreachable_port_from_the_brief_is_refused_before_any_connection(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer opened a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    fetcher = StaticOnlyFetcher(BASE)

    pdf = render_pdf('<p>Risk note</p><img src="http://127.0.0.1:1/x"><img src="https://example.com/y.png">',
                     BASE, fetcher)

    assert fetcher.refused == ["http://127.0.0.1:1/x", "https://example.com/y.png"]
    assert "Risk note" in pdf_text(pdf)


def test_file_urls_are_never_read_or_embedded():
    html = ('<p>Asset notes</p><img src="file:///etc/passwd">'
            '<link rel="stylesheet" href="file:///etc/passwd">'
            '<a rel="attachment" href="file:///etc/passwd">evidence</a>'
            '<style>@import url("file:///etc/hostname");</style>')
    fetcher = StaticOnlyFetcher(BASE)

    pdf = render_pdf(html, BASE, fetcher)

    assert "file:///etc/passwd" in fetcher.refused
    assert "file:///etc/hostname" in fetcher.refused
    assert b"root:" not in pdf
    assert "Asset notes" in pdf_text(pdf)


@pytest.mark.parametrize("url", [
    "data:text/plain,hello",
    "ftp://example.com/file",
    "https://evil.example/static/css/igov.css",
    "http://igov.example.gov.uk/static/css/igov.css",
    "https://igov.example.gov.uk/media/upload.xlsx",
    "https://igov.example.gov.uk/static/../igov/settings.py",
    "https://igov.example.gov.uk/static/%2e%2e/igov/settings.py",
    "https://igov.example.gov.uk/static/css/no-such-file.css",
])
def test_anything_but_an_existing_static_file_on_the_same_origin_is_refused(url):
    assert StaticOnlyFetcher(BASE).static_path(url) is None


def test_the_projects_own_static_files_are_served_from_the_finders():
    served = []

    class Recording(StaticOnlyFetcher):
        def fetch(self, url, headers=None):
            response = super().fetch(url, headers)
            served.append((url, response.content_type))
            return response

    fetcher = Recording(BASE)

    pdf = render_pdf('<link rel="stylesheet" href="/static/css/igov.css">'
                     '<img src="/static/govuk/assets/images/govuk-crest.svg" alt="">'
                     '<p>Committee report</p>', BASE, fetcher)

    assert fetcher.refused == []
    assert served == [("https://igov.example.gov.uk/static/css/igov.css", "text/css"),
                      ("https://igov.example.gov.uk/static/govuk/assets/images/govuk-crest.svg", "image/svg+xml")]
    assert "Committee report" in pdf_text(pdf)


def test_hashed_copies_collected_into_static_root_are_served(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "igov.0123abcd.css").write_text("p { color: black }")
    (tmp_path.parent / "outside.css").write_text("p { color: red }")
    fetcher = StaticOnlyFetcher(BASE)

    assert fetcher.static_path(BASE + "static/css/igov.0123abcd.css") == tmp_path / "css" / "igov.0123abcd.css"
    assert fetcher.static_path(BASE + "static/%2E%2E/outside.css") is None
    assert fetcher.static_path(BASE + "static/css/") is None
