"""A directorate or service may be called anything HR types: every training page that links to or
from one answers 200 for every role that may see it, and every link leads back to the same unit
(links carry the unit's code, so no name can break one)."""
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import complete, make_course, make_staff

# What is checked is how names travel through URLs, links and templates; the database only stores
# them and compares them exactly, which SQLite and PostgreSQL do alike.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_only]

HOSTILE_NAMES = [
    "Revenues/Benefits",
    "What? #1",
    "100% Care",
    "Adult Social Care",
    "Zoë’s Ünït – 服务",
    "  Leading and trailing  ",
    ".",
    "..",
    "...",
    "a/../b",
    "~2F tilde ~ %2F",
    "back\\slash",
    "<b>bold</b> & \"quotes\" 'too'",
    "+plus & equals=;,",
]
# Each name is a directorate once and a service once (of the next directorate), so a mix-up shows.
PAIRS = list(zip(HOSTILE_NAMES, HOSTILE_NAMES[1:] + HOSTILE_NAMES[:1], strict=True))
READERS = ["owner", "other_officer", "igteam", "committee", "admin"]
MAY_SEE_NAMES = {"owner", "igteam", "admin"}  # the owner works in the hostile service


class Links(HTMLParser):
    """Each <a href> in a page with its text, as a browser reads them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found, self._href, self._text = [], None, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.found.append((self._href, "".join(self._text)))
            self._href = None


def follow(client, page_url, response, text, under):
    """Click the link reading `text` whose path starts with `under`, as a browser resolves it.

    (The pages' context says where a link led: the test client's resolver_match reads the path as
    Latin-1, so it garbles names outside ASCII.)"""
    hrefs = [href for href, label in Links(response.content.decode()).found
             if label == text and urljoin(page_url, href).startswith(under)]
    assert hrefs, f"no link reading {text!r} under {under} on {page_url}"
    url = urljoin("http://testserver" + page_url, hrefs[0]).removeprefix("http://testserver")
    for segment in urlsplit(url).path.split("/"):
        # A browser drops "." and ".." segments, encoded or not, before it sends the request.
        assert unquote(segment).strip() not in (".", ".."), f"{url} has a dot segment"
    followed = client.get(url)
    assert followed.status_code == 200, f"{url} answered {followed.status_code}"
    return url, followed


@pytest.fixture
def hostile(request, owner):
    directorate, service = request.param
    course = make_course(launch_date=timezone.localdate() - timedelta(days=300))
    me = make_staff(staff_number="H1", first_name="Olwen", last_name="Ownerby", email=owner.email,
                    directorate=directorate, service=service)
    make_staff(staff_number="H2", first_name="Norris", last_name="Notyet", directorate=directorate,
               service=service, line_manager=me)
    make_staff(staff_number="H3", directorate="Resources", service="Finance")
    complete(me, course, timezone.localdate() - timedelta(days=10))
    return directorate, service


@pytest.mark.parametrize("hostile", PAIRS, indirect=True, ids=[f"{d!r}-{s!r}" for d, s in PAIRS])
def test_every_page_links_round_trip_to_a_directorate_or_service_whatever_its_name(login, cast, hostile):
    directorate, service = hostile
    index = reverse("training:index")
    directorates = index + "units/"
    for role in READERS:
        client = login(cast[role])
        dashboard = client.get(index)
        assert dashboard.status_code == 200, role

        url, page = follow(client, index, dashboard, directorate, directorates)
        assert page.context["unit"].name == directorate, role

        url, page = follow(client, url, page, service, directorates)
        assert (page.context["unit"].parent.name, page.context["unit"].name) == (directorate, service), role
        assert page.context["names"] == (role in MAY_SEE_NAMES), role

        _back, back = follow(client, url, page, directorate, directorates)
        assert back.context["unit"].name == directorate, role

        report = client.get(reverse("training:report"))
        assert report.status_code == 200 and any(r["name"] == directorate for r in report.context["rows"]), role

        if role in MAY_SEE_NAMES:
            for fmt in ("CSV", "Excel (XLSX)"):
                download = follow(client, url, page, fmt, url.split("?")[0])[1]
                assert download["Content-Disposition"].startswith("attachment; filename"), role
            staff_url, record = follow(client, url, page, "Norris Notyet", reverse("training:staff_search"))
            _, crumb = follow(client, staff_url, record, service, directorates)
            assert (crumb.context["unit"].parent.name, crumb.context["unit"].name) == (directorate, service), role
            found = client.get(reverse("training:staff_search"), {"q": "Notyet"})
            assert found.status_code == 200 and service in unescape(found.content.decode()), role
            follow(client, reverse("training:staff_search"), found, "Norris Notyet", staff_url)
