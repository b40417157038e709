"""A committee member looks up any action by reference, in the list, on its page and in the exports,
without seeing who owns, notes, signs or changes it."""
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from actions.models import Action, ProgressUpdate

S = Action.Status


@pytest.fixture
def named_everywhere(make_action, cast):
    """A01: owned by the owner, a progress note by the other officer, signed off by the board then
    reopened by the admin (the sign-off voided), marked completed again by the IG team: a cast name
    in each place an action names someone."""
    action = make_action("A01", status=S.COMPLETED, completion_date=date(2016, 12, 1), service="Legal Services",
                         agreed_action="Appoint a senior information risk owner.")
    action.sign_off(cast["board"], "Information Management Strategy Group", date(2017, 1, 12))
    action.reopen(cast["admin"], "The policy was never published.")
    action.status, action.completion_date, action._history_user = S.COMPLETED, date(2017, 2, 1), cast["igteam"]
    action.save()
    ProgressUpdate.objects.create(action=action, author=cast["other_officer"], note="Policy drafted.")
    return action


def names(cast):
    return [user.get_full_name() for key, user in cast.items() if user is not None and key != "committee"]


def raw(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def body(response) -> str:
    return raw(response).decode()


def test_staff_see_every_cast_name_on_the_action_page(named_everywhere, login, igteam, cast):
    # The check below means something only if the names are there to leak.
    page = login(igteam).get(f"/actions/{named_everywhere.pk}/").content.decode()
    assert [n for n in names(cast) if n not in page] == []


def test_committee_member_sees_the_action_page_without_names(named_everywhere, login, committee, cast):
    response = login(committee).get(f"/actions/{named_everywhere.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Action A01" in page and "Appoint a senior information risk owner." in page
    assert "Legal Services" in page and "Completed; awaiting sign-off by the board." in page
    assert [n for n in names(cast) if n in page] == []
    assert "Policy drafted." not in page and "History" not in page
    assert f"/actions/{named_everywhere.pk}/edit/" not in page


def test_committee_member_sees_the_list_by_service_with_no_choice_of_owner(named_everywhere, login, committee,
                                                                         cast):
    page = login(committee).get("/actions/list/").content.decode()
    assert ">A01<" in page and "Legal Services" in page
    assert [n for n in names(cast) if n in page] == []
    assert 'name="owner"' not in page and 'name="selected"' not in page


def test_committee_member_cannot_filter_or_sort_by_owner(named_everywhere, login, committee, owner):
    page = login(committee).get(f"/actions/list/?owner={owner.pk}").content.decode()
    assert "This list has no filter called “owner”" in page and ">A01<" not in page
    assert login(committee).get("/actions/list/?sort=owner").status_code == 200


def test_committee_member_exports_without_names(named_everywhere, login, committee, cast):
    csv = body(login(committee).get("/actions/list/export.csv"))
    header = csv.splitlines()[0]
    assert "Owner" not in header and "Evidence" not in header and "Service" in header
    assert "Legal Services" in csv and [n for n in names(cast) if n in csv] == []
    response = login(committee).get("/actions/list/export.xlsx")
    sheet = load_workbook(BytesIO(raw(response))).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "A01" in cells and "Owner" not in cells
    assert [n for n in names(cast) if any(n in c for c in cells)] == []


def test_staff_export_still_names_the_owner(named_everywhere, login, igteam):
    csv = body(login(igteam).get("/actions/list/export.csv"))
    assert "Owner" in csv.splitlines()[0] and "Olwen Ownerby" in csv

