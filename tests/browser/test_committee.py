"""Browser test of committee reporting: the IG team records a meeting, prepares and publishes its
report; a committee member reads it from their home page. Every page passes axe (WCAG 2.2 AA)."""
from datetime import date

import pytest
from django.utils import timezone

from actions.models import Action, ActionPlan
from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_risks import _register
from tests.conftest import make_user
from tests.units import legal


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ig_team_publishes_a_report_a_member_reads_it(page):
    risk = _register()  # Priya Shah owns the risks; Tom Jenkins is the IG team; David Hughes a member
    plan = ActionPlan.objects.create(title="ICO data protection audit", source_kind="ico_audit",
                                     report_date=date(2025, 1, 10), agreed_on=date(2025, 2, 1))
    Action.objects.create(plan=plan, reference="A01", recommendation="Appoint a SIRO.", agreed_action="Appoint.",
                          owner=risk.owner, unit=legal(), scope_area="governance",
                          priority="high", original_target_date=date(2025, 6, 30))
    day = timezone.localdate()  # the registers were recorded today: as at today they are in the report

    sign_in(page, "tom")
    page.goto("/committee/")
    assert_accessible(page)
    page.click("text=Add a meeting")
    with page.expect_navigation():
        page.click("button:has-text('Add the meeting')")  # no date: errors, nothing saved
    assert "There is a problem" in page.inner_text("body")
    assert_accessible(page)
    page.fill("#id_date_day", str(day.day))
    page.fill("#id_date_month", str(day.month))
    page.fill("#id_date_year", str(day.year))
    with page.expect_navigation():
        page.click("button:has-text('Add the meeting')")
    assert page.locator("h1").inner_text() == f"Meeting on {day:%-d %B %Y}"
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Prepare the report')")
    assert_accessible(page)  # the narrative form
    page.fill("#id_author", "Information Governance Manager")
    page.fill("#id_summary", "The SIRO has been appointed.")
    with page.expect_navigation():
        page.click("button:has-text('Save the draft')")
    body = page.inner_text("body")
    assert "Draft" in body and "Appendix A" in body and "SIRO" in body
    assert_accessible(page)
    page.click("a:has-text('Publish')")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Publish the report')")
    assert "Report published" in page.inner_text("body")
    assert_accessible(page)

    make_user("member", roles.COMMITTEE, "Mina", "Member")
    page.context.clear_cookies()
    sign_in(page, "member")
    assert "Latest report" in page.inner_text("body")
    assert_accessible(page)
    with page.expect_navigation():
        page.click(".igov-card a:has-text('Information Management Strategy Update')")
    body = page.inner_text("body")
    assert "A01" in body and "Legal and Governance" in body  # the overdue high-priority action, by service
    assert "Priya" not in body and "Shah" not in body and "Tom Jenkins" not in body
    assert_accessible(page)
