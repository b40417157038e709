"""The record of imports in the Django admin: listed and searchable, never added, changed or deleted there."""
import pytest

from igov.imports.models import ImportRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(igteam):
    ImportRecord.objects.create(register="risks", file_name="risk-register-2026.xlsx", checksum="a" * 64,
                                imported_by=igteam, rows=12, created=10, updated=2)
    ImportRecord.objects.create(register="assets", file_name="asset-register.csv", checksum="b" * 64, rows=3,
                                created=3)
    return ImportRecord.objects.order_by("pk")


def test_the_admin_lists_imports_and_finds_one_by_file_name(records, login, admin_user):
    client = login(admin_user)
    page = client.get("/admin/imports/importrecord/")
    assert page.status_code == 200
    assert {r.file_name for r in page.context["cl"].result_list} == {"risk-register-2026.xlsx", "asset-register.csv"}
    found = client.get("/admin/imports/importrecord/", {"q": "risk-register"}).context["cl"].result_list
    assert [r.file_name for r in found] == ["risk-register-2026.xlsx"]


def test_an_import_is_read_in_the_admin_but_never_added_changed_or_deleted(records, login, admin_user):
    client = login(admin_user)
    record = records.first()
    assert client.get(f"/admin/imports/importrecord/{record.pk}/change/").status_code == 200
    assert client.get("/admin/imports/importrecord/add/").status_code == 403
    client.post(f"/admin/imports/importrecord/{record.pk}/change/", {"file_name": "other.xlsx", "rows": 1})
    assert client.post(f"/admin/imports/importrecord/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    record.refresh_from_db()
    assert (record.file_name, record.rows) == ("risk-register-2026.xlsx", 12)
