"""Whatever is typed into a training page's address — its query string or its path — the answer is a
page or a clear refusal, never a server error (on SQLite and PostgreSQL alike)."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import complete, make_course, make_staff
from tests.units import unit_for

pytestmark = pytest.mark.django_db

# One of each kind: the first, earliest allowed and last dates, a date that is none, too large for
# any column, negative, not finite, NUL, far too long as text and as a number (past Python's limit on
# digits), text that is no number with SQL-ish quotes, and nothing at all.
HOSTILE_VALUES = [
    "0001-01-01", "1900-01-01", "9999-12-31", "2026-02-30", "99999999999999999999", "-1", "1e309", "nan", "\x00",
    "x" * 5000, "9" * 5000, "'\"; DROP TABLE training_course; --", "",
]
PARAMETERS = ["on", "course", "year", "q", "page", "format"]
# What each page reads from its query string: each of these is tried alone (so one refusal cannot hide
# another parser), then every parameter at once (which also catches a parameter added later).
READS = {"training:index": ["on", "course"], "training:directorate": ["on", "course"],
         "training:unit": ["on", "course", "format"], "training:staff_search": ["q"], "training:staff": [],
         "training:import": [], "training:import_history": [], "training:report": ["on", "course", "year", "format"]}
# An officer and the committee, whose code paths differ after the parsing, try every parameter at once.
OTHER_ROLES = {"training:index": ["committee"], "training:unit": ["owner", "committee"],
               "training:staff_search": ["owner"], "training:staff": ["owner"], "training:report": ["committee"]}
CASES = [(page, role) for page in READS for role in ["igteam", *OTHER_ROLES.get(page, [])]]


def answers_500(client, url, queries):
    """The queries (and statuses) a page failed on; the client reports a server error as a browser sees it."""
    client.raise_request_exception = False
    failures = []
    for query in queries:
        status = client.get(url, query).status_code
        if status >= 500:
            failures.append(({k: v[:40] for k, v in query.items()}, status))
    return failures


@pytest.fixture
def trained(owner):
    course = make_course(launch_date=timezone.localdate() - timedelta(days=300))
    me = make_staff(staff_number="E1", first_name="Olwen", last_name="Ownerby", email=owner.email)
    complete(me, course, timezone.localdate() - timedelta(days=10))
    return me


def url_of(name, person):
    if name == "training:directorate":  # a directorate's page: the unit page of one with services
        return reverse("training:unit", args=[unit_for("Resources").code])
    kwargs = {"training:unit": {"code": person.unit.code}, "training:staff": {"pk": person.pk}}.get(name, {})
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name, role", CASES)
def test_no_hostile_query_string_makes_a_training_page_fail(login, cast, trained, name, role):
    client = login(cast[role])
    url = url_of(name, trained)
    assert client.get(url).status_code == 200
    together = [dict.fromkeys(PARAMETERS, value) for value in HOSTILE_VALUES]
    alone = [{parameter: value} for value in HOSTILE_VALUES for parameter in READS[name]]
    assert answers_500(client, url, [*(alone if role == "igteam" else []), *together]) == []


PATHS = ["units/{}/", "staff/{}/"]


@pytest.mark.parametrize("pattern", PATHS)
def test_no_hostile_path_makes_a_training_page_fail(login, igteam, trained, pattern):
    client = login(igteam)
    client.raise_request_exception = False
    failures = []
    for value in HOSTILE_VALUES:
        for text in {value, value.replace("\x00", "%00")}:
            status = client.get(reverse("training:index") + pattern.format(text)).status_code
            if status >= 500:
                failures.append((text[:40], status))
    assert failures == []


def test_an_as_at_date_in_year_1_is_refused_with_a_message(login, igteam, trained):
    response = login(igteam).get(reverse("training:index"), {"on": "0001-01-01"})
    assert response.status_code == 200
    assert "As at must be on or after 1 January 1900" in response.content.decode()


def test_a_nul_in_the_staff_search_finds_nobody_and_says_why(login, igteam, trained):
    response = login(igteam).get(reverse("training:staff_search"), {"q": "Own\x00erby"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ownerby" not in page.split("</form>")[-1] and "cannot contain" in page
