"""Each meeting's report figures, and the movement since the previous meeting, are exact for every
register: the numbers below were worked out by hand from the dated story in
tests/committee/conftest.py (build_scenario's docstring). Meeting 2's report compares with meeting
1, meeting 3's with meeting 2; changes made after meeting 3 count in neither.

The scenario is built once for the module, its reports' content (plain JSON) computed, and the
database rolled back: every test here reads the same two reports."""
import pytest
from django.db import transaction

from igov.accounts.roles import BOARD, OFFICER
from igov.committee.models import Report
from igov.committee.report import draft_content, report_html
from tests.committee.conftest import MEETING_2, MEETING_3, build_scenario, make_meetings, plan_table, rows
from tests.conftest import make_user

# The module's tests read the reports built once below; the mark makes pytest-django set up the test database.
pytestmark = pytest.mark.django_db
ICO, IA = "ICO data protection audit", "Internal audit of records management"


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    """{meeting date: {"content": the draft report's content, "html": its body}}, for meetings 2 and 3."""
    with django_db_blocker.unblock(), transaction.atomic():
        owner, other, board = (make_user(name, role, first, last) for name, role, first, last in (
            ("owner", OFFICER, "Olwen", "Ownerby"), ("other", OFFICER, "Otto", "Otherton"),
            ("board", BOARD, "Barnaby", "Boardman")))
        meetings = make_meetings()
        build_scenario(owner, other, board)
        made = {}
        for meeting in meetings[1:]:
            content = draft_content(Report.objects.create(meeting=meeting, author="IG Manager"))
            made[meeting.date] = {"content": content, "html": report_html(content)}
        transaction.set_rollback(True)
    return made


def figures(reports, day):
    return reports[day]["content"]["figures"]


def test_the_figures_are_as_at_each_meeting_with_the_movement_since_the_previous_one(reports):
    assert (figures(reports, MEETING_2)["on"], figures(reports, MEETING_2)["since"]) == ("2025-10-23", "2025-07-24")
    assert (figures(reports, MEETING_3)["on"], figures(reports, MEETING_3)["since"]) == ("2026-01-22", "2025-10-23")


def test_each_action_plan_is_counted_as_it_stood_at_meeting_2(reports):
    f = figures(reports, MEETING_2)
    # (previous meeting, this meeting, change)
    assert plan_table(f, ICO) == {
        "completed": (1, 2, 1), "in_progress": (2, 2, 0), "not_started": (2, 1, -1), "superseded": (0, 1, 1),
        "total": (5, 6, 1), "overdue": (1, 1, 0), "signed_off": (1, 2, 1),
        "withdrawn": (0, 0, 0), "added": (0, 0, 0)}
    assert plan_table(f, IA) == {
        "completed": (0, 1, 1), "in_progress": (1, 1, 0), "not_started": (1, 1, 0), "superseded": (0, 0, 0),
        "total": (2, 3, 1), "overdue": (0, 1, 1), "signed_off": (0, 0, 0),
        "withdrawn": (0, 0, 0), "added": (0, 0, 0)}


def test_at_meeting_3_the_reopened_action_is_no_longer_signed_off_and_a_revised_target_is_not_overdue(reports):
    f = figures(reports, MEETING_3)
    # I4 reopened (signed off 2 → 1, overdue again); I5's revised target (31 January) keeps it in time;
    # I5 and B3 completed and I7 added after the meeting count nowhere.
    assert plan_table(f, ICO) == {
        "completed": (2, 2, 0), "in_progress": (2, 3, 1), "not_started": (1, 0, -1), "superseded": (1, 1, 0),
        "total": (6, 6, 0), "overdue": (1, 2, 1), "signed_off": (2, 1, -1),
        "withdrawn": (0, 0, 0), "added": (0, 0, 0)}
    assert plan_table(f, IA) == {
        "completed": (1, 1, 0), "in_progress": (1, 1, 0), "not_started": (1, 0, -1), "superseded": (0, 1, 1),
        "total": (3, 3, 0), "overdue": (1, 1, 0), "signed_off": (0, 0, 0),
        "withdrawn": (0, 0, 0), "added": (0, 0, 0)}


def test_all_plans_together_are_the_sum_of_the_plans(reports):
    for day in (MEETING_2, MEETING_3):
        f = figures(reports, day)
        together = rows(f["actions"]["all"]["rows"])
        for key in ("completed", "in_progress", "not_started", "superseded", "total", "overdue"):
            parts = [rows(p["rows"])[key] for p in f["actions"]["plans"]]
            assert together[key] == tuple(sum(part[i] for part in parts) for i in range(3)), (day, key)
    assert rows(figures(reports, MEETING_3)["actions"]["all"]["rows"])["total"] == (9, 9, 0)


def test_each_plans_statuses_add_up_to_its_total(reports):
    for day in (MEETING_2, MEETING_3):
        for plan in [*figures(reports, day)["actions"]["plans"], figures(reports, day)["actions"]["all"]]:
            table = rows(plan["rows"])
            for i in (0, 1):  # the previous meeting and this one
                parts = sum(table[key][i] for key in ("completed", "in_progress", "not_started", "superseded"))
                assert parts == table["total"][i], (day, plan["title"])


def test_the_plan_sentences_read_the_same_numbers(reports):
    html = reports[MEETING_3]["html"]
    assert ("Of the 6 actions, 2 have been completed, 3 are in progress and 0 are yet to be started; "
            "1 has been superseded.") in html
    assert "2 completed, of which 1 signed off by the board and 1 awaiting sign-off." in html


def test_the_risk_register_is_judged_at_each_meeting(reports):
    assert rows(figures(reports, MEETING_2)["risks"]["rows"]) == {
        "open": (4, 4, 0), "above_appetite": (2, 3, 1), "review_overdue": (1, 2, 1), "closed": (0, 1, 1),
        "total": (4, 5, 1)}
    assert rows(figures(reports, MEETING_3)["risks"]["rows"]) == {
        "open": (4, 5, 1), "above_appetite": (3, 3, 0), "review_overdue": (2, 3, 1), "closed": (1, 1, 0),
        "total": (5, 6, 1)}


def test_open_risks_are_counted_by_band_and_the_bands_add_up_to_the_open_risks(reports):
    assert rows(figures(reports, MEETING_2)["risks"]["bands"]) == {
        "Low": (1, 1, 0), "Medium": (1, 0, -1),
        "High": (2, 2, 0), "Very high": (0, 1, 1)}
    assert rows(figures(reports, MEETING_3)["risks"]["bands"]) == {
        "Low": (1, 2, 1), "Medium": (0, 1, 1),
        "High": (2, 1, -1), "Very high": (1, 1, 0)}
    for day in (MEETING_2, MEETING_3):
        risks = figures(reports, day)["risks"]
        table = rows(risks["rows"])
        assert sum(band["now"] for band in risks["bands"]) == table["open"][1]
        assert table["open"][1] + table["closed"][1] == table["total"][1]


def test_the_asset_register_is_counted_at_each_meeting(reports):
    # S3 and S5, never reviewed, were added less than a year before each meeting: not yet due.
    assert rows(figures(reports, MEETING_2)["assets"]["assets"]) == {
        "total": (3, 4, 1), "without_owner": (1, 1, 0), "review_overdue": (1, 0, -1), "never_reviewed": (0, 0, 0)}
    assert rows(figures(reports, MEETING_3)["assets"]["assets"]) == {
        "total": (4, 5, 1), "without_owner": (1, 2, 1), "review_overdue": (0, 0, 0), "never_reviewed": (0, 0, 0)}


def test_agreements_are_counted_by_status_an_expired_one_still_marked_active_as_expired(reports):
    none = (0, 0, 0)
    assert rows(figures(reports, MEETING_2)["assets"]["agreements"]) == {
        "draft": (1, 0, -1), "ig_review": none, "awaiting_signature": (0, 1, 1), "active": (2, 1, -1),
        "under_review": none, "expired": (0, 2, 2), "terminated": none, "superseded": none, "total": (3, 4, 1)}
    assert rows(figures(reports, MEETING_3)["assets"]["agreements"]) == {
        "draft": none, "ig_review": none, "awaiting_signature": (1, 0, -1), "active": (1, 2, 1),
        "under_review": none, "expired": (2, 2, 0), "terminated": (0, 1, 1), "superseded": none, "total": (4, 5, 1)}


def test_agreements_by_status_add_up_to_the_total(reports):
    for day in (MEETING_2, MEETING_3):
        table = figures(reports, day)["assets"]["agreements"]
        *statuses, total = table
        assert total["key"] == "total"
        assert sum(s["now"] for s in statuses) == total["now"]
        assert sum(s["before"] for s in statuses) == total["before"]


def test_agreements_expired_but_active_count_safeguarding_ones_apart(reports):
    assert rows(figures(reports, MEETING_2)["assets"]["agreement_warnings"]) == {
        "expired_but_active": (0, 2, 2), "safeguarding_expired_but_active": (0, 1, 1), "expiring": (1, 0, -1),
        "review_overdue": (1, 1, 0)}
    assert rows(figures(reports, MEETING_3)["assets"]["agreement_warnings"]) == {
        "expired_but_active": (2, 1, -1), "safeguarding_expired_but_active": (1, 1, 0), "expiring": (0, 0, 0),
        "review_overdue": (1, 1, 0)}
    assert figures(reports, MEETING_3)["assets"]["safeguarding_total"] == 2


def test_training_is_reported_for_the_course_running_at_the_meeting_not_one_launched_since(reports):
    assert figures(reports, MEETING_3)["training"]["course"] == "Data protection (annual)"


def test_training_counts_starters_leavers_and_exemptions_as_they_stood(reports):
    # Meeting 2: the new starter is in grace (out of the base); meeting 3: the leaver and the
    # exempted are out, the new starter completed: 7 of 9.
    assert rows(figures(reports, MEETING_2)["training"]["rows"]) == {
        "percent": (30.0, 50.0, 20.0), "base": (10, 10, 0), "valid": (3, 5, 2), "still_to_complete": (7, 6, -1),
        "since_launch": (3, 5, 2)}
    assert rows(figures(reports, MEETING_3)["training"]["rows"]) == {
        "percent": (50.0, 77.8, 27.8), "base": (10, 9, -1), "valid": (5, 7, 2), "still_to_complete": (6, 2, -4),
        "since_launch": (5, 7, 2)}
    assert figures(reports, MEETING_3)["training"]["meets_target"] is False


def test_the_exceptions_are_the_overdue_and_high_priority_actions_longest_overdue_first(reports):
    actions = figures(reports, MEETING_3)["exceptions"]["actions"]
    assert [(a["reference"], a["overdue"], a["days_overdue"]) for a in actions] == [
        ("I4", True, 206), ("I3", True, 114), ("B3", True, 113), ("I5", False, 0)]  # targets 30 June, 30 Sept, 1 Oct
    high = actions[-1]
    assert (high["service"], high["priority"], high["original_target"], high["revised_target"], high["reason"]) == (
        "Children’s Social Care", "High", "2025-10-01", "2026-01-31", "Waiting for the new case system.")


def test_the_exceptions_list_risks_furthest_above_appetite_and_safeguarding_agreements_first(reports):
    assert [r["reference"] for r in figures(reports, MEETING_2)["exceptions"]["risks"]] == ["K5", "K1", "K4"]
    assert [r["reference"] for r in figures(reports, MEETING_3)["exceptions"]["risks"]] == ["K5", "K6", "K4"]
    assert [(g["reference"], g["safeguarding"]) for g in figures(reports, MEETING_2)["exceptions"]["agreements"]] == [
        ("G1", True), ("G4", False)]
    assert [g["reference"] for g in figures(reports, MEETING_3)["exceptions"]["agreements"]] == ["G1"]
