"""PDFs from HTML with WeasyPrint, fetching nothing but the project's own static files.

Reports carry user-typed text. WeasyPrint's default fetcher would follow any reference in it —
`<img src="http://10.0.0.5/admin">` makes the server call an internal address (SSRF) and
`<a rel="attachment" href="file:///etc/passwd">` embeds a server file in the PDF. The fetcher
here serves a URL only when it names a file under STATIC_URL on the page's own origin, read
through the staticfiles finders or from STATIC_ROOT (never the network); every other reference
is refused, logged by WeasyPrint as a warning, and left out of the PDF.

The PDF is WeasyPrint's PDF/UA-1 variant: tagged (a structure tree of headings, paragraphs, lists
and tables with their header cells), with the document's language from `<html lang>` and its title
from `<title>` shown by readers in place of the file name; templates/pdf/base.html supplies both.

WeasyPrint draws an inline `<svg>` with only the `<style>` inside it, not the page's stylesheets
(and its SVG `@import` fails in 70), so the charts' fills and strokes, pdf-charts.css, are copied
into each chart: the same classes draw the same chart on the web page and in the PDF.
"""
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree.ElementTree import Element

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A reference the PDF renderer will not fetch."""


class StaticOnlyFetcher(URLFetcher):
    """Serves STATIC_URL files on `base_url`'s origin from the staticfiles finders; refuses the rest."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols=(), allow_redirects=False)
        base = urlsplit(base_url)
        self.origin = (base.scheme, base.netloc)
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.refused: list[str] = []

    def static_path(self, url: str) -> Path | None:
        """The file a URL names if it is one of the project's static files, else None."""
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self.origin or not parts.path.startswith(self.static_prefix):
            return None
        relative = unquote(parts.path.removeprefix(self.static_prefix))
        if not relative or ".." in Path(relative).parts:
            return None
        found = finders.find(relative)
        if found and Path(found).is_file():
            return Path(found)
        # In production {% static %} names the hashed copies that only collectstatic's STATIC_ROOT holds.
        root = Path(settings.STATIC_ROOT).resolve() if settings.STATIC_ROOT else None
        collected = (root / relative).resolve() if root else None
        return collected if collected and collected.is_relative_to(root) and collected.is_file() else None

    def fetch(self, url, headers=None):
        path = self.static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"PDF rendering fetches only the service's own static files, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render_pdf(html: str, base_url: str, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """The tagged, accessible (PDF/UA-1) PDF of an HTML document. `base_url` is the site's root
    (request.build_absolute_uri("/")): relative references such as /static/css/pdf.css resolve
    against it. WeasyPrint logs an error, and still renders, when `<html lang>` or an image's alt
    text is missing."""
    fetcher = fetcher or StaticOnlyFetcher(base_url)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    style_inline_svgs(document, fetcher, base_url)
    return document.write_pdf(pdf_variant="pdf/ua-1")


SVG = "{http://www.w3.org/2000/svg}"
SVG_STYLESHEET = "css/pdf-charts.css"


def style_inline_svgs(document: HTML, fetcher: StaticOnlyFetcher, base_url: str) -> None:
    """Puts the charts' stylesheet inside each inline SVG of a parsed document, before layout."""
    svgs = list(document.etree_element.iter(f"{SVG}svg"))
    if not svgs:
        return
    stylesheet = fetcher.static_path(urljoin(base_url, static(SVG_STYLESHEET)))
    if stylesheet is None:
        logger.warning("%s is not built (npm run build): the PDF's charts are drawn unstyled", SVG_STYLESHEET)
        return
    css = stylesheet.read_text()
    for svg in svgs:
        style = Element(f"{SVG}style")
        style.text = css
        svg.insert(0, style)
