"""The access matrix: every URL pattern × every member of the cast gets what tests/access.py
declares, refused POSTs change nothing, and a committee member never sees a named person."""
import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import access
from tests.conftest import CAST, client_for


def named_patterns(resolver=None, namespace=""):
    """Every named URL pattern of the project as 'namespace:name', outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns == access.ADMIN_NAMESPACE:
                continue
            yield from named_patterns(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


ALL_PATTERNS = sorted(set(named_patterns()))


def test_every_url_pattern_declares_who_may_see_it():
    undeclared = [name for name in ALL_PATTERNS if name not in access.RULES]
    assert undeclared == [], f"declare these in tests/access.py: {undeclared}"


def test_no_declaration_is_left_for_a_url_that_is_gone():
    assert sorted(set(access.RULES) - set(ALL_PATTERNS)) == []


def row_counts():
    """Every table's row count (but sessions, sign-in logs and the training figures a page keeps for the
    next reader, which are a cache of the registers, not a change to them), in one query rather than one a table."""
    models = [model for model in apps.get_models()
              if model._meta.label not in ("sessions.Session", "axes.AccessLog", "axes.AccessAttempt",
                                           "training.ComplianceSnapshot")]
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)})" for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip([model._meta.label for model in models], cursor.fetchone(), strict=True))


def check(response, expected):
    if expected == access.LOGIN:
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code == expected


def readable_text(response) -> str:
    """The text a person would read in the response: HTML, CSV, or the cells of an XLSX or PDF."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(body), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if "pdf" in kind:
        from io import BytesIO

        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


# The matrix only reads the cast and their objects (a refused POST must change nothing), so each
# worker makes them once for the module.
@pytest.fixture
def cast(cast_and_objects_once, db):
    return cast_and_objects_once[0]


@pytest.fixture
def objects(cast_and_objects_once, db):
    return cast_and_objects_once[1]


def canary_names(cast):
    return [u.get_full_name() for name, u in cast.items() if u is not None and name != "committee"]


@pytest.mark.parametrize("name", ALL_PATTERNS)
def test_access_matrix(name, cast, objects):
    rule = access.RULES[name]
    url = access.url_of(name, objects)
    for member in CAST:
        expected = rule["get"][member]
        before = row_counts()
        response = client_for(cast[member]).get(url)
        assert check(response, expected), (
            f"GET {url} as {member}: expected {expected}, got {response.status_code} "
            f"{response.get('Location', '')}")
        assert row_counts() == before, f"GET {url} as {member} changed data: no state change on GET"
        if member == "committee" and response.status_code == 200:
            # Downloads (CSV, XLSX, PDF) are read as well as pages: none may name staff.
            text = readable_text(response)
            shown = [n for n in canary_names(cast) if n in text]
            assert shown == [], f"{url} shows named staff to a committee member: {shown}"
        refused = expected not in (access.OK, access.REDIRECT, 405)
        if refused and rule.get("post", True):
            before = row_counts()
            response = client_for(cast[member]).post(url, {"seen_version": 1, "status": "completed"})
            assert check(response, expected), f"POST {url} as {member}: got {response.status_code}"
            assert row_counts() == before, f"a refused POST to {url} as {member} changed data"


def admin_urls():
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    return urls


@pytest.mark.parametrize("member", CAST)
def test_only_administrators_reach_the_admin(member, cast):
    client = client_for(cast[member])
    for url in admin_urls():
        response = client.get(url)
        if member == "admin":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
