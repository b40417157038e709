"""The import pages: upload, preview (counts, diffs, errors, paging, filter, XLSX), confirm, history."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assets.models import Partner
from igov.imports.models import ImportRecord
from tests.imports.conftest import xlsx_file

HEADERS = ["Name", "Type", "Contact name"]


def upload(client, rows, kind="partners", name="partners.xlsx", **extra):
    data = xlsx_file(HEADERS, rows) if isinstance(rows, list) else rows
    return client.post(f"/imports/{kind}/", {"file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.parametrize("member", ["owner", "board", "committee"])
def test_only_the_ig_team_may_import(member, cast, login):
    client = login(cast[member])
    assert client.get("/imports/partners/").status_code == 403
    assert upload(client, [["NHS Trust", "NHS body", ""]]).status_code == 403
    assert Partner.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/imports/partners/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_upload_preview_confirm_and_history(login, igteam):
    Partner.objects.create(name="Police Scotland", kind=Partner.Kind.POLICE, contact_name="Old Name")
    client = login(igteam)
    response = upload(client, [["Police Scotland", "Police", "New Name"], ["NHS Trust", "NHS body", ""]])
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Check the import" in page and "<del>Old Name</del> → New Name" in page
    assert Partner.objects.count() == 1  # a dry run writes nothing

    confirm = response["Location"] + "confirm/"
    response = client.post(confirm)
    assert response.status_code == 302 and response["Location"] == "/imports/"
    assert Partner.objects.get(name="Police Scotland").contact_name == "New Name"
    record = ImportRecord.objects.get()
    assert (record.register, record.created, record.updated, record.imported_by) == ("partners", 1, 1, igteam)
    history = client.get("/imports/").content.decode()
    assert "partners.xlsx" in history and "Imogen Governa" in history


def test_the_preview_names_each_error_row_and_column_and_offers_no_import(login, igteam):
    client = login(igteam)
    response = upload(client, [["NHS Trust", "NHS body", ""], ["Alien Corp", "Martian", ""]])
    page = client.get(response["Location"] + "?show=error").content.decode()
    assert "1 row in error" in page
    assert "Type (column B): “Martian” is not one of" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert "Import: add" not in page
    assert client.post(response["Location"] + "confirm/").status_code == 302
    assert Partner.objects.count() == 0


def test_the_preview_downloads_as_xlsx(login, igteam):
    client = login(igteam)
    response = upload(client, [["NHS Trust", "NHS body", "Dana"]])
    download = client.get(response["Location"] + "?format=xlsx")
    rows = list(load_workbook(BytesIO(download.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Row", "Reference", "Outcome", "Column")
    assert ("2", "NHS Trust", "To add", "Contact name", None, "Dana", None) in [
        tuple(str(v) if isinstance(v, int) else v for v in row) for row in rows]


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error_not_a_500(login, igteam):
    response = upload(login(igteam), b"%PDF-1.7 a pdf", name="partners.xlsx")
    assert response.status_code == 200
    assert "is not an Excel workbook" in response.content.decode()


def test_actions_need_a_plan_and_go_into_it(login, igteam, plan):
    client = login(igteam)
    data = xlsx_file(["Reference", "Recommendation"], [["A1", "Keep a record of processing"]])
    assert "Action plan is required" in upload(client, data, kind="actions").content.decode()
    response = upload(client, data, kind="actions", plan=plan.pk)
    assert response.status_code == 302 and f"plan={plan.pk}" in response["Location"]
    path, query = response["Location"].split("?")
    client.post(path + "confirm/", {"plan": plan.pk})
    assert plan.actions.get().recommendation == "Keep a record of processing"


def test_each_register_offers_a_blank_template_with_its_columns(login, igteam):
    response = login(igteam).get("/imports/risks/template.xlsx")
    headers = next(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert headers[:3] == ("Reference", "Title", "Cause")
