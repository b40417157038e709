"""The HR import's preview lists the leavers in the file who still hold records, with a link to hand
them over, in a constant number of queries however many leavers there are."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from igov.accounts import roles
from tests.accounts.holdings import holdings
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
HEADER = "Staff number,First name,Last name,Email,Directorate,Service,Start date,Leaving date\r\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def hr_file(*lines):
    return SimpleUploadedFile("hr.csv", (HEADER + "".join(f"{line}\r\n" for line in lines)).encode())


def preview(client, *lines):
    return client.post(reverse("training:import"), {"kind": "staff", "file": hr_file(*lines)})


def test_the_preview_lists_leavers_still_holding_records_with_a_link_to_hand_them_over(login, igteam, media,
                                                                                        other_officer):
    leaver = make_user("leaver", roles.IG_TEAM, "Lena", "Leaver")
    holdings(leaver, other_officer)
    make_user("quiet", roles.OFFICER, "Quentin", "Quiet")  # leaves holding nothing
    response = preview(login(igteam),
                       "E1,Lena,Leaver,LEAVER@example.gov.uk,Resources,Finance,01/01/2020,30/11/2026",
                       "E2,Quentin,Quiet,quiet@example.gov.uk,Resources,Finance,01/01/2020,30/11/2026",
                       "E3,Otto,Otherton,other@example.gov.uk,Resources,Finance,01/01/2020,")
    page = response.content.decode()
    assert "2 leavers in this file" in page
    assert reverse("people:hand_over", args=[leaver.pk]) in page
    lena, quentin = response.context["result"].leavers
    assert (lena["name"], lena["holds"], lena["user"]) == (
        "E1 Lena Leaver", "2 actions, 1 plan led, 1 risk, 3 assets, 1 agreement led", leaver.pk)
    assert (quentin["name"], quentin["holds"], quentin["user"]) == ("E2 Quentin Quiet", "", None)
    assert "Otto Otherton" not in page.split('id="leavers"')[1].split("</table>")[0]


def test_the_leavers_cost_the_same_queries_however_many_there_are(login, igteam, media, other_officer):
    client = login(igteam)

    def queries_for(count):
        lines = []
        for n in range(count):
            person = make_user(f"leaver{count}x{n}", roles.IG_TEAM, "Lena", f"Leaver{n}")
            holdings(person, other_officer, tag=f"{count}-{n}")
            lines.append(f"L{count}X{n},Lena,Leaver{n},{person.email},Resources,Finance,01/01/2020,30/11/2026")
        with CaptureQueriesContext(connection) as queries:
            response = preview(client, *lines)
        assert sum(1 for leaver in response.context["result"].leavers if leaver["user"]) == count
        return len(queries)

    assert queries_for(10) == queries_for(1)
