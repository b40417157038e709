"""A draft is the IG team's alone: the board and committee members cannot find it, nor download it;
only the IG team edits it. A published report is never changed: not through its pages, not by
saving the model, not in the admin, and it is never deleted."""
from datetime import date

import pytest
from django.urls import reverse

from igov.committee.models import Committee, Meeting, PublishedReportError, Report
from tests.committee.conftest import publish_with_a_stand_in_pdf


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(committee=Committee.objects.create(name="Audit and Procurement Committee"),
                                  date=date(2026, 7, 23))


@pytest.fixture
def draft(meeting, igteam):
    return Report.objects.create(meeting=meeting, created_by=igteam, author="Information Governance Manager",
                                 summary="Draft words.")


@pytest.fixture
def published(igteam):
    meeting = Meeting.objects.create(committee=Committee.objects.create(name="Cabinet"), date=date(2026, 4, 23))
    report = Report.objects.create(meeting=meeting, created_by=igteam, author="Information Governance Manager",
                                   summary="What members were told.")
    return publish_with_a_stand_in_pdf(report, igteam)


def urls(report):
    return [reverse(name, args=[report.pk]) for name in ("committee:report", "committee:report_pdf",
                                                         "committee:report_xlsx")]


def test_board_and_committee_members_cannot_find_a_draft_or_download_it(draft, board, committee, login):
    for person in (board, committee):
        client = login(person)
        assert [client.get(url).status_code for url in urls(draft)] == [404, 404, 404]


def test_board_and_committee_members_do_not_see_a_draft_listed(draft, board, committee, login):
    for person in (board, committee):
        for url in (reverse("committee:index"), reverse("committee:meeting", args=[draft.meeting.pk])):
            assert reverse("committee:report", args=[draft.pk]) not in login(person).get(url).content.decode()


def test_the_ig_team_reads_and_downloads_the_draft_spreadsheet(draft, igteam, login):
    client = login(igteam)
    assert client.get(urls(draft)[0]).status_code == 200
    response = client.get(urls(draft)[2])
    assert response.status_code == 200 and "DRAFT" in response["Content-Disposition"]


def test_only_the_ig_team_can_edit_a_draft(draft, owner, board, committee, igteam, login):
    edit = reverse("committee:report_edit", args=[draft.pk])
    for person in (owner, board, committee):
        client = login(person)
        assert client.get(edit).status_code == 403
        assert client.post(edit, {"summary": "Changed.", "seen_version": draft.version}).status_code == 403
    assert Report.objects.get(pk=draft.pk).summary == "Draft words."
    assert login(igteam).get(edit).status_code == 200


def test_only_the_ig_team_can_publish_a_draft(draft, board, committee, login):
    publish = reverse("committee:report_publish", args=[draft.pk])
    for person in (board, committee):
        assert login(person).post(publish, {"seen_version": draft.version}).status_code == 403
    assert not Report.objects.get(pk=draft.pk).is_published


def test_a_published_reports_edit_page_is_forbidden_even_to_the_ig_team(published, igteam, login):
    client = login(igteam)
    url = reverse("committee:report_edit", args=[published.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"summary": "Rewritten.", "seen_version": published.version}).status_code == 403
    assert Report.objects.get(pk=published.pk).summary == "What members were told."


def test_publishing_a_report_someone_has_just_published_says_so_and_changes_nothing(published, igteam, login):
    """The IG team member who opened the publish page second is told, not shown an error page."""
    client = login(igteam)
    url = reverse("committee:report_publish", args=[published.pk])
    before = Report.objects.filter(pk=published.pk).values().get()
    response = client.post(url, {"seen_version": published.version})
    page = response.content.decode()
    assert "govuk-error-summary" in page and "This report was published on" in page
    assert "Publish the report</button>" not in page
    assert Report.objects.filter(pk=published.pk).values().get() == before


def test_saving_or_deleting_a_published_report_raises(published):
    published.summary = "Rewritten."
    with pytest.raises(PublishedReportError):
        published.save()
    with pytest.raises(PublishedReportError):
        published.delete()
    assert Report.objects.get(pk=published.pk).summary == "What members were told."


def test_the_admin_shows_a_published_report_but_a_post_changes_nothing(published, admin_user, login):
    client = login(admin_user)
    change = reverse("admin:committee_report_change", args=[published.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    before = Report.objects.filter(pk=published.pk).values().get()
    response = client.post(change, {"report_of": "Someone else", "author": "Someone else", "purpose": "New.",
                                    "recommendation": "New.", "summary": "Rewritten.",
                                    "seen_version": published.version, "_save": "Save"})
    assert response.status_code == 403
    assert Report.objects.filter(pk=published.pk).values().get() == before


def test_the_admin_cannot_delete_a_published_report(published, admin_user, login):
    client = login(admin_user)
    delete = reverse("admin:committee_report_delete", args=[published.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = client.post(reverse("admin:committee_report_changelist"),
                             {"action": "delete_selected", "_selected_action": [published.pk]})
    assert changelist.status_code in (200, 302)
    assert Report.objects.filter(pk=published.pk).exists()
