"""The accessibility matrix: every named URL pattern, the Django admin's included, opened in Chromium by
every member of the cast who may open it (tests/access.py), passes axe-core (WCAG 2.0, 2.1 and 2.2, A and
AA); so does each form on those pages submitted empty, with its errors where a person can find them: an
error summary that takes focus, each of its links reaching its field, each field described by its error.

Like the access matrix, it finds the URL patterns itself: a new page joins it by being declared in
tests/access.py, and is not finished until it passes. One browser per worker, one signed-in context per
member, each page opened once; the cast and their objects are made once per test (each test here is one
member's sweep, or a share of the admin's), since the live server's transactional tests empty the database
after each. A11Y_TIMES=1 prints how long each page took to open and to check.
"""
import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from tests import access
from tests.browser.conftest import axe_problems, sign_in
from tests.conftest import CAST, PEOPLE, make_cast, make_objects, restore_migration_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Admin URL patterns that are not pages a person reads; each says why.
ADMIN_NOT_PAGES = {
    "login": "sends people to the service's own sign-in, which the matrix checks",
    "logout": "answers POST only",
    "autocomplete": "JSON for the admin's autocomplete widget",
    "jsi18n": "the admin's JavaScript catalogue",
    "view_on_site": "a redirect to the object's own page, which the matrix checks",
}
# The admin's pages are shared out over this many tests, so the two workers finish together.
ADMIN_SHARES = 3


def app_patterns(resolver=None, namespace=""):
    """Every named URL pattern of the project as 'namespace:name', outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns != access.ADMIN_NAMESPACE:
                yield from app_patterns(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def parameters(pattern) -> list[str]:
    """The names of a pattern's parameters; a regular expression's unnamed groups as 'arg0', 'arg1'."""
    regex = pattern.pattern.regex
    named = list(regex.groupindex)
    return named or [f"arg{n}" for n in range(regex.groups)]


def admin_patterns():
    """(name, pattern, model or None) for every named pattern of the admin site, its model admins' included."""
    for entry in admin.site.get_urls():
        if isinstance(entry, URLPattern) and entry.name:
            yield entry.name, entry, None
    for model, model_admin in admin.site._registry.items():
        for entry in model_admin.urls:
            if isinstance(entry, URLPattern) and entry.name:
                yield entry.name, entry, model


def an_object_of(model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, (f"the admin's pages for {model._meta.label} need one: add it to admin_objects() in "
                             f"{__name__}")
    return obj


def admin_urls(name, pattern, model) -> list[str]:
    """The addresses to open for one admin pattern, its parameters filled from the objects made."""
    params = parameters(pattern)
    if not params:
        return [reverse(f"admin:{name}")]
    if params == ["app_label"]:
        return [reverse(f"admin:{name}", kwargs={"app_label": label})
                for label in sorted({m._meta.app_label for m in admin.site._registry})]
    if model is not None and params in (["object_id"], ["pk"], ["id"]):
        return [reverse(f"admin:{name}", kwargs={params[0]: an_object_of(model).pk})]
    if model is not None and params == ["arg0", "arg1"]:  # django-simple-history's view of one past version
        obj = an_object_of(model)
        version = getattr(obj, model._meta.simple_history_manager_attribute).order_by("history_id").first()
        return [reverse(f"admin:{name}", args=[obj.pk, version.history_id])]
    raise AssertionError(f"admin:{name} takes {params}: teach admin_urls() in {__name__} to fill them in, or "
                         "say why it is no page in ADMIN_NOT_PAGES")


def admin_share(name, model) -> int:
    """Which test opens an admin pattern: the site's own pages in the first, each model's by its name."""
    return 0 if model is None else sum(map(ord, model._meta.label)) % ADMIN_SHARES


def admin_objects(cast, made):
    """One row of each model the admin lists that the registers' objects leave empty."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from igov.accounts.models import TwoFactorEvent
    from igov.imports.models import ImportRecord
    from tests.testapp.models import Note
    from training.models import Completion, Course, ImportRun

    admin_user = cast["admin"]
    where = {"ip_address": "192.0.2.1", "user_agent": "Chromium", "username": "owner"}
    AccessLog.objects.create(attempt_time=timezone.now(), path_info="/accounts/login/", **where)
    AccessFailureLog.objects.create(attempt_time=timezone.now(), path_info="/accounts/login/", **where)
    AccessAttempt.objects.create(attempt_time=timezone.now(), path_info="/accounts/login/", get_data="",
                                 post_data="username=owner", failures_since_start=1, **where)
    device = TOTPDevice.objects.create(user=cast["owner"], name="Phone", confirmed=True)
    TwoFactorEvent.objects.create(kind=TwoFactorEvent.Kind.ENROLLED, username="owner", device=device.name,
                                  by=cast["owner"], ip_address="192.0.2.1")
    run = ImportRun.objects.create(kind=ImportRun.Kind.COMPLETIONS, file_name="completions.csv",
                                   imported_by=admin_user, rows=1, added=1)
    Completion.objects.create(staff=made["training_staff"], course=Course.objects.get(code="DP-ANNUAL"),
                              completed_on=date.today() - timedelta(days=30), score=90, import_run=run)
    ImportRecord.objects.create(register="risks", file_name="risks.xlsx", checksum="0" * 64, imported_by=admin_user,
                                rows=1, created=1)
    Note.objects.create(title="A note")


@pytest.fixture
def cast_and_objects(transactional_db):
    restore_migration_data()
    cast = make_cast()
    made = make_objects(cast)
    return cast, made


@pytest.fixture
def member_page(browser, live_server):
    """member -> a page in a context of its own, signed in as that member of the cast."""
    contexts = []

    def open_as(member):
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        if member != "anonymous":
            sign_in(page, PEOPLE[member][0])
        return page

    yield open_as
    for context in contexts:
        context.close()


class Sweep:
    """One member's walk through pages: opens each address once, runs axe on each HTML page, submits each
    page's form empty, and keeps every problem found for one report at the end."""

    def __init__(self, page, member):
        self.page, self.member = page, member
        self.problems, self.seen, self.forms = [], set(), []
        self.pages = self.states = 0
        self.started = time.monotonic()

    def problem(self, text):
        self.problems.append(f"[{self.member}] {text}")

    def open(self, url, expected=200, *, skip=()):
        """Opens url and checks it with axe, unless it answers a status in skip."""
        started = time.monotonic()
        try:
            response = self.page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return False  # a file (CSV, XLSX, PDF), not a page
            raise
        if response.status in skip:
            return False
        if response.status != expected:
            self.problem(f"{url}: expected {expected}, got {response.status}")
            return False
        if not response.headers.get("content-type", "").startswith("text/html"):
            return False
        where = self.page.url
        if where in self.seen:
            return False
        self.seen.add(where)
        self.pages += 1
        opened = time.monotonic()
        for line in axe_problems(self.page):
            self.problem(f"{url}: {line}")
        if os.environ.get("A11Y_TIMES"):
            print(f"{opened - started:.2f} s to open, {time.monotonic() - opened:.2f} s axe {where}")
        if self.page.evaluate(EMPTY_FORM_JS, False):
            self.forms.append(where)
        return True

    def submit_forms_empty(self):
        """Each form found, submitted with every field emptied: the page that answers passes axe, and its
        errors can be found and are tied to their fields."""
        for url in self.forms:
            self.page.goto(url)
            self.page.evaluate(EMPTY_FORM_JS, True)
            with self.page.expect_navigation():
                self.page.click("[data-a11y-submit]")
            self.states += 1
            for line in axe_problems(self.page):
                self.problem(f"{url} submitted empty: {line}")
            for line in self.page.evaluate(ERRORS_JS):
                self.problem(f"{url} submitted empty: {line}")

    def report(self):
        seconds = time.monotonic() - self.started
        print(f"\n[{self.member}] {self.pages} pages and {self.states} forms submitted empty in {seconds:.1f} s")
        assert self.problems == [], f"{len(self.problems)} accessibility problems:\n" + "\n".join(self.problems)


EMPTY_FORM_JS = (Path(__file__).parent / "empty_form.js").read_text()
# What a person needs after a refused form (see the script).
ERRORS_JS = (Path(__file__).parent / "form_errors.js").read_text()


def app_pages_of(member):
    """(pattern, url) for every page outside the admin that the member may open."""
    names = sorted(set(app_patterns()))
    undeclared = [name for name in names if name not in access.RULES]
    assert undeclared == [], f"declare these in tests/access.py: {undeclared}"
    return [name for name in names if access.RULES[name]["get"][member] == access.OK]


@pytest.mark.parametrize("member", CAST)
def test_every_page_a_member_may_open_passes_axe(member, cast_and_objects, member_page):
    cast, made = cast_and_objects
    sweep = Sweep(member_page(member), member)
    for name in app_pages_of(member):
        sweep.open(access.url_of(name, made))
    # The pages that refuse: a page the member may not see, an object outside their scope.
    for expected in (access.DENIED, access.MISSING):
        refused = [name for name in sorted(access.RULES) if access.RULES[name]["get"][member] == expected]
        if refused:
            sweep.open(access.url_of(refused[0], made), expected)
    sweep.submit_forms_empty()
    sweep.report()


@pytest.mark.parametrize("share", range(ADMIN_SHARES))
def test_every_admin_page_passes_axe(share, cast_and_objects, member_page):
    cast, made = cast_and_objects
    admin_objects(cast, made)
    sweep = Sweep(member_page("admin"), f"admin, share {share}")
    for name, pattern, model in admin_patterns():
        if name in ADMIN_NOT_PAGES or admin_share(name, model) != share:
            continue
        for url in admin_urls(name, pattern, model):
            sweep.open(url, skip=[403])  # what no administrator may do (add a sign-off, change a report)
    sweep.submit_forms_empty()
    sweep.report()
