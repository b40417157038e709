"""Browser tests of the action plans: an officer completes an action; every page passes axe."""
from datetime import date

import pytest

from actions.models import Action, ActionPlan
from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import make_user
from tests.units import legal


def _plan_with_actions(officer, igteam, board):
    plan = ActionPlan.objects.create(
        title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
        issuing_body="Information Commissioner’s Office", report_date=date(2016, 6, 1),
        assurance=ActionPlan.Assurance.LIMITED, lead=igteam, agreed_on=date(2016, 7, 1))
    mine = Action.objects.create(
        plan=plan, reference="B01", owner=officer, status=Action.Status.IN_PROGRESS, unit=legal(),
        recommendation="Adopt a corporate retention and disposal schedule and publish it to all staff.",
        scope_area=Action.ScopeArea.RECORDS, original_target_date=date(2016, 12, 31))
    done = Action.objects.create(
        plan=plan, reference="A01", owner=officer, status=Action.Status.COMPLETED, completion_date=date(2016, 11, 1),
        recommendation="Appoint a Senior Information Risk Owner.", evidence="Cabinet decision")
    signed = Action.objects.create(
        plan=plan, reference="A02", owner=officer, status=Action.Status.COMPLETED, completion_date=date(2016, 11, 1),
        recommendation="Designate a Data Protection Officer.", evidence="Appointment letter")
    signed.sign_off(board, "Information Management Strategy Group", date(2016, 12, 12))
    Action.objects.create(
        plan=plan, reference="F01", owner=officer, status=Action.Status.SUPERSEDED,
        recommendation="Review the Coventry Information Sharing Protocol.",
        superseded_reason="Superseded by individual data sharing agreements")
    return plan, mine, done, signed


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_finds_their_action_and_completes_it_with_evidence(page):
    officer = make_user("priya", roles.OFFICER, "Priya", "Shah")
    _plan, mine, _done, _signed = _plan_with_actions(
        officer, make_user("tom", roles.IG_TEAM, "Tom", "Jenkins"), make_user("meg", roles.BOARD, "Margaret", "Okafor"))
    sign_in(page, "priya")
    page.click("nav[aria-label='Menu'] >> text=Actions")
    page.click("text=My actions")
    assert_accessible(page)
    page.click("a:has-text('B01')")
    assert page.locator("h1").inner_text() == "Action B01"
    page.click("text=Update this action")
    assert_accessible(page)
    page.select_option("#id_status", "completed")
    today = date.today()  # typed into the GOV.UK date input's three boxes, as a person would
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        page.fill(f"#id_completion_date_{part}", str(value))
    page.fill("#id_evidence", "Retention schedule published: https://intranet.example.gov.uk/retention")
    with page.expect_navigation():
        page.click("button:has-text('Save')")
    assert "Action B01 saved." in page.inner_text("body")
    assert page.locator(".govuk-tag", has_text="Completed").count() >= 1
    assert_accessible(page)
    mine.refresh_from_db()
    assert mine.status == Action.Status.COMPLETED
    assert mine.evidence.startswith("Retention schedule published")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_missing_completion_date_is_reported_accessibly(page):
    officer = make_user("priya", roles.OFFICER, "Priya", "Shah")
    _plan, mine, _done, _signed = _plan_with_actions(
        officer, make_user("tom", roles.IG_TEAM, "Tom", "Jenkins"), make_user("meg", roles.BOARD, "Margaret", "Okafor"))
    sign_in(page, "priya")
    page.goto(f"/actions/{mine.pk}/edit/")
    page.select_option("#id_status", "completed")
    with page.expect_navigation():
        page.click("button:has-text('Save')")
    assert "Give the date the action was completed." in page.inner_text(".govuk-error-summary")
    assert page.title().startswith("Error:")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_actions_page_passes_axe(page):
    officer = make_user("priya", roles.OFFICER, "Priya", "Shah")
    make_user("david", roles.COMMITTEE, "David", "Hughes")
    plan, mine, done, signed = _plan_with_actions(
        officer, make_user("tom", roles.IG_TEAM, "Tom", "Jenkins"), make_user("meg", roles.BOARD, "Margaret", "Okafor"))
    pages = {
        "tom": ["/actions/", f"/actions/plans/{plan.pk}/", "/actions/list/", "/actions/list/?status=outstanding",
                f"/actions/{mine.pk}/", f"/actions/{mine.pk}/edit/", f"/actions/{mine.pk}/updates/add/",
                f"/actions/{mine.pk}/evidence/add/", f"/actions/{signed.pk}/", "/actions/mine/",
                f"/actions/plans/{plan.pk}/edit/", f"/actions/plans/{plan.pk}/add-action/", "/actions/plans/add/"],
        "meg": ["/actions/list/?sign_off=awaiting", f"/actions/plans/{plan.pk}/sign-off/",
                f"/actions/{done.pk}/sign-off/", f"/actions/{signed.pk}/reopen/", f"/actions/{signed.pk}/"],
        "david": ["/actions/", f"/actions/plans/{plan.pk}/", "/actions/?on=2016-10-24",
                  f"/actions/plans/{plan.pk}/?on=2016-10-24", f"/actions/plans/{plan.pk}/?on=2999-01-01",
                  "/actions/list/", f"/actions/{mine.pk}/", f"/actions/{signed.pk}/"],
    }
    for username, urls in pages.items():
        page.context.clear_cookies()
        sign_in(page, username)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_bulk_check_pages_pass_axe_and_change_only_what_they_show(page):
    officer = make_user("priya", roles.OFFICER, "Priya", "Shah")
    _plan, mine, done, _signed = _plan_with_actions(
        officer, make_user("tom", roles.IG_TEAM, "Tom", "Jenkins"), make_user("meg", roles.BOARD, "Margaret", "Okafor"))
    sign_in(page, "tom")
    page.goto("/actions/list/")
    page.check(f"#select-{mine.pk}")
    page.check(f"#select-{done.pk}")
    page.select_option("#id_bulk_status", "not_started")
    with page.expect_navigation():
        page.click("button:has-text('Check the status change')")
    assert "This will change 2 actions to “Not started”." in page.inner_text("#bulk-summary")
    assert_accessible(page)
    page.check("#id_leave_completed")
    with page.expect_navigation():
        page.click("button:has-text('Change 2 actions')")
    assert "2 actions marked not started." in page.inner_text("body")
    done.refresh_from_db()
    assert (done.status, done.completion_date) == (Action.Status.NOT_STARTED, None)

    done.status, done.completion_date = Action.Status.COMPLETED, date(2016, 11, 1)
    done.save()
    page.context.clear_cookies()
    sign_in(page, "meg")
    page.goto("/actions/list/?sign_off=awaiting")
    page.check(f"#select-{done.pk}")
    with page.expect_navigation():
        page.click("button:has-text('Check the ticked actions')")
    assert "This will sign off 1 action" in page.inner_text("#bulk-summary")
    assert "Cabinet decision" in page.inner_text("#actions-to-sign-off")
    assert_accessible(page)
    page.fill("#id_meeting", "Information Management Strategy Group, 12 January 2017")
    with page.expect_navigation():
        page.click("button:has-text('Sign off 1 action')")
    assert "1 action signed off." in page.inner_text("body")


def tab_to(page, test: str, limit: int = 80) -> None:
    """Presses Tab until the focused element passes `test` (JavaScript, given the element as `e`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_completes_an_action_on_one_page_with_the_keyboard_only(page):
    officer = make_user("priya", roles.OFFICER, "Priya", "Shah")
    _plan, mine, _done, _signed = _plan_with_actions(
        officer, make_user("tom", roles.IG_TEAM, "Tom", "Jenkins"), make_user("meg", roles.BOARD, "Margaret", "Okafor"))
    sign_in(page, "priya")
    page.goto(f"/actions/{mine.pk}/")
    tab_to(page, "e.textContent.trim() === 'Update this action'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "e.id === 'id_status'")
    page.keyboard.press("ArrowDown")  # from "In progress" to "Completed"
    today = date.today()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        tab_to(page, f"e.id === 'id_completion_date_{part}'")
        page.keyboard.type(str(value))
    tab_to(page, "e.id === 'id_note'")
    page.keyboard.type("Published to all staff on the intranet.")
    tab_to(page, "e.textContent.trim() === 'Save'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # No evidence yet: the error summary says what to give, and the page stays accessible.
    assert "To mark the action completed, give evidence" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)
    tab_to(page, "e.id === 'id_evidence'")
    page.keyboard.type("Retention schedule published: https://intranet.example.gov.uk/retention")
    tab_to(page, "e.textContent.trim() === 'Save'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Action B01 saved." in page.inner_text("body")
    assert page.locator(".govuk-tag", has_text="Awaiting sign-off").count() >= 1
    assert_accessible(page)
    mine.refresh_from_db()
    assert (mine.status, mine.completion_date) == (Action.Status.COMPLETED, today)
    assert mine.updates.get().note == "Published to all staff on the intranet."
