"""Bad input gets a message, never a server error: every URL pattern of the project, with hostile
values in each path parameter, each query parameter its page reads, and each field of each form it
shows, answers below 500 (on SQLite and on PostgreSQL, where NUL bytes and huge numbers fail
differently).

The parameters are found, not listed: the query parameters are the names of the page's own GET
forms (filters, "as at" dates) plus the ones igov's pages read by hand; the form fields are the
page's POST forms. A new page is fuzzed as soon as it has a URL in tests/access.py.
"""
import re
import sys
from contextlib import ExitStack, contextmanager
from unittest.mock import patch
from urllib.parse import quote, unquote

import django.utils.datastructures
import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests import access
from tests.html_forms import forms_of
from tests.test_access_matrix import ALL_PATTERNS

# One of each kind of hostility: SQL-ish quotes, NUL (PostgreSQL refuses it), too large for any
# integer column, negative, not finite (infinity, NaN), the first and last dates Python knows, far
# too long, a path out of the site, and non-ASCII text with a LIKE wildcard.
HOSTILE = ["'\"; DROP TABLE x; --", "a\x00b", "9" * 30, "-1", "1e309", "NaN", "0001-01-01", "9999-12-31",
           "x" * 5000, "../../etc/passwd", "Zoë ☃ 100%"]
# Every query parameter and form field gets every value, all of them at once (a form validates each
# field whatever the others hold); the parameters a page looks up by hand also get these alone, since
# a view may stop at the first it cannot read.
SINGLY = ["\x00", "9" * 30, "0001-01-01"]
# Query parameters pages read without a form (links, bookmarks, exports).
READ_BY_HAND = ["on", "q", "page", "sort", "o", "format", "course", "year", "status", "owner", "plan", "next"]
SKIP_FIELDS = {"csrfmiddlewaretoken"}
DATASTRUCTURES = django.utils.datastructures.__file__


# The sweep only reads the cast and their objects, so each worker makes them once for the module.
@pytest.fixture
def cast(cast_and_objects_once, db):
    return cast_and_objects_once[0]


@pytest.fixture
def objects(cast_and_objects_once, db):
    return cast_and_objects_once[1]


def client(cast, member):
    made = Client(raise_request_exception=False)
    made.force_login(cast[member])
    return made


def who_may_open(name):
    """The widest reader, and a committee member where one may open it (their pages take other paths)."""
    rule = access.RULES[name]["get"]
    opens = [m for m in ("admin", "igteam", "owner", "committee") if rule[m] in (access.OK, access.REDIRECT)]
    return opens[:1] + (["committee"] if "committee" in opens[1:] else [])


def reaches(url, name):
    try:
        return resolve(unquote(url)).view_name == name  # as Django sees the path: percent-decoded
    except Resolver404:
        return False


def path_variants(name, kwargs):
    """The pattern's URL with each parameter replaced by each hostile value (percent-encoded), where the
    pattern still matches: the rest never reach the view (the URL resolver's 404, tried once below)."""
    url = reverse(name, kwargs=kwargs)
    for key, value in kwargs.items():
        segment = quote(str(value), safe="")
        for bad in HOSTILE:
            variant = url.replace(f"/{segment}/", f"/{quote(bad, safe='')}/", 1)
            if reaches(variant, name):
                yield variant


@contextmanager
def names_looked_up():
    """The names any view, form, filter or template looks up by name in a query string (or form data)
    meanwhile; not those a page only copies whole, as into its pagination links."""
    seen = set()

    def recording(method):
        def look_up(self, key, *args, **kwargs):
            if not sys._getframe(1).f_code.co_filename.endswith(DATASTRUCTURES):  # items(), copy()...
                seen.add(key)
            return method(self, key, *args, **kwargs)
        return look_up

    with ExitStack() as stack:
        for method in ("__getitem__", "__contains__", "get", "getlist"):
            stack.enter_context(patch.object(QueryDict, method, recording(getattr(QueryDict, method))))
        yield seen


def query_names(html):
    names = set(READ_BY_HAND)
    for form in forms_of(html):
        if form.method == "get":
            names |= form.names()
    return sorted(names - SKIP_FIELDS)


def fuzz(responses):
    """The requests that answered 5xx, as readable lines."""
    return [f"{how} {url} -> {response.status_code}" for how, url, response in responses if response.status_code >= 500]


@pytest.mark.parametrize("name", ALL_PATTERNS)
def test_no_hostile_parameter_gets_a_server_error(name, cast, objects):
    rule = access.RULES[name]
    members = who_may_open(name)
    if not members:
        pytest.skip("no signed-in member may open it")
    kwargs = rule["kwargs"](objects) if "kwargs" in rule else {}
    url = reverse(name, kwargs=kwargs)
    tried = []
    for member in members:
        browser = client(cast, member)
        with names_looked_up() as read:
            page = browser.get(url)
            html = page.content.decode(errors="replace") if "html" in page.get("Content-Type", "") else ""
            names = query_names(html)
            tried += [("GET", f"{url}?(all)={quote(bad)[:40]}", browser.get(url, dict.fromkeys(names, bad)))
                      for bad in HOSTILE]
        tried += [("GET", u, browser.get(u)) for u in path_variants(name, kwargs)]
        # A parameter the page never looks up cannot stop it reading another, so only those it reads go alone.
        tried += [("GET", f"{url}?{n}={quote(bad)[:40]}", browser.get(url, {n: bad}))
                  for n in READ_BY_HAND if n in read for bad in SINGLY]
        for form in forms_of(html):  # its own forms, and those posting elsewhere (bulk changes, say)
            target = form.action or url
            if form.method != "post" or "logout" in target:
                continue
            fields = sorted(form.names() - SKIP_FIELDS)
            tried += [(f"POST (all)={quote(bad)[:30]}", target,
                       browser.post(target, {**form.data(), **dict.fromkeys(fields, bad)})) for bad in HOSTILE]
    assert fuzz(tried) == []


def test_the_fuzz_reaches_every_kind_of_parameter(cast, objects):
    """The fuzz is not vacuous: it finds path parameters, query forms and POST forms."""
    html = client(cast, "admin").get(reverse("actions:list")).content.decode()
    assert {"status", "q"} <= set(query_names(html))
    # An id the <int:pk> converter takes (too large for the column) reaches the view; so does a unit
    # code the <slug:code> converter takes (letters, digits, hyphens: no NUL, no quote, no dot).
    assert list(path_variants("actions:detail", {"pk": objects["action"].pk})) == [f"/actions/{'9' * 30}/"]
    staff = objects["training_staff"]
    assert len(list(path_variants("training:unit", {"code": staff.unit.code}))) == 7
    with names_looked_up() as read:
        client(cast, "admin").get(reverse("actions:list"), {"q": "x"})
    assert {"q", "page"} <= read
    edit = client(cast, "admin").get(reverse("actions:edit", kwargs={"pk": objects["action"].pk})).content.decode()
    assert any(form.method == "post" and "status" in form.names() for form in forms_of(edit))


def test_a_nul_byte_anywhere_in_the_path_gets_no_server_error(cast):
    browser = client(cast, "admin")
    responses = [("GET", u, browser.get(u)) for u in ["/%00/", "/actions/%00/", "/training/staff/%00/",
                                                        "/risks/%00/edit/", "/assets/%00/"]]
    assert fuzz(responses) == []


def test_a_path_no_pattern_matches_gets_no_server_error_whatever_it_holds(cast):
    browser = client(cast, "admin")
    urls = [f"/actions/{quote(bad, safe='')}/edit/" for bad in HOSTILE if not bad.isdigit()]
    assert fuzz([("GET", url, browser.get(url)) for url in urls]) == []


def test_error_pages_never_echo_a_traceback(cast):
    response = client(cast, "admin").get("/actions/99999999999999999999/")
    assert response.status_code in (400, 404)
    assert not re.search(r"Traceback|OverflowError|DataError", response.content.decode())
