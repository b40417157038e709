"""No browser cache or proxy keeps what a signed-in user was sent: every response to them (pages,
redirects, refusals, error pages, CSV and XLSX exports, evidence files, the admin) says
`Cache-Control: private, no-store`, whichever member of the cast asks for it."""
import pytest
from django.contrib import admin
from django.test import Client, override_settings
from django.urls import include, path, reverse

from tests import access
from tests.conftest import CAST, client_for, make_user

# The header comes from one middleware for every signed-in response; no query decides it.
pytestmark = pytest.mark.sqlite_only

SIGNED_IN = [member for member in CAST if member != "anonymous"]


def is_private_and_unstored(response) -> bool:
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store", "no-cache", "must-revalidate"} <= directives


def uncached(client, url, method="get", **data):
    response = getattr(client, method)(url, data)
    if response.streaming:
        b"".join(response.streaming_content)  # the body is sent after the headers; read it all the same
    return [] if is_private_and_unstored(response) else [
        f"{method.upper()} {url} -> {response.status_code} Cache-Control: {response.get('Cache-Control')!r}"]


@pytest.mark.parametrize("member", SIGNED_IN)
def test_every_page_the_access_matrix_knows_is_private_and_unstored(member, cast, objects):
    client = client_for(cast[member])
    failures = []
    for name in access.RULES:
        failures += uncached(client, access.url_of(name, objects))
    assert len(access.RULES) > 60
    assert failures == []


def download_urls(objects):
    """Every export and file download: the register exports, evidence, and the training figures with names."""
    staff = objects["training_staff"]
    service = reverse("training:unit", kwargs={"code": staff.unit.code})
    return [
        *(access.url_of(name, objects) for name in access.RULES if "export" in name),
        access.url_of("actions:evidence_download", objects),
        f"{service}?format=csv", f"{service}?format=xlsx",  # the still-to-complete list, with names
        f"{reverse('training:report')}?format=csv", f"{reverse('training:report')}?format=xlsx",
    ]


def test_every_download_is_private_and_unstored(admin_user, objects):
    client = client_for(admin_user)
    urls = download_urls(objects)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "attachment" in response["Content-Disposition"], url
    assert len(urls) >= 15
    assert [failure for url in urls for failure in uncached(client, url)] == []


def test_a_csv_export_streams_and_is_still_private_and_unstored(owner, objects):
    response = client_for(owner).get(reverse("actions:export_csv"))
    assert response.streaming
    assert is_private_and_unstored(response)


def test_every_admin_change_list_and_the_admin_index_are_private_and_unstored(admin_user):
    client = client_for(admin_user)
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry]
    assert [failure for url in urls for failure in uncached(client, url)] == []


def test_a_page_that_is_not_there_is_private_and_unstored_for_a_signed_in_user(owner):
    response = client_for(owner).get("/no-such-page/")
    assert response.status_code == 404
    assert is_private_and_unstored(response)


def broken(request):
    raise RuntimeError("a fault in a view")


urlpatterns = [path("broken/", broken), path("", include("igov.urls"))]
handler500 = "igov.front.errors.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_the_server_error_page_is_private_and_unstored_for_a_signed_in_user(owner):
    client = Client(raise_request_exception=False)
    client.force_login(owner)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert is_private_and_unstored(response)


def test_signing_in_answers_privately(db):
    make_user("olwen", "Officer")
    response = Client().post(reverse("login"), {"username": "olwen", "password": "a-Long-test-passw0rd"})
    assert response.status_code == 302
    assert is_private_and_unstored(response)

