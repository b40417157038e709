"""The IG team records a committee's meetings; each report's movement is measured from the committee's
previous meeting. A meeting date igov cannot report on (a mistyped year) gets a message, in the app
and in the admin, instead of reports that fail for that meeting and every one after it. The pages
listing meetings' reports and a report's versions cost the same however many there are."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from igov.committee.models import Committee, Meeting, Report
from tests.budget import count_queries
from tests.committee.conftest import publish_with_a_stand_in_pdf


def meeting_form(day, month, year, committee="Audit and Procurement Committee"):
    return {"committee_name": committee, "date_day": day, "date_month": month, "date_year": year,
            "agenda_item": "Information Management Strategy Update"}


def test_the_ig_team_records_meetings_and_each_knows_the_one_before(igteam, login):
    client = login(igteam)
    for day, month in (("25", "7"), ("24", "10")):
        response = client.post(reverse("committee:meeting_add"), meeting_form(day, month, "2016"))
        assert response.status_code == 302
    july, october = Meeting.objects.order_by("date")
    assert Committee.objects.get().name == "Audit and Procurement Committee"
    assert (october.previous(), july.previous()) == (july, None)
    page = client.get(october.get_absolute_url()).content.decode()
    assert "25 July 2016" in page and july.get_absolute_url() in page


@pytest.mark.parametrize("year", ["0001", "1899", "9999"])
def test_a_meeting_date_igov_cannot_report_on_gets_a_message(igteam, login, year):
    response = login(igteam).post(reverse("committee:meeting_add"), meeting_form("1", "1", year))
    assert response.status_code == 200
    errors = response.context["form"].errors["date"]
    assert errors and errors[0] in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_up_to_the_end_of_next_year_can_be_recorded_ahead(igteam, login):
    year = timezone.localdate().year + 1
    response = login(igteam).post(reverse("committee:meeting_add"), meeting_form("31", "12", str(year)))
    assert response.status_code == 302
    assert Meeting.objects.get().date == date(year, 12, 31)


def test_the_admin_refuses_the_same_dates(admin_user, login):
    committee = Committee.objects.create(name="Audit and Procurement Committee")
    response = login(admin_user).post(reverse("admin:committee_meeting_add"), {
        "committee": committee.pk, "date": "0001-01-01", "agenda_item": "Information Management Strategy Update",
        "resolutions-TOTAL_FORMS": "0", "resolutions-INITIAL_FORMS": "0", "resolutions-MIN_NUM_FORMS": "0",
        "resolutions-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"]
    assert not Meeting.objects.exists()


def test_a_report_after_a_wrongly_dated_meeting_still_opens(igteam, login):
    """Had a year-1 meeting been recorded, every later report would measure movement from it."""
    client = login(igteam)
    client.post(reverse("committee:meeting_add"), meeting_form("1", "1", "0001"))
    client.post(reverse("committee:meeting_add"), meeting_form("24", "10", "2016"))
    meeting = Meeting.objects.get()
    client.post(reverse("committee:report_start", args=[meeting.pk]))
    assert client.get(reverse("committee:report", args=[meeting.reports.get().pk])).status_code == 200


def test_the_meetings_page_lists_each_report_with_its_status_at_a_fixed_cost(igteam, committee, login,
                                                                            django_assert_max_num_queries):
    """Two meetings, then six, each with a published report (the last corrected): the page costs the
    same, and members see which version was corrected."""
    committee_ = Committee.objects.create(name="Audit and Procurement Committee")

    def meetings(months):
        for month in months:
            meeting = Meeting.objects.create(committee=committee_, date=date(2025, month, 1))
            report = publish_with_a_stand_in_pdf(Report.objects.create(meeting=meeting, author="IG"), igteam)
        correction = report.correct(igteam, "A figure was wrong.")
        return publish_with_a_stand_in_pdf(correction, igteam)

    meetings([1, 2])
    client, url = login(committee), reverse("committee:index")
    few = count_queries(client, url)
    meetings([3, 4, 5, 6])
    with django_assert_max_num_queries(few):
        page = client.get(url).content.decode()
    assert page.count(">Published<") == 6 and page.count(">Superseded<") == 2


def test_a_report_lists_its_versions_at_a_fixed_cost(igteam, committee, login, django_assert_max_num_queries):
    meeting = Meeting.objects.create(committee=Committee.objects.create(name="Audit and Procurement Committee"),
                                     date=date(2025, 7, 24))
    report = publish_with_a_stand_in_pdf(Report.objects.create(meeting=meeting, author="IG"), igteam)

    def correct(times):
        nonlocal report
        for _ in range(times):
            report = publish_with_a_stand_in_pdf(report.correct(igteam, "A figure was wrong."), igteam)

    correct(1)
    client = login(committee)
    few = count_queries(client, reverse("committee:report", args=[report.pk]))
    correct(4)
    with django_assert_max_num_queries(few):
        page = client.get(reverse("committee:report", args=[report.pk])).content.decode()
    assert "<strong>6 (published)</strong>" in page and page.count("(superseded)</a>") == 5
