"""The demo committee: three past meetings about three months apart, the minute's five resolutions
recorded at the latest, the first two reports published the morning after their meeting and the
latest a draft; idempotent."""
import hashlib
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from actions.demo_text import RESOLUTIONS
from actions.models import Action, ActionPlan, SignOff
from igov.committee.demo import meeting_date
from igov.committee.models import Committee, Meeting, Report, Resolution
from igov.lib.dates import end_of


def seed(**options):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"), **options)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for this module (publishing renders PDFs) and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield timezone.localdate()
        transaction.set_rollback(True)


@pytest.fixture
def today(demo, db):
    return demo


def meetings():
    return list(Meeting.objects.filter(committee__name="Audit and Procurement Committee").order_by("date"))


def test_the_committee_met_three_times_about_three_months_apart_in_the_past(today):
    dates = [m.date for m in meetings()]
    assert len(dates) == 3 and dates[-1] < today
    assert [(today - d).days for d in dates] == pytest.approx([240, 150, 60], abs=2)
    assert all(d.weekday() < 5 for d in dates)
    assert {m.agenda_item for m in meetings()} == {"Information Management Strategy Update"}


def test_a_meeting_at_a_weekend_moves_to_the_friday_before():
    assert meeting_date(date(2026, 12, 2), 3) == date(2026, 11, 27)  # a Sunday
    assert meeting_date(date(2026, 12, 2), 5) == date(2026, 11, 27)  # the Friday itself
    assert meeting_date(date(2026, 12, 2), 2) == date(2026, 11, 30)  # a Monday


def test_the_five_resolutions_of_the_latest_meeting_are_the_actions_of_the_resolutions_plan(today):
    latest = meetings()[-1]
    plan = Committee.objects.get(name="Audit and Procurement Committee").resolutions_plan
    assert plan.source_kind == ActionPlan.SourceKind.COMMITTEE_RESOLUTION
    assert ActionPlan.objects.filter(source_kind=ActionPlan.SourceKind.COMMITTEE_RESOLUTION).get() == plan
    resolutions = list(Resolution.objects.select_related("action").order_by("number"))
    assert [(r.meeting, r.number, r.action.reference, r.action.plan_id) for r in resolutions] == [
        (latest, n, f"R{n}", plan.pk) for n in range(1, 6)]
    assert plan.actions.count() == 5
    assert [r.action.recommendation for r in resolutions] == [text for _scope, text, _agreed, _status in RESOLUTIONS]


def test_each_resolution_has_an_agreed_action_that_reads_as_one(today):
    agreed = dict(Action.objects.filter(plan__source_kind="committee_resolution")
                  .values_list("reference", "agreed_action"))
    assert agreed["R4"] == ("Include a glossary of terms and acronyms in every Information Management Strategy "
                            "report to the Committee.")
    for text in agreed.values():
        assert " will the " not in text and " be noted" not in text and "be requested" not in text
        assert text[0].isupper() and text.endswith(".")


def test_the_resolutions_have_moved_on_since_the_meeting_with_a_history_dated_from_it(today):
    latest = meetings()[-1]
    actions = {a.reference: a for a in Action.objects.filter(resolution__meeting=latest).select_related("owner")}
    assert {ref: a.status for ref, a in actions.items()} == {
        f"R{n}": status for n, (_scope, _text, _agreed, status) in enumerate(RESOLUTIONS, start=1)}
    assert (actions["R5"].owner.username, actions["R5"].unit.name) == ("mfielding", "Children and Families")
    assert {a.owner.username for ref, a in actions.items() if ref != "R5"} == {"igteam"}
    for action in actions.values():
        history = list(action.history.order_by("history_date"))
        assert action.version == len(history)
        assert history[0].history_date.date() == latest.date and history[0].history_type == "+"
        assert history[0].history_change_reason.startswith("Resolved by the Audit and Procurement Committee on")
        assert history[-1].history_date <= timezone.now()
        assert history[-1].status == action.status
    plan = latest.committee.resolutions_plan
    at_meeting = Action.status_counts_as_at(end_of(latest.date), plan=plan)
    assert (at_meeting.total, at_meeting.not_started) == (5, 5)
    assert Action.status_counts_as_at(end_of(latest.date - timedelta(days=1)), plan=plan).total == 0
    assert SignOff.objects.filter(action__resolution__meeting=latest, signed_on__lt=latest.date).count() == 0


def test_the_first_two_reports_are_published_the_morning_after_their_meeting(today):
    first, second, _latest = meetings()
    for meeting in (first, second):
        report = meeting.reports.get()
        assert report.is_published and report.status == "Published"
        assert timezone.localtime(report.published_at).date() == meeting.date + timedelta(days=1)
        assert report.history.latest("history_date").history_date == report.published_at
        assert report.published_by.username == "igteam"
        assert bytes(report.pdf).startswith(b"%PDF") and bytes(report.xlsx).startswith(b"PK")
        assert hashlib.sha256(bytes(report.pdf)).hexdigest() == report.pdf_sha256
        narrative = report.content["narrative"]
        assert narrative["report_of"] == "Executive Director of Resources"
        assert narrative["recommendation"].startswith("The committee is recommended to note")
        assert {"ICO", "IFC", "SIRO"} <= set(report.content["glossary"])
    assert first.reports.get().content["figures"]["since"] is None
    assert second.reports.get().content["figures"]["since"] == first.date.isoformat()


def test_the_latest_meetings_report_is_a_draft_started_before_it(today):
    latest = meetings()[-1]
    draft = latest.reports.get()
    assert not draft.is_published and draft.pdf is None
    assert draft.history.earliest("history_date").history_date.date() < latest.date
    assert Report.objects.published().count() == 2 and Report.objects.drafts().count() == 1


def test_the_reports_name_no_member_of_staff(today):
    names = {u.get_full_name() for u in User.objects.exclude(first_name="")}
    for report in Report.objects.all():
        assert report.author == "Information Governance Manager"
        text = report.html + report.summary + report.author
        assert not [name for name in names if name in text]


def test_seeding_again_creates_nothing_new(today):
    models = (Committee, Meeting, Report, Resolution, ActionPlan, Action, SignOff)
    before = [m.objects.count() for m in models] + [Action.history.count(), Report.history.count()]
    hashes = list(Report.objects.published().values_list("pdf_sha256", flat=True))
    seed()
    assert [m.objects.count() for m in models] + [Action.history.count(), Report.history.count()] == before
    assert list(Report.objects.published().values_list("pdf_sha256", flat=True)) == hashes
