"""igov.lib.pdf: WeasyPrint fetches the project's own static files and nothing else, and its PDFs are
tagged PDF/UA with numbered pages and the table header on each page (templates/pdf/base.html)."""
import io
import logging
import re
import socket
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test import RequestFactory, override_settings
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

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


# --- a report through templates/pdf/base.html: pages, running header and footer, tags ----------------
REPORT = """{% extends "pdf/base.html" %}
{% block title %}Committee report{% endblock %}
{% block content %}
<h1>Information governance report</h1>
<p>Position as at 31 March 2026.</p>
<table>
  <caption>Audit actions</caption>
  <thead><tr><th scope="col">Reference</th><th scope="col">Action</th><th scope="col">RAG</th></tr></thead>
  <tbody>
  {% for i in rows %}
    <tr><td>ACT-{{ i }}</td>
        <td>ACT-{{ i }} opens<br>Review the retention<br>schedule with<br>the service<br>ACT-{{ i }} closes</td>
        <td><strong class="govuk-tag govuk-tag--red">Red</strong></td></tr>
  {% endfor %}
  </tbody>
</table>
{% endblock %}"""


@pytest.fixture(scope="module")
def report():
    """A 200-row report rendered once for the module: its PDF, a pypdf reader and each page's text.
    Each row is five lines high, enough for WeasyPrint to split one (two lines either side)."""
    with override_settings(IGOV_COUNCIL_NAME="Coventry City Council"):
        html = engines["django"].from_string(REPORT).render({"rows": range(1000, 1200)}, RequestFactory().get("/"))
        pdf = render_pdf(html, BASE)
    reader = PdfReader(io.BytesIO(pdf))
    return SimpleNamespace(pdf=pdf, reader=reader, texts=[page.extract_text() for page in reader.pages])


def test_a_long_table_gives_a_pdf_of_several_pages(report):
    assert report.pdf.startswith(b"%PDF-1.7")
    assert len(report.reader.pages) > 1


def test_each_page_is_numbered_page_n_of_m(report):
    total = len(report.texts)

    assert f"Page 1 of {total}" in report.texts[0]
    assert f"Page {total} of {total}" in report.texts[-1]


def test_the_table_header_row_repeats_on_the_next_page(report):
    second = report.texts[1]

    assert "Reference Action RAG" in second
    assert "ACT-1000" not in second


def test_no_table_row_is_split_across_pages(report):
    texts = report.texts

    for i in range(1000, 1200):
        assert [n for n, text in enumerate(texts) if f"ACT-{i} opens" in text] == \
               [n for n, text in enumerate(texts) if f"ACT-{i} closes" in text]


def test_later_pages_name_the_council_and_the_report_in_the_top_margin(report):
    assert "Coventry City Council" in report.texts[0]  # the first page's masthead
    for text in report.texts[1:]:
        assert "Coventry City Council" in text
        assert "Information governance report" in text


def test_the_pdf_title_is_the_documents_title(report):
    assert report.reader.metadata.title == "Committee report – Coventry City Council"
    assert b"<dc:title>" in report.reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_the_catalog_gives_the_language(report):
    assert report.reader.trailer["/Root"]["/Lang"] == "en-GB"


def structure_elements(root):
    """Every dictionary under a structure tree root: the structure elements (/S /H1, /Table, …)."""
    stack = [root]
    while stack:
        element = stack.pop().get_object()
        if isinstance(element, DictionaryObject):
            yield element
            kids = element.get("/K", [])
            stack.extend(kids if isinstance(kids, list) else [kids])


def test_the_pdf_is_tagged_pdf_ua(report):
    catalog = report.reader.trailer["/Root"]

    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()
    types = {element.get("/S") for element in structure_elements(catalog["/StructTreeRoot"])}
    assert {"/H1", "/P", "/Table", "/Caption", "/THead", "/TBody", "/TH", "/TD"} <= types


def test_each_data_cell_is_tagged_with_its_column_header(report):
    elements = structure_elements(report.reader.trailer["/Root"]["/StructTreeRoot"])
    cells = [element for element in elements if element.get("/S") == "/TD"]

    assert len(cells) == 200 * 3
    assert all(len(cell["/A"]["/Headers"]) == 1 for cell in cells)


def test_rendering_through_the_pdf_base_template_logs_no_accessibility_error(caplog):
    html = engines["django"].from_string(REPORT).render({"rows": range(3)}, RequestFactory().get("/"))

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_pdf(html, BASE)

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_chart_is_drawn_with_the_charts_stylesheet():
    """WeasyPrint styles an inline SVG only from a <style> inside it: render_pdf puts pdf-charts.css there."""
    html = ('<html lang="en-GB"><title>Chart</title><svg viewBox="0 0 10 10" width="100" height="100">'
            '<title>Compliance</title><rect class="igov-training-chart__bar--met" width="10" height="10"/></svg>')

    page = PdfReader(io.BytesIO(render_pdf(html, BASE))).pages[0]

    # #0f7a52, govuk-frontend's green, is the bar's fill colour (r g b, each from 0 to 1)
    assert re.search(rb"\b0\.0588\d* 0\.4784\d* 0\.3215\d* rg", page.get_contents().get_data())
