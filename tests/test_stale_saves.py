"""Nothing is lost: two people open the same record's form at the same version; the first saves,
the second is refused with a message and the first person's change survives.

Found, not listed: every page of the project and every admin change page that carries a record's
version (a `seen_version` field) is opened twice by the administrator and submitted twice, so a
new editing path is covered as soon as it carries the version.
"""
import re

from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from igov.lib.versioning import Versioned
from tests import access
from tests.conftest import client_for
from tests.html_forms import form_with
from tests.test_access_matrix import ALL_PATTERNS

CHANGED = "Changed by the first person to save"
# Pages that make a new record inside the one in their URL: the version they carry is the new record's.
CREATES = {"actions:create"}
# Fields not edited here: a reference must stay unique; an agreed plan's wording changes only with a reason.
UNEDITED = {"reference", "recommendation", "agreed_action"}


class Recorder(dict):
    """The access matrix's objects, remembering which one a URL was built from."""

    def __getitem__(self, key):
        self.used = key
        return super().__getitem__(key)


def versioned_models():
    return [m for m in apps.get_models() if issubclass(m, Versioned) and m._meta.app_label != "testapp"]


def versioned_pages(objects):
    """(url, the record it edits, whether it must carry the version) for every page of a versioned record
    and every admin change page (which must: the admin edits the whole record)."""
    recorder = Recorder(objects)
    for name in ALL_PATTERNS:
        rule = access.RULES[name]
        if "kwargs" in rule and rule["get"]["admin"] == access.OK and name not in CREATES:
            url = reverse(name, kwargs=rule["kwargs"](recorder))
            if isinstance(objects[recorder.used], Versioned):
                yield url, objects[recorder.used], False
    for model in versioned_models():
        record = model._default_manager.first()
        yield reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]), record, True


def test_every_versioned_model_has_an_admin_change_page_and_a_record_here(objects):
    assert all(m in admin.site._registry and m._default_manager.exists() for m in versioned_models())


def history_rows() -> int:
    return sum(m._default_manager.count() for m in apps.get_models() if m.__name__.startswith("Historical"))


def test_a_stale_submit_is_refused_on_every_page_that_edits_a_versioned_record(cast, objects, settings):
    # Django's admin checks each inline row's id with a get(): its design, not an N+1 of igov's.
    settings.ZEAL_ALLOWLIST = [*settings.ZEAL_ALLOWLIST, {"model": "*", "field": "get()"}]
    client = client_for(cast["admin"])
    tried = []
    for url, record, required in versioned_pages(objects):
        pages = [client.get(url) for _ in range(2)]
        if not pages[0]["Content-Type"].startswith("text/html"):
            continue  # a download of the record (a report's PDF or spreadsheet), not a page that edits it
        first, second = (form_with(page.content.decode(), "seen_version") for page in pages)
        if required and 'name="_save"' not in pages[0].content.decode():
            continue  # the admin shows this record read-only (a published report): nothing can be saved
        assert first is not None or not required, f"{url} does not carry the record's version"
        if first is None:
            continue
        target, data, stale = first.action or url, first.data(), second.data()
        edited = next((n for n in first.textareas + first.text_fields if n not in UNEDITED), None)
        if edited:
            data[edited], stale[edited] = [CHANGED], ["The second person's change"]
        before = history_rows()
        saved = client.post(target, data)
        assert saved.status_code == 302 and history_rows() > before, f"{url}: the first save did not save"
        record.refresh_from_db()
        after_first, before = record.version, history_rows()

        refused = client.post(target, stale, follow=True)

        assert history_rows() == before, f"{url}: a stale submit was saved over the first person's change"
        record.refresh_from_db()
        assert record.version == after_first
        if edited and hasattr(record, edited):
            assert getattr(record, edited) == CHANGED, url
        # Refused as stale, or (sign-off, reopen) because the first person's step already happened:
        # either way the page says so, in an error summary or an "Important" banner.
        text = refused.content.decode()
        assert re.search(r"govuk-error-summary|>Important</h2>|errornote", text), f"{url}: the refusal is not explained"
        tried.append(url)
    assert len(tried) >= 12, tried
