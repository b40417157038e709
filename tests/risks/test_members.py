"""Committee members look up any risk (the register, a risk, the exports) without anyone's name:
no owner, no reviewer, no one in the history, none of the planned controls' "by whom"."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests import access


@pytest.fixture
def risk(cast):
    """The access matrix's risk: it carries a cast name as owner, former owner, reviewer, history users,
    in its planned controls and in its review's note."""
    return access._risks_objects(cast)["risk"]


def names(cast):
    return [user.get_full_name() for member, user in cast.items() if user is not None and member != "committee"]


def read(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in response["Content-Type"]:
        book = load_workbook(BytesIO(body), read_only=True)
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    return body.decode()


def pages(risk):
    return [f"/risks/{risk.pk}/", "/risks/register/", "/risks/register/export.csv", "/risks/register/export.xlsx",
            "/risks/", "/risks/register/?status=open&sort=-inherent"]


@pytest.mark.django_db
def test_the_ig_team_sees_every_name_the_risk_carries(risk, cast, login):
    """So the committee's pages below are checked against names that are really there to leak."""
    text = read(login(cast["igteam"]).get(f"/risks/{risk.pk}/"))
    assert [n for n in names(cast) if n not in text] == []


@pytest.mark.django_db
def test_a_committee_member_reaches_the_register_a_risk_and_the_exports_without_a_name(risk, cast, login):
    client = login(cast["committee"])
    for url in pages(risk):
        response = client.get(url)
        assert response.status_code == 200, url
        text = read(response)
        assert "IR-001" in text and "Personal data emailed to the wrong recipient" in text, url
        assert [n for n in names(cast) if n in text] == [], url
        assert "e-mail delay rule" not in text, url  # the planned controls say who will act


@pytest.mark.django_db
def test_a_committee_member_sees_the_risk_scores_treatment_and_review_dates(risk, cast, login):
    text = read(login(cast["committee"]).get(f"/risks/{risk.pk}/"))
    for shown in ("If staff pick the wrong address", "then personal data is disclosed", "Data protection compliance",
                  "Treat", "1 April 2025", "Likelihood 4", "Residual likelihood 4 × impact 3 = 12"):
        assert shown in text, shown
    assert "Owner" not in text and "Held after talking" not in text


@pytest.mark.django_db
def test_a_committee_member_has_no_edit_or_review_links(risk, cast, login):
    text = read(login(cast["committee"]).get(f"/risks/{risk.pk}/"))
    assert f"/risks/{risk.pk}/edit/" not in text and f"/risks/{risk.pk}/reviews/add/" not in text
    assert "/risks/add/" not in text


@pytest.mark.django_db
def test_the_committees_export_has_no_owner_or_planned_controls_column(risk, cast, login):
    header = read(login(cast["committee"]).get("/risks/register/export.csv")).splitlines()[0]
    assert "Owner" not in header and "Planned further controls" not in header and "Information assets" not in header
    assert "Residual band" in header and "Treatment" in header and "Next review" in header
    staff_header = read(login(cast["igteam"]).get("/risks/register/export.csv")).splitlines()[0]
    assert "Owner" in staff_header and "Planned further controls" in staff_header


@pytest.mark.django_db
def test_a_committee_member_cannot_filter_the_register_by_owner(risk, cast, login):
    client = login(cast["committee"])
    response = client.get("/risks/register/")
    assert "owner" not in response.context["filter"].form.fields
    by_owner = client.get(f"/risks/register/?owner={cast['owner'].pk}")
    assert by_owner.context["page"].paginator.count == 0  # a filter the list does not have: nothing, and said so
    assert "no filter called" in by_owner.content.decode()


@pytest.mark.django_db
def test_a_committee_member_sees_the_history_without_who_or_the_owner_change(risk, cast, login):
    log = login(cast["committee"]).get(f"/risks/{risk.pk}/").context["change_log"]
    assert log and all(entry["who"] is None for entry in log)
    assert not any(change["field"] in ("owner", "planned further controls")
                   for entry in log for change in entry["changes"])
    staff_log = login(cast["igteam"]).get(f"/risks/{risk.pk}/").context["change_log"]
    assert any(change["field"] == "owner" for entry in staff_log for change in entry["changes"])
