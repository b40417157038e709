"""Exports: the filtered list as CSV and XLSX, with formula cells escaped."""
from io import BytesIO

from openpyxl import load_workbook

from actions.models import Action

S = Action.Status


def test_export_escapes_formulas(make_action, login, igteam):
    make_action("A01", status=S.IN_PROGRESS, agreed_action='=HYPERLINK("http://evil.example","click")')
    text = b"".join(login(igteam).get("/actions/list/export.csv").streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert ',=HYPERLINK' not in text and ',"=HYPERLINK' not in text


def test_xlsx_export_escapes_formulas(make_action, login, igteam):
    make_action("A01", status=S.IN_PROGRESS, evidence="@SUM(A1:A2)")
    response = login(igteam).get("/actions/list/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:2] == ["Plan", "Reference"]
    cell = next(c for c in sheet[2] if c.value == "@SUM(A1:A2)")  # shown as typed, stored as text
    assert cell.data_type == "s" and cell.quotePrefix


def test_export_respects_the_filters(make_action, login, igteam):
    make_action("A01", status=S.IN_PROGRESS)
    make_action("A02", status=S.NOT_STARTED)
    text = b"".join(login(igteam).get("/actions/list/export.csv?status=in_progress").streaming_content).decode()
    assert ",A01," in text and ",A02," not in text


def test_the_list_links_its_exports_with_the_same_filters(make_action, login, igteam):
    make_action("A01", status=S.IN_PROGRESS)
    page = login(igteam).get("/actions/list/?status=in_progress&priority=high").content.decode()
    assert "/actions/list/export.csv?status=in_progress&amp;priority=high" in page


def test_the_plan_figures_export_adds_up_and_names_nobody(make_action, plan, login, committee):
    from datetime import date

    make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1))
    make_action("A02", status=S.IN_PROGRESS)
    text = b"".join(login(committee).get("/actions/plans/export.csv").streaming_content).decode()
    header, row = text.strip().splitlines()
    assert header.endswith("Actions,Completed,In progress,Not started,Superseded,Withdrawn,Overdue,Signed off,"
                           "Added since agreed")
    assert row.startswith("ICO data protection audit,ICO audit,")
    assert row.endswith(",2,1,1,0,0,0,1,0,0")
    assert "Imogen Governa" not in text and "Olwen Ownerby" not in text
