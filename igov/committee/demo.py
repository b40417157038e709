"""Demo committee: the Audit and Procurement Committee's last three meetings, about three months
apart on the demo's dated history (240, 150 and 60 days before `today`), each hearing the
Information Management Strategy Update.

The latest is the meeting of the minute (committee-minutes.txt): its five resolutions are recorded
through Meeting.record_resolution, as the IG team records them in the app, then brought to the state
the demo shows today with the dated history of how they got there (actions.demo's story). The first
two meetings' reports are published, each the morning after its meeting; the latest meeting's report
is a draft, for the IG team to prepare and publish (with the movement since the meeting before).

Runs after the registers' demo modules, whose history the reports read. Idempotent: the meetings,
resolutions and reports are made once, when the committee has no meeting yet.
"""
import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from actions import demo as actions_demo
from actions.demo_text import RESOLUTIONS
from actions.models import Action
from igov.committee.models import Committee, Meeting, Report, Resolution
from igov.committee.report import publish

COMMITTEE = "Audit and Procurement Committee"
AGENDA_ITEM = "Information Management Strategy Update"
MEETING_DAYS_AGO = (240, 150, 60)
# Publishing renders the PDF through the site's root; the PDF stylesheet is one of its static files.
BASE_URL = "http://127.0.0.1:8000/"
AUTHOR = "Information Governance Manager"
# What officers changed on a resolution's action after it was recorded.
PROGRESS_FIELDS = ["status", "completion_date", "evidence", "revised_target_date", "revision_reason"]

# Each meeting's summary, in the order of MEETING_DAYS_AGO: words only, since the figures follow it.
SUMMARIES = [
    "The action plan agreed after the ICO's data protection audit continues to make progress, and the action "
    "plan from the IFC review of information governance has now been agreed with services. The information "
    "risk register is reviewed by the SIRO, and each information asset on the register should have an IAO. "
    "The appendix lists the actions that are overdue or of high priority, with the reason for any revised "
    "target date, the risks above the council's appetite and any data sharing agreement that has expired.",
    "Since the last meeting more actions in the ICO and IFC plans have been completed, and those completed "
    "are signed off by the Information Management Strategy Group (IMSG) on the evidence provided. The SIRO "
    "has continued the reviews of the information risk register, and IAOs are reviewing their assets. "
    "Members asked at the last meeting about data sharing agreements that had passed their expiry date: "
    "they are listed in the appendix, those for safeguarding first.",
    "The ICO is expected to make its follow-up visit in the coming months. Officers propose that the review "
    "of the Information Sharing Protocol (ISP) be superseded by individual data sharing agreements with "
    "partners. Recruitment of a permanent Records Manager is under way. Staff complete the revised data "
    "protection e-learning each year, and a targeted communications plan reminds those who have not. Actions "
    "from the IFC review continue; the SIRO reports the information risk approach to the IMSG.",
]


def seed(scale: int, today, stdout) -> None:
    committee, _ = Committee.objects.get_or_create(name=COMMITTEE)
    if committee.meetings.exists():
        stdout.write(f"committee: {committee.meetings.count()} meetings, "
                     f"{Report.objects.filter(meeting__committee=committee).count()} reports (0 new)")
        return
    people = actions_demo.demo_people()
    igteam = people["igteam"]
    meetings = [_meeting(committee, meeting_date(today, days), igteam) for days in MEETING_DAYS_AGO]
    _resolutions(committee, meetings[-1], today, people)
    for meeting, summary in zip(meetings, SUMMARIES, strict=True):
        report = _report(meeting, summary, igteam)
        if meeting is not meetings[-1]:
            # Its figures are as at the end of the meeting day: published any earlier, it would show
            # changes made after its own publication.
            publish(report, igteam, BASE_URL, when=_moment(meeting.date + timedelta(days=1), time(9, 30)))
    stdout.write(f"committee: {len(meetings)} meetings, {len(meetings) - 1} reports published and 1 draft, "
                 f"{meetings[-1].resolutions.count()} resolutions")


def meeting_date(today, days_ago: int):
    """`days_ago` before today, moved back to the Friday when it falls at a weekend."""
    day = today - timedelta(days=days_ago)
    return day - timedelta(days=max(0, day.weekday() - 4))


def _moment(day, at=time(10)) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _meeting(committee: Committee, day, igteam) -> Meeting:
    meeting = Meeting(committee=committee, date=day, agenda_item=AGENDA_ITEM)
    meeting._history_user, meeting._history_date = igteam, _moment(day - timedelta(days=42))
    meeting.save()
    return meeting


def _resolutions(committee: Committee, meeting: Meeting, today, people) -> None:
    """The minute's resolutions, recorded at `meeting` as the app records them, in the resolutions
    plan the actions demo has always shown (adopted, with the actions of a demo loaded before the
    committee was, which are linked rather than made again)."""
    igteam = people["igteam"]
    plan = actions_demo.resolutions_plan(meeting.date, people)
    committee.resolutions_plan = plan
    committee._history_user = igteam
    committee.save()
    numbers = {f"R{n}": n for n in range(1, len(RESOLUTIONS) + 1)}
    earlier = plan.actions.filter(reference__in=numbers, resolution__isnull=True)
    if earlier:
        Resolution.objects.bulk_create([Resolution(meeting=meeting, number=numbers[a.reference], action=a)
                                        for a in earlier])
        return
    rng = random.Random(5)
    recorded = []
    for wanted in actions_demo.resolution_actions(meeting.date, today, people, rng):
        action = meeting.record_resolution(
            wanted.recommendation, wanted.agreed_action, wanted.owner, wanted.original_target_date, by=igteam,
            scope_area=wanted.scope_area, unit=wanted.unit).action
        for field in PROGRESS_FIELDS:
            setattr(action, field, getattr(wanted, field))
        recorded.append(action)
    # What happened to each since the meeting, as the dated story of its steps: the story replaces
    # the one history row recording it just now (its first step is that recording, at the meeting).
    reason = recorded[0]._change_reason
    Action.history.filter(id__in=[a.pk for a in recorded]).delete()
    for action in recorded:
        action.version = len(actions_demo.story(action, meeting.date, today))
    Action.objects.bulk_update(recorded, [*PROGRESS_FIELDS, "version"])
    actions_demo.replay(recorded, meeting.date, today, people, sign_off_share=0.5, rng=rng, reason=reason)



def _report(meeting: Meeting, summary: str, igteam) -> Report:
    """The IG team's report to the meeting, started three weeks before it."""
    report = Report(meeting=meeting, created_by=igteam, report_of="Executive Director of Resources",
                    author=AUTHOR, summary=summary,
                    recommendation="The committee is recommended to note the progress set out in this report and "
                                   "its appendices, and to comment on the exceptions listed in the appendix.")
    report._history_user, report._history_date = igteam, _moment(meeting.date - timedelta(days=21))
    report.save()
    return report
