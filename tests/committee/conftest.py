"""A committee and its registers over a dated year: three meetings about three months apart, with
changes to every register before the first, between the meetings and after the last (made on those
days with time-machine, so the history is dated as it would be). The expected figures in the tests
are worked out by hand from the story told in `scenario`'s docstring, never read from the output.
"""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionPlan
from assets.models import DataSharingAgreement, InformationAsset
from igov.committee.models import Committee, Meeting, Report
from igov.committee.report import draft_content, report_html, report_xlsx
from risks.models import Risk, RiskCategory, risk_record_review
from tests.units import unit_for
from training.models import Completion, Course, StaffMember

LONDON = ZoneInfo("Europe/London")
S, P = Action.Status, Action.Priority
G = DataSharingAgreement.Status

MEETING_1, MEETING_2, MEETING_3 = date(2025, 7, 24), date(2025, 10, 23), date(2026, 1, 22)
BEFORE_1, BETWEEN_1_2, BETWEEN_2_3, AFTER_3 = date(2025, 6, 2), date(2025, 9, 1), date(2025, 12, 1), date(2026, 3, 2)

# Staff who appear only in the training figures, named so that a leak would be unmistakable.
STAFF_NAMES = [("Prudence", "Quillfeather"), ("Horatio", "Pennywhistle"), ("Ottilie", "Brackenbury"),
               ("Leopold", "Fairweather"), ("Clementine", "Ashgrove"), ("Bartholomew", "Thistlewood"),
               ("Wilhelmina", "Cobblestone"), ("Ebenezer", "Marchbanks"), ("Seraphina", "Holloway"),
               ("Montgomery", "Featherstonehaugh"), ("Philippa", "Wolstenholme")]


def on(day: date, hour: int = 10):
    """Travel to `hour` o'clock on `day` in the council's time zone (the clock keeps ticking, so two
    saves of one record never share a moment)."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=LONDON))


def rows(table: list[dict]) -> dict:
    """A register table of a report as {key (or label): (previous meeting, this meeting, change)}."""
    return {r.get("key", r["label"]): (r["before"], r["now"], r["change"]) for r in table}


def plan_table(figures: dict, title: str) -> dict:
    """A plan's table with its "of which signed off" line as the key "signed_off"."""
    plan = next(p for p in figures["actions"]["plans"] if p["title"] == title)
    table = rows(plan["rows"])
    signed = plan["rows"][0]["of_which"]
    table["signed_off"] = (signed["before"], signed["now"], signed["change"])
    return table


def article(response) -> str:
    """The report itself from a report page: what members read (the page around it has links and
    notices that rightly change)."""
    html = response.content.decode()
    start, end = html.index('<article class="igov-report"'), html.index("</article>") + len("</article>")
    return html[start:end]


def publish_through_the_page(client, report: Report):
    """What the IG team does: opens the publish page, then confirms with the version it showed."""
    page = client.get(reverse("committee:report_publish", args=[report.pk]))
    assert page.status_code == 200
    response = client.post(reverse("committee:report_publish", args=[report.pk]),
                           {"seen_version": page.context["form"].initial["seen_version"]})
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.is_published
    return report


def publish_with_a_stand_in_pdf(report: Report, by) -> Report:
    """Publishes as igov.committee.report.publish does, with stand-in PDF bytes, for tests about who
    may read or change a published report rather than about its PDF (rendering one takes seconds)."""
    content = draft_content(report)
    report.freeze(by, timezone.now(), content, report_html(content), b"%PDF-1.7 stand-in", report_xlsx(content))
    return Report.objects.get(pk=report.pk)


def correct_through_the_page(client, report: Report, reason: str) -> Report:
    response = client.post(reverse("committee:report_correct", args=[report.pk]), {"reason": reason})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.get(supersedes=report)


def _action(plan, reference, owner, **fields):
    fields.setdefault("recommendation", f"Recommendation {reference}, as the auditor wrote it.")
    fields.setdefault("unit", unit_for("Chief Executive's Office", fields.pop("service", "Legal and Governance")))
    return Action.objects.create(plan=plan, reference=reference, owner=owner, **fields)


def _risk(reference, owner, category, residual, **fields):
    return Risk.objects.create(
        reference=reference, title=f"Risk {reference}", cause="If the control fails", consequence="then data is lost",
        category=RiskCategory.objects.get(name=category), owner=owner, inherent_likelihood=5, inherent_impact=5,
        residual_likelihood=residual[0], residual_impact=residual[1], target_likelihood=1, target_impact=1,
        **fields)


def _review(risk, on_day, residual, reviewer):
    risk.refresh_from_db()
    risk_record_review(risk, reviewer=reviewer, reviewed_on=on_day, note="Reviewed at the quarterly check.",
                       residual_likelihood=residual[0], residual_impact=residual[1], next_review_on=None,
                       seen_version=risk.version)


def _asset(reference, owner, last_reviewed):
    return InformationAsset.objects.create(reference=reference, name=f"Asset {reference}", owner=owner,
                                           unit=unit_for("Resources", "Revenues"), last_reviewed=last_reviewed)


def _agreement(reference, **fields):
    fields.setdefault("purpose", "Sharing to protect people")
    return DataSharingAgreement.objects.create(reference=reference, title=f"Agreement {reference}", **fields)


def _save(record, **changes):
    record.refresh_from_db()
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()
    return record


def make_meetings() -> list[Meeting]:
    """The Audit and Procurement Committee's three meetings."""
    committee = Committee.objects.create(name="Audit and Procurement Committee")
    return [Meeting.objects.create(committee=committee, date=day) for day in (MEETING_1, MEETING_2, MEETING_3)]


@pytest.fixture
def meetings(db):
    return make_meetings()


@pytest.fixture
def scenario(meetings, owner, other_officer, board):
    return build_scenario(owner, other_officer, board)


def build_scenario(owner, other_officer, board) -> dict:
    """Every register changed on four dates (owners: the cast's officers; sign-offs by the board).

    Action plans. "ICO data protection audit" (plan ICO) and "Internal audit of records management"
    (plan IA). Before meeting 1 (2 June 2025): I1 in progress, target 1 July 2025, high priority;
    I2 not started, target 31 December 2025; I3 not started, target 30 September 2025; I4 completed
    on 30 May and signed off; I5 in progress, target 1 October 2025, high priority; B1 not started,
    target 31 August 2025; B2 in progress, target 31 March 2026.
    Between 1 and 2 (1 September): I1 completed and signed off; I3 in progress; I5's target revised
    to 31 January 2026 with a reason; I6 added, superseded; B1 completed (not signed off); B3 added,
    not started, target 1 October 2025.
    Between 2 and 3 (1 December): I2 completed; the board reopens I4 (its sign-off voided); B3 in
    progress; B2 superseded.
    After 3 (2 March 2026): I5 and B3 completed; I7 added.

    Risks (appetite: information security 4, data sharing, records management and data quality 10,
    digital innovation 12; bands Low 1–4, Medium 5–10, High 12–16, Very high 20–25; quarterly
    reviews). Before 1: K1 information security 4×3, K2 data sharing 3×3, K4 digital innovation
    4×4, all reviewed 2 June; K3 records management 2×2, last reviewed 1 March 2025.
    Between 1 and 2: K3 reviewed (2×2); K5 data quality 4×5 raised, reviewed that day; K2 closed.
    Between 2 and 3: K1 reviewed down to 2×2; K4 reviewed (4×4); K6 information security 3×3 raised,
    never reviewed, its next review set for 15 January 2026.
    After 3: K5 closed.

    Information assets (annual review; a never-reviewed asset's first review falls due a year after it was
    added, so S3 and S5 are never overdue at a meeting). Before 1: S1 owned, reviewed 1 May 2025; S2 no owner,
    reviewed 1 June 2024; S3 owned, never reviewed. Between 1 and 2: S2 given an owner and
    reviewed; S4 added without an owner, reviewed 1 August 2025. Between 2 and 3: S3 reviewed; S1's
    owner removed; S5 added, owned, never reviewed.

    Agreements. Before 1: G1 safeguarding, active, from 1 August 2023 for 24 months (expires 1
    August 2025), never reviewed; G2 active, from 1 February 2025 for 36 months; G3 safeguarding,
    draft. Between 1 and 2: G3 awaiting signature; G4 added, active, ends 30 September 2025,
    reviewed 1 June 2025. Between 2 and 3: G4 marked expired; G3 signed, active from 1 December
    2025; G5 added, terminated.

    Training: "Data protection (annual)", launched 1 June 2025, renewed every 12 months, 30 days'
    grace. Eleven staff: the first eight (and the last two) started in 2020; the ninth starts on 10
    October 2025. Completions: 10 June, 1 July, 20 July, 15 September, 1 October, 15 December 2025,
    1 February 2026 (the first seven staff, in turn); the ninth on 10 January 2026; the eighth never.
    The tenth leaves on 30 November 2025 (the change is recorded on 1 December); the eleventh is
    exempted on 1 December 2025. After 3, a new course "Data protection (2026 refresh)" is set up to
    launch on 1 April 2026.
    """
    made = {}
    with on(BEFORE_1):
        ico = ActionPlan.objects.create(title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
                                        issuing_body="Information Commissioner’s Office", report_date=date(2025, 3, 1),
                                        agreed_on=date(2025, 4, 1))
        ia = ActionPlan.objects.create(title="Internal audit of records management",
                                       source_kind=ActionPlan.SourceKind.INTERNAL_AUDIT, issuing_body="Internal Audit",
                                       report_date=date(2025, 3, 1), agreed_on=date(2025, 4, 1))
        made.update(ico=ico, ia=ia)
        made["I1"] = _action(ico, "I1", owner, status=S.IN_PROGRESS, original_target_date=date(2025, 7, 1),
                             priority=P.HIGH)
        made["I2"] = _action(ico, "I2", owner, original_target_date=date(2025, 12, 31))
        made["I3"] = _action(ico, "I3", other_officer, original_target_date=date(2025, 9, 30))
        made["I4"] = _action(ico, "I4", owner, status=S.COMPLETED, completion_date=date(2025, 5, 30),
                             original_target_date=date(2025, 6, 30))
        made["I4"].sign_off(board, "Information Management Strategy Group", BEFORE_1)
        made["I5"] = _action(ico, "I5", other_officer, status=S.IN_PROGRESS, original_target_date=date(2025, 10, 1),
                             priority=P.HIGH, service="Children’s Social Care")
        made["B1"] = _action(ia, "B1", owner, original_target_date=date(2025, 8, 31))
        made["B2"] = _action(ia, "B2", other_officer, status=S.IN_PROGRESS, original_target_date=date(2026, 3, 31))

        made["K1"] = _risk("K1", owner, "Information security", (4, 3), raised_on=BEFORE_1, last_reviewed=BEFORE_1)
        made["K2"] = _risk("K2", owner, "Data sharing", (3, 3), raised_on=BEFORE_1, last_reviewed=BEFORE_1)
        made["K3"] = _risk("K3", other_officer, "Records management", (2, 2), raised_on=date(2025, 1, 6),
                           last_reviewed=date(2025, 3, 1))
        made["K4"] = _risk("K4", other_officer, "Digital innovation", (4, 4), raised_on=BEFORE_1,
                           last_reviewed=BEFORE_1)

        made["S1"] = _asset("S1", owner, date(2025, 5, 1))
        made["S2"] = _asset("S2", None, date(2024, 6, 1))
        made["S3"] = _asset("S3", other_officer, None)

        made["G1"] = _agreement("G1", safeguarding=True, status=G.ACTIVE, signed_on=date(2023, 7, 1),
                                starts_on=date(2023, 8, 1), term_months=24, lead_officer=owner)
        made["G2"] = _agreement("G2", status=G.ACTIVE, signed_on=date(2025, 1, 10), starts_on=date(2025, 2, 1))
        made["G3"] = _agreement("G3", safeguarding=True, status=G.DRAFT)

        course = Course.objects.create(code="DP-ANNUAL", name="Data protection (annual)", renewal_months=12,
                                       launch_date=date(2025, 6, 1), grace_days=30, target_percent=95)
        staff = [StaffMember.objects.create(
            staff_number=f"E{n:03}", first_name=first, last_name=last, unit=unit_for("Resources", "Finance"),
            start_date=date(2025, 10, 10) if n == 9 else date(2020, 1, 1))
            for n, (first, last) in enumerate(STAFF_NAMES, start=1)]
        made.update(course=course, staff=staff)
        for person, day in zip(staff, [date(2025, 6, 10), date(2025, 7, 1), date(2025, 7, 20), date(2025, 9, 15),
                                       date(2025, 10, 1), date(2025, 12, 15), date(2026, 2, 1)], strict=False):
            Completion.objects.create(staff=person, course=course, completed_on=day)
        Completion.objects.create(staff=staff[8], course=course, completed_on=date(2026, 1, 10))

    with on(BETWEEN_1_2):
        _save(made["I1"], status=S.COMPLETED, completion_date=date(2025, 8, 29))
        made["I1"].sign_off(board, "Information Management Strategy Group", BETWEEN_1_2)
        _save(made["I3"], status=S.IN_PROGRESS)
        _save(made["I5"], revised_target_date=date(2026, 1, 31), revision_reason="Waiting for the new case system.")
        made["I6"] = _action(ico, "I6", owner, status=S.SUPERSEDED,
                             superseded_reason="Superseded by individual data sharing agreements")
        _save(made["B1"], status=S.COMPLETED, completion_date=date(2025, 8, 30))
        made["B3"] = _action(ia, "B3", owner, original_target_date=date(2025, 10, 1))

        _review(made["K3"], BETWEEN_1_2, (2, 2), other_officer)
        made["K5"] = _risk("K5", owner, "Data quality", (4, 5), raised_on=BETWEEN_1_2, last_reviewed=BETWEEN_1_2)
        _save(made["K2"], status=Risk.Status.CLOSED)

        _save(made["S2"], owner=other_officer, last_reviewed=BETWEEN_1_2)
        made["S4"] = _asset("S4", None, date(2025, 8, 1))

        _save(made["G3"], status=G.AWAITING_SIGNATURE)
        made["G4"] = _agreement("G4", status=G.ACTIVE, signed_on=date(2022, 1, 1), starts_on=date(2022, 6, 1),
                                ends_on=date(2025, 9, 30), last_reviewed=date(2025, 6, 1))

    with on(BETWEEN_2_3):
        _save(made["I2"], status=S.COMPLETED, completion_date=date(2025, 11, 28))
        made["I4"].refresh_from_db()
        made["I4"].reopen(board, "The retention schedule was never published.")
        _save(made["B3"], status=S.IN_PROGRESS)
        _save(made["B2"], status=S.SUPERSEDED, superseded_reason="Replaced by the new records programme")

        _review(made["K1"], BETWEEN_2_3, (2, 2), owner)
        _review(made["K4"], BETWEEN_2_3, (4, 4), other_officer)
        made["K6"] = _risk("K6", owner, "Information security", (3, 3), raised_on=BETWEEN_2_3,
                           next_review_on=date(2026, 1, 15))

        _save(made["S3"], last_reviewed=BETWEEN_2_3)
        _save(made["S1"], owner=None)
        made["S5"] = _asset("S5", owner, None)

        _save(made["G4"], status=G.EXPIRED)
        _save(made["G3"], status=G.ACTIVE, signed_on=date(2025, 11, 20), starts_on=BETWEEN_2_3)
        made["G5"] = _agreement("G5", status=G.TERMINATED, signed_on=date(2024, 1, 1), starts_on=date(2024, 1, 1))

        _save(staff[9], leaving_date=date(2025, 11, 30))
        _save(staff[10], in_scope=False, exemption_reason="Long-term absence")

    with on(AFTER_3):
        _save(made["I5"], status=S.COMPLETED, completion_date=AFTER_3)
        _save(made["B3"], status=S.COMPLETED, completion_date=AFTER_3)
        made["I7"] = _action(ico, "I7", owner, original_target_date=date(2026, 6, 30))
        _save(made["K5"], status=Risk.Status.CLOSED)
        Course.objects.create(code="DP-2026", name="Data protection (2026 refresh)", renewal_months=12,
                              launch_date=date(2026, 4, 1))
    return made


@pytest.fixture
def draft_for(igteam):
    """draft_for(meeting) -> the meeting's draft report, started as the IG team would."""
    def start(meeting):
        report = Report(meeting=meeting, created_by=igteam, author="Information Governance Manager")
        report._history_user = igteam
        report.save()
        return report

    return start
