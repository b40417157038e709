"""Printing a web page from the browser (igov.scss's @media print): the content, not the controls."""
from datetime import date

import pytest

from actions.models import Action, ActionPlan
from igov.accounts import roles
from tests.browser.conftest import sign_in
from tests.conftest import make_user
from tests.units import legal


def visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_printed_action_list_keeps_the_table_and_drops_navigation_and_controls(page):
    igteam = make_user("tom", roles.IG_TEAM, "Tom", "Jenkins")
    plan = ActionPlan.objects.create(
        title="ICO data protection audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
        issuing_body="Information Commissioner’s Office", report_date=date(2016, 6, 1),
        assurance=ActionPlan.Assurance.LIMITED, lead=igteam, agreed_on=date(2016, 7, 1))
    Action.objects.create(
        plan=plan, reference="B01", owner=igteam, status=Action.Status.IN_PROGRESS, unit=legal(),
        recommendation="Adopt a corporate retention and disposal schedule.", original_target_date=date(2016, 12, 31))
    sign_in(page, "tom")
    page.goto("/actions/list/")
    assert visible(page, ".igov-bulk")  # the IG team's list sits inside the bulk-update form

    page.emulate_media(media="print")

    for hidden in (".govuk-service-navigation", ".govuk-footer", ".govuk-skip-link", ".igov-filters", ".igov-bulk",
                   "button", "table .govuk-checkboxes"):
        assert not visible(page, hidden), hidden
    assert visible(page, ".igov-header")  # the council's name heads the sheet
    assert visible(page, "td:has-text('Adopt a corporate retention')")
    reference_link = page.locator("a:has-text('B01')")
    assert reference_link.evaluate("a => getComputedStyle(a, '::after').content") == "none"  # no "(/actions/1/)"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.pdf(format="A4").startswith(b"%PDF")
