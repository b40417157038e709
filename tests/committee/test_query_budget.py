"""A report reads every register as at two dates from its history; its cost in queries does not grow
with the history's depth: the draft report page and a committee member's home page cost no more
with ten rounds of changes to every record than with one."""
from datetime import date
from itertools import count

import pytest
from django.urls import reverse

from actions.models import Action, ActionPlan
from assets.models import DataSharingAgreement, InformationAsset
from igov.committee.models import Committee, Meeting, Report
from risks.models import Risk, RiskCategory, risk_record_review
from tests.budget import count_queries
from tests.committee.conftest import on, publish_with_a_stand_in_pdf
from tests.units import unit_for
from training.models import Completion, Course, StaffMember

S = Action.Status
BUDGET = 60  # the most a report page may cost, whatever the data


@pytest.fixture
def registers(owner, board):
    """deepen(rounds): a few records in every register, made before the previous meeting (23 April
    2026), each changed `rounds` times more between the meetings (the signed-off actions reopened,
    completed and signed off again; the others' targets revised; risks reviewed; assets and
    agreements reviewed; staff moved between services)."""
    committee = Committee.objects.create(name="Audit and Procurement Committee")
    Meeting.objects.create(committee=committee, date=date(2026, 4, 23))
    meeting = Meeting.objects.create(committee=committee, date=date(2026, 7, 23))
    with on(date(2026, 3, 2)):
        actions = []
        for title in ("ICO data protection audit", "Internal audit of records management"):
            plan = ActionPlan.objects.create(title=title, source_kind=ActionPlan.SourceKind.INTERNAL_AUDIT)
            actions += [Action.objects.create(plan=plan, reference=f"A{n}", recommendation="Do it.", owner=owner,
                                              unit=unit_for("Chief Executive's Office", "Legal"), status=S.IN_PROGRESS,
                                              original_target_date=date(2026, 5, 1)) for n in range(4)]
        signed, others = actions[::2], actions[1::2]
        for action in signed:
            action.status, action.completion_date = S.COMPLETED, date(2026, 3, 1)
            action.save()
            action.sign_off(board, "IMSG", date(2026, 3, 2))
        risks = [Risk.objects.create(
            reference=f"IR-{n}", title="A risk", cause="If", consequence="then", owner=owner,
            category=RiskCategory.objects.get(name="Information security"), inherent_likelihood=5,
            inherent_impact=5, residual_likelihood=4, residual_impact=4, target_likelihood=1, target_impact=1,
            raised_on=date(2026, 3, 2)) for n in range(3)]
        assets = [InformationAsset.objects.create(reference=f"IA-{n}", name="Records", owner=owner,
                                                  unit=unit_for("Resources", "Revenues"),
                                                  last_reviewed=date(2026, 3, 1)) for n in range(3)]
        agreements = [DataSharingAgreement.objects.create(
            reference=f"DSA-{n}", title="Sharing", purpose="Safeguarding", safeguarding=bool(n % 2),
            status=DataSharingAgreement.Status.ACTIVE, signed_on=date(2025, 1, 1), starts_on=date(2025, 2, 1))
            for n in range(3)]
        course = Course.objects.create(code="DP", name="Data protection", renewal_months=12,
                                       launch_date=date(2026, 1, 1))
        staff = [StaffMember.objects.create(staff_number=f"E{n}", first_name="Staff", last_name=f"Member {n}",
                                            unit=unit_for("Resources", "Finance"), start_date=date(2020, 1, 1))
                 for n in range(5)]
        for person in staff[:3]:
            Completion.objects.create(staff=person, course=course, completed_on=date(2026, 2, 1))

    calls = count()

    def deepen(rounds):
        # Each call an hour after the last: a second visit to the same moment would write history rows
        # earlier than the first visit's latest ones, and the history would no longer read in order.
        with on(date(2026, 5, 12), hour=10 + next(calls)):
            for n in range(rounds):
                for action in signed:
                    action.reopen(board, "Checked again.")
                    action.status, action.completion_date = S.COMPLETED, date(2026, 5, 11)
                    action.save()
                    action.sign_off(board, "IMSG", date(2026, 5, 12))
                for action in others:
                    action.revised_target_date, action.revision_reason = date(2026, 6, 1 + n), "Supplier late."
                    action.save()
                for risk in risks:
                    risk.refresh_from_db()
                    risk_record_review(risk, reviewer=owner, reviewed_on=date(2026, 5, 12), note="Reviewed.",
                                       residual_likelihood=4, residual_impact=4 - n % 2, next_review_on=None,
                                       seen_version=risk.version)
                for record in [*assets, *agreements]:
                    record.last_reviewed = date(2026, 5, 1 + n)
                    record.save()
                for person in staff:
                    person.unit = unit_for("Resources", f"Finance {n}")
                    person.save()

    deepen(1)
    return meeting, deepen


@pytest.fixture
def published(registers, igteam):
    """The meeting's report, published (the home page only links to its PDF)."""
    meeting, _ = registers
    report = Report.objects.create(meeting=meeting, created_by=igteam, author="Information Governance Manager")
    return publish_with_a_stand_in_pdf(report, igteam)


def test_the_draft_report_costs_no_more_queries_with_ten_times_the_history(registers, igteam, login,
                                                                          django_assert_max_num_queries):
    meeting, deepen = registers
    report = Report.objects.create(meeting=meeting, created_by=igteam, author="Information Governance Manager")
    client, url = login(igteam), reverse("committee:report", args=[report.pk])
    shallow = count_queries(client, url)
    print(f"{url}: {shallow} queries at one round of history")
    assert shallow <= BUDGET
    deepen(9)
    with django_assert_max_num_queries(shallow):
        response = client.get(url)
    assert response.status_code == 200
    assert "Information Management Strategy Update" in response.content.decode()


def test_a_members_home_page_costs_no_more_queries_with_ten_times_the_history(published, registers, committee, login,
                                                                              django_assert_max_num_queries):
    _, deepen = registers
    client, url = login(committee), reverse("front:dashboard")
    shallow = count_queries(client, url)
    print(f"{url}: {shallow} queries at one round of history")
    assert shallow <= BUDGET
    deepen(9)
    with django_assert_max_num_queries(shallow):
        response = client.get(url)
    assert reverse("committee:report", args=[published.pk]) in response.content.decode()
