"""Publishing freezes a report: what members saw (the page, the PDF, the spreadsheet) never changes when
the registers do; a correction is a new version that shows the new figures, and the old one stays
readable, marked as corrected.

The IG team publishes on the morning of meeting 3; changes made that afternoon fall within the
meeting day, so a draft (as at the end of the day) counts them and the published report does not."""
import hashlib

from django.urls import reverse

from actions.models import Action
from igov.committee.models import Report
from igov.committee.report import draft_content
from risks.models import Risk, RiskCategory
from tests.committee.conftest import (
    MEETING_3,
    article,
    correct_through_the_page,
    on,
    plan_table,
    publish_through_the_page,
    rows,
)

S = Action.Status
ICO = "ICO data protection audit"


def downloads(client, report):
    """The report as a reader gets it: the report itself from its page, the PDF and the XLSX."""
    return (article(client.get(reverse("committee:report", args=[report.pk]))),
            client.get(reverse("committee:report_pdf", args=[report.pk])).content,
            client.get(reverse("committee:report_xlsx", args=[report.pk])).content)


def test_registers_changed_after_publishing_leave_the_published_report_byte_for_byte_the_same(
        scenario, meetings, draft_for, igteam, login):
    ig, report = login(igteam), draft_for(meetings[2])
    with on(MEETING_3, 9):
        publish_through_the_page(ig, report)
        before = downloads(ig, report)
    with on(MEETING_3, 15):
        action = Action.objects.get(reference="I3")
        action.status, action.completion_date = S.COMPLETED, MEETING_3
        action.save()
        Risk.objects.create(reference="K7", title="Laptops stolen from cars", cause="If laptops are left in cars",
                            consequence="then personal data is lost", owner=scenario["K1"].owner,
                            category=RiskCategory.objects.get(name="Information security"), inherent_likelihood=4,
                            inherent_impact=4, residual_likelihood=4, residual_impact=4, target_likelihood=1,
                            target_impact=1, raised_on=MEETING_3)
    today = draft_content(Report(meeting=meetings[2]))["figures"]  # what a new draft says: the changes count
    assert (plan_table(today, ICO)["completed"][1], rows(today["risks"]["rows"])["open"][1]) == (3, 6)
    ig = login(igteam)  # back in the present, where the session used on the meeting day has long expired
    after = downloads(ig, report)
    assert after == before
    assert "Of the 6 actions, 2 have been completed, 3 are in progress" in after[0]
    pdf = after[1]
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == Report.objects.get(pk=report.pk).pdf_sha256
    assert hashlib.sha256(pdf).hexdigest() in ig.get(reverse("committee:report", args=[report.pk])).content.decode()


def test_a_correction_shows_the_new_figures_and_leaves_version_1_readable_and_marked_corrected(
        scenario, meetings, draft_for, igteam, committee, login):
    ig, report = login(igteam), draft_for(meetings[2])
    with on(MEETING_3, 9):
        publish_through_the_page(ig, report)
        published = downloads(ig, report)
    with on(MEETING_3, 15):
        action = Action.objects.get(reference="I3")
        action.status, action.completion_date = S.COMPLETED, MEETING_3
        action.save()

    ig = login(igteam)  # back in the present, where the session used on the meeting day has long expired
    correction = correct_through_the_page(ig, report, "I3 was completed on the day of the meeting.")
    assert (correction.edition, correction.is_published) == (2, False)
    draft = article(ig.get(reverse("committee:report", args=[correction.pk])))
    assert "Of the 6 actions, 3 have been completed, 2 are in progress and 0 are yet to be started" in draft
    assert "I3 was completed on the day of the meeting." in draft

    publish_through_the_page(ig, correction)
    assert plan_table(correction.content["figures"], ICO)["completed"] == (2, 3, 1)
    assert downloads(ig, report) == published
    member = login(committee)
    old = member.get(reverse("committee:report", args=[report.pk])).content.decode()
    assert "This version was corrected" in old
    assert reverse("committee:report", args=[correction.pk]) in old
    meeting_page = member.get(reverse("committee:meeting", args=[meetings[2].pk])).content.decode()
    assert reverse("committee:report", args=[report.pk]) in meeting_page
    assert reverse("committee:report", args=[correction.pk]) in meeting_page
    assert ">Superseded<" in meeting_page and ">Published<" in meeting_page


def test_an_action_reopened_after_publishing_still_counts_signed_off_in_the_published_report_not_in_a_new_draft(
        scenario, meetings, draft_for, igteam, board, login):
    ig, report = login(igteam), draft_for(meetings[2])
    with on(MEETING_3, 9):
        publish_through_the_page(ig, report)
    with on(MEETING_3, 15):
        action = Action.objects.get(reference="I1")
        action.reopen(board, "The evidence did not show the policy was approved.")

    ig = login(igteam)  # back in the present, where the session used on the meeting day has long expired
    published = Report.objects.get(pk=report.pk)
    assert plan_table(published.content["figures"], ICO)["signed_off"] == (2, 1, -1)
    assert "2 completed, of which 1 signed off by the board and 1 awaiting sign-off." in article(
        ig.get(reverse("committee:report", args=[report.pk])))

    correction = correct_through_the_page(ig, report, "I1 was reopened by the board.")
    draft = article(ig.get(reverse("committee:report", args=[correction.pk])))
    assert "1 completed, of which 0 signed off by the board and 1 awaiting sign-off." in draft
