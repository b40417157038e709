"""Malformed input to the admin never answers 5xx. Every admin URL pattern of the project (each
registered model's change list, add, change, delete and history pages, django-simple-history's past
versions, django-otp's device pages, the custom views and actions, the site's own views) is tried as
an administrator with ids that are not numbers, are far too large, hold a NUL byte (PostgreSQL
refuses NUL in text) or are no row's, and with hostile search, ordering, paging and filter
parameters. Each must answer with a message, a redirect or a 4xx page."""
import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client, RequestFactory, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, reverse
from django.utils.http import urlencode

HUGE = "9" * 30
# One id of each kind: not a number, too large for the column, negative, no row's, NUL.
HOSTILE_IDS = ["abc", HUGE, "-1", "999999", "\x00"]
# The ones that fail differently: not a number, too large for the column, NUL, no row's id.
FEW_HOSTILE_IDS = ["abc", HUGE, "\x00", "999999"]
HOSTILE_VALUES = ["abc", HUGE, "\x00"]
# A filter of the wrong type ("abc") Django already refuses; too large and NUL are what get through.
FILTER_VALUES = [HUGE, "\x00"]
# Parameters Django's change list reads besides its filters, with values that test each one's parsing.
CHANGELIST_PARAMS = [
    {"q": "\x00"}, {"q": "("}, {"q": HUGE}, {"o": "abc"}, {"o": HUGE}, {"p": "abc"}, {"p": HUGE},
    {"_to_field": "abc"}, {"_changelist_filters": "\x00"},
    # Any lookup on the model's own fields is allowed: numbers too large for the column, a broken
    # regular expression, a list of things that are not ids.
    {"pk__in": HUGE}, {"pk__in": "abc,\x00"}, {"pk__regex": "("}, {"pk__gt": HUGE}]
STANDARD_VIEWS = ("_changelist", "_add")  # tried with their own parameters below


def admin_patterns(entries=None):
    """name -> pattern for every named URL pattern of the admin site, the models' included ones too."""
    for entry in admin.site.urls[0] if entries is None else entries:
        if isinstance(entry, URLResolver):
            yield from admin_patterns(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, entry


ADMIN_PATTERNS = dict(admin_patterns())
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def label(model):
    return model._meta.label


def patterns_of(model):
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    return [name for name in ADMIN_PATTERNS if name.startswith(prefix)]


SITE_PATTERNS = sorted(set(ADMIN_PATTERNS) - {name for model in MODELS for name in patterns_of(model)})


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def urls_with_hostile_ids(name, ids):
    """The pattern's URL with each hostile id in each of its parameters (any others a plausible "1")."""
    slots = ADMIN_PATTERNS[name].pattern.regex.groups
    for slot in range(slots):
        for bad in ids:
            args = ["1"] * slots
            args[slot] = bad
            try:
                yield reverse(f"admin:{name}", args=args)
            except NoReverseMatch:
                pass  # the converter refuses it (<int:pk> and "abc"), so the URL resolver answers 404


# The sweep only reads the cast and their objects (each test's changes are rolled back), so each
# worker makes them once for the module.
@pytest.fixture
def objects(cast_and_objects_once, db):
    return cast_and_objects_once[1]


@pytest.fixture
def admin_user(cast_and_objects_once, db):
    return cast_and_objects_once[0]["admin"]


@pytest.fixture
def administrator(admin_user, objects):
    client = Client(raise_request_exception=False)  # a server error is counted, not raised
    client.force_login(admin_user)
    yield client
    assert client.get(reverse("admin:index")).status_code == 200, "the administrator was signed out mid-test"


def server_errors(client, method, url, data=None):
    response = getattr(client, method)(url, data or {})
    return [f"{method.upper()} {url!r} {data or ''} -> {response.status_code}"] if response.status_code >= 500 else []


def hostile_id_errors(client, names):
    failures = []
    for name in names:
        for url in urls_with_hostile_ids(name, HOSTILE_IDS):
            failures += server_errors(client, "get", url)
        if name.endswith(("_change", "_delete")):
            for url in urls_with_hostile_ids(name, FEW_HOSTILE_IDS):
                failures += server_errors(client, "post", url)
    return failures


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_a_models_admin_pages_with_a_malformed_or_missing_id_answer_without_a_server_error(administrator, model):
    names = patterns_of(model)
    assert {f"{model._meta.app_label}_{model._meta.model_name}_{view}" for view in ("change", "delete", "history")
            } <= set(names)
    # The same pages at the addresses Django redirects from (/admin/app/model/<id>/).
    object_addresses = [server_errors(administrator, "get", f"{changelist_url(model)}{bad}/") for bad in HOSTILE_IDS]
    assert hostile_id_errors(administrator, names) + sum(object_addresses, []) == []


def test_the_sites_own_pages_with_malformed_ids_answer_without_a_server_error(administrator):
    assert "view_on_site" in SITE_PATTERNS
    assert hostile_id_errors(administrator, SITE_PATTERNS) == []


def filter_parameters(model_admin, user):
    """The query parameters the change list's filters and date hierarchy read."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = {param for spec in changelist.filter_specs for param in spec.expected_parameters()}
    if model_admin.date_hierarchy:
        names |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return sorted(names)


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_a_change_list_with_hostile_parameters_answers_without_a_server_error(administrator, admin_user, model):
    filters = [{param: bad} for param in filter_parameters(admin.site._registry[model], admin_user)
               for bad in FILTER_VALUES]
    failures = []
    for params in [*CHANGELIST_PARAMS, *filters]:
        failures += server_errors(administrator, "get", changelist_url(model), params)
    assert failures == []


def test_the_site_and_custom_admin_pages_take_hostile_query_parameters(administrator):
    failures = []
    for name, pattern in ADMIN_PATTERNS.items():
        if pattern.pattern.regex.groups or name.endswith(STANDARD_VIEWS):
            continue
        for bad in HOSTILE_VALUES:
            params = {"q": bad, "o": bad, "p": bad, "next": bad, "owner": bad, "_changelist_filters": bad}
            failures += server_errors(administrator, "get", reverse(f"admin:{name}"), params)
    assert failures == []


# Django's raw-id widget looks each related id up on its own, which zeal would call an N+1.
@override_settings(ZEAL_RAISE=False)
@pytest.mark.filterwarnings("ignore:N\\+1 detected")
def test_every_add_form_filled_from_the_address_with_hostile_ids_answers_without_a_server_error(administrator):
    failures = []
    for model in admin.site._registry:
        relations = [f.name for f in model._meta.get_fields() if f.is_relation and f.concrete or f.many_to_many]
        if not relations:
            continue
        add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        for bad in FEW_HOSTILE_IDS:
            failures += server_errors(administrator, "get", add, {name: bad for name in relations})
    assert failures == []


def test_every_admin_action_with_hostile_selected_ids_answers_without_a_server_error(administrator, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    failures = []
    for model, model_admin in admin.site._registry.items():
        for action in [*model_admin.get_actions(request), "no_such_action"]:
            for bad in FEW_HOSTILE_IDS:
                # "post" confirms a deletion and "apply" a hand-over: nothing exists to delete or hand over.
                data = {"action": action, "index": bad, helpers.ACTION_CHECKBOX_NAME: [bad], "select_across": bad,
                        "post": "yes", "apply": "1", "successor": bad}
                failures += server_errors(administrator, "post", changelist_url(model), data)
    assert failures == []


def test_the_autocomplete_with_hostile_parameters_answers_without_a_server_error(administrator):
    url = reverse("admin:autocomplete")
    real = {"app_label": "assets", "model_name": "informationasset", "field_name": "owner", "term": "a"}
    failures = []
    for param in real:
        for bad in [*HOSTILE_VALUES, "%"]:
            failures += server_errors(administrator, "get", url, {**real, param: bad})
    assert failures == []


def test_the_hand_over_with_hostile_parameters_answers_without_a_server_error(administrator, objects):
    url = reverse("admin:assets_informationasset_handover")
    owner = str(objects["asset"].owner_id)
    failures = []
    for bad in HOSTILE_IDS:
        failures += server_errors(administrator, "get", url, {"owner": bad})
        failures += server_errors(administrator, "get", url, {"owner": [owner, bad]})
        failures += server_errors(administrator, "post", f"{url}?owner={owner}", {"successor": bad})
        failures += server_errors(administrator, "post", f"{url}?{urlencode({'owner': bad})}", {"successor": owner})
    assert failures == []


# --- what the administrator is told ---

def test_a_user_page_for_an_id_that_is_not_a_number_says_there_is_no_such_user(administrator):
    response = administrator.get("/admin/auth/user/abc/change/", follow=True)
    assert response.status_code == 200
    assert "User with ID “abc” doesn’t exist" in response.content.decode()


def test_a_past_version_page_for_an_id_that_is_not_a_number_says_there_is_no_such_record(administrator):
    response = administrator.get("/admin/risks/risk/abc/history/1/", follow=True)
    assert "with ID “abc” doesn’t exist" in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", HUGE, "\x00", "999999"])
def test_a_hand_over_for_an_owner_who_is_no_user_says_so_and_hands_over_nothing(administrator, objects, bad):
    asset = objects["asset"]
    url = f"{reverse('admin:assets_informationasset_handover')}?{urlencode({'owner': [asset.owner_id, bad]}, True)}"

    response = administrator.post(url, {"successor": objects["agreement"].lead_officer_id})

    assert response.status_code == 200
    assert "No user has the id" in response.content.decode()
    asset.refresh_from_db()
    assert asset.owner == objects["asset"].owner


def test_an_action_on_a_selection_that_is_no_ids_changes_nothing_and_says_so(administrator, objects):
    url = reverse("admin:assets_informationasset_changelist")
    data = {"action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [objects["asset"].pk, "abc"], "apply": "1",
            "successor": objects["partner"].pk}

    response = administrator.post(url, data, follow=True)

    assert "The selection included something that does not exist. Nothing was changed." in response.content.decode()


def test_a_filter_the_database_refuses_shows_the_whole_list_and_says_so(administrator):
    # A broken regular expression: SQLite and PostgreSQL both refuse it when the query runs.
    response = administrator.get(reverse("admin:risks_risk_changelist"), {"reference__regex": "("}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?e=1")
    assert "The filter in the address could not be applied" in response.content.decode()
