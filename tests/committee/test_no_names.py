"""Committee members read aggregates, never named staff: the report to meeting 3 (published by the IG
team) has overdue actions, risks and assets owned by the cast's officers, a sign-off and a reopening
by the board, and staff still to complete their training, yet no one's name reaches a member in the
page, the PDF or the spreadsheet; nor on their home page, which shows the latest published report
and the position today."""
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.committee.conftest import MEETING_3, STAFF_NAMES, on, plan_table, publish_through_the_page


@pytest.fixture
def names(cast):
    """A pattern matching any word of the name of a member of staff in the scenario: the cast's
    officers, the IG team (who publish), the board, the administrator and the staff in the training
    figures (but not the member reading, whose own name the page header greets them with)."""
    people = [(u.first_name, u.last_name) for role, u in cast.items() if u is not None and role != "committee"]
    words = sorted({word for name in [*people, *STAFF_NAMES] for word in name})
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")


@pytest.fixture
def published(scenario, meetings, draft_for, igteam, login):
    report = draft_for(meetings[2])
    with on(MEETING_3, 9):
        publish_through_the_page(login(igteam), report)
    return report


def test_a_member_reads_no_names_in_the_report_page_pdf_or_spreadsheet(published, igteam, committee, login, names):
    # The IG team's page says who published it: the check below would catch a name.
    assert names.search(login(igteam).get(reverse("committee:report", args=[published.pk])).content.decode())
    member = login(committee)
    page = member.get(reverse("committee:report", args=[published.pk])).content.decode()
    assert "Appendix A" in page and "Legal and Governance" in page  # the overdue actions, by service
    assert names.findall(page) == []

    pdf = PdfReader(BytesIO(member.get(reverse("committee:report_pdf", args=[published.pk])).content))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())  # table cells wrap
    assert "Legal and Governance" in text
    assert names.findall(text) == []

    workbook = load_workbook(BytesIO(member.get(reverse("committee:report_xlsx", args=[published.pk])).content))
    cells = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row
             if value is not None]
    assert "I4" in cells  # the exceptions are there
    assert [cell for cell in cells if names.search(cell)] == []


def test_a_members_home_page_is_the_latest_published_report_and_the_position_today_without_names(
        published, committee, login, names):
    response = login(committee).get(reverse("front:dashboard"))
    home = response.content.decode()
    assert reverse("committee:report", args=[published.pk]) in home
    assert reverse("committee:report_pdf", args=[published.pk]) in home
    assert "The position today, and the movement since the meeting on 22 January 2026" in home
    # Since the meeting I5 was completed and I7 added (its target, 30 June 2026, now passed).
    assert plan_table(response.context["figures"], "ICO data protection audit") == {
        "completed": (2, 3, 1), "in_progress": (3, 2, -1), "not_started": (0, 1, 1), "superseded": (1, 1, 0),
        "total": (6, 7, 1), "overdue": (2, 3, 1), "signed_off": (1, 1, 0),
        "withdrawn": (0, 0, 0), "added": (0, 0, 0)}
    assert names.findall(home) == []
