"""Browser tests of the risk register: the IG team follows the heat map to a risk, its owner records
a review, and every risks page passes axe (WCAG 2.2 AA) with zero violations."""
import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from igov.accounts import roles
from risks.models import ImpactLevel, LikelihoodLevel, Risk, RiskAppetite, RiskCategory, RiskReview, ScoreBand
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import make_user
from tests.units import unit_for


def _register():
    # Transactional tests flush the migration's defaults: put the scales, bands and appetite back.
    importlib.import_module("risks.migrations.0002_uk_defaults").seed(apps, None)
    owner = make_user("priya", roles.OFFICER, "Priya", "Shah")
    make_user("tom", roles.IG_TEAM, "Tom", "Jenkins")
    make_user("david", roles.COMMITTEE, "David", "Hughes")
    common = {"owner": owner, "raised_on": date(2025, 1, 6), "last_reviewed": timezone.localdate(),
              "target_likelihood": 2, "target_impact": 3, "unit": unit_for("Resources", "Customer Services")}
    risk = Risk.objects.create(
        reference="IR-001", title="Personal data emailed to the wrong recipient",
        cause="If staff select the wrong address", consequence="then personal data is disclosed",
        category=RiskCategory.objects.get(name="Data protection compliance"), inherent_likelihood=5,
        inherent_impact=3, residual_likelihood=4, residual_impact=3, existing_controls="E-learning", **common)
    Risk.objects.create(
        reference="IR-002", title="Ransomware attack encrypts council systems", cause="If ransomware succeeds",
        consequence="then systems are unavailable", category=RiskCategory.objects.get(name="Information security"),
        inherent_likelihood=4, inherent_impact=5, residual_likelihood=3, residual_impact=5, **common)
    return risk


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ig_team_follows_the_heat_map_to_a_risk(page):
    _register()
    sign_in(page, "tom")
    page.click("nav[aria-label='Menu'] >> text=Risks")
    assert page.locator("h1").inner_text() == "Information risk register"
    assert_accessible(page)
    with page.expect_navigation():
        page.click("a.igov-heat__link:has-text('1 open risk with residual likelihood 4 and impact 3')")
    assert page.locator("table.igov-risk-table tbody tr").count() == 1
    assert_accessible(page)
    with page.expect_navigation():
        page.click("a:has-text('Personal data emailed')")
    assert_accessible(page)
    page.click("text=Edit the risk")
    assert_accessible(page)
    page.goto("/risks/register/?above_appetite=on&status=open")
    assert page.locator("table.igov-risk-table tbody tr").count() == 2
    assert_accessible(page)
    page.goto("/risks/add/")
    with page.expect_navigation():
        page.click("button:has-text('Save')")
    assert "There is a problem" in page.inner_text("body")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_owner_records_a_review_and_sees_the_score_move(page):
    risk = _register()
    sign_in(page, "priya")
    page.goto(f"/risks/{risk.pk}/")
    page.click("text=Record a review")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Record the review')")  # no note: refused with a message
    assert "There is a problem" in page.inner_text("body")
    assert_accessible(page)
    page.select_option("#id_residual_likelihood", "2")
    page.fill("#id_note", "Delay-send rule live in every mailbox")
    with page.expect_navigation():
        page.click("button:has-text('Record the review')")
    assert "Review of IR-001 recorded." in page.inner_text("body")
    assert page.locator("table", has_text="Each change of the residual score").locator("tbody tr").count() == 2
    assert_accessible(page)
    assert RiskReview.objects.get().residual == 6


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_committee_member_looks_up_a_risk_without_names(page):
    _register()
    sign_in(page, "david")
    page.goto("/risks/")
    body = page.inner_text("body")
    assert "Priya Shah" not in body and "Open risks" in body
    assert_accessible(page)
    with page.expect_navigation():
        page.click("a.igov-heat__link:has-text('1 open risk with residual likelihood 4 and impact 3')")
    assert "Owner" not in page.inner_text("body")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("a:has-text('Personal data emailed')")
    body = page.inner_text("body")
    assert "Priya Shah" not in body and "Record a review" not in body and "Likelihood 4" in body
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_committee_member_reads_the_register_as_at_a_past_date(page):
    _register()
    # The register and its rules as recorded a year ago (transactional tests lose the migrations' history).
    year_ago = timezone.now() - timedelta(days=365)
    for model in (Risk, ScoreBand, RiskAppetite, RiskCategory, LikelihoodLevel, ImpactLevel):
        model.history.update(history_date=year_ago)
    sign_in(page, "david")
    # By address, as a link from a report would (the date form's widget is the GOV.UK date input's).
    page.goto(f"/risks/?on={(timezone.localdate() - timedelta(days=30)).isoformat()}")
    assert "Information risk register as at" in page.locator("h1").inner_text()
    assert "Open risks by residual score band" in page.inner_text("body")
    assert_accessible(page)
    page.goto(f"/risks/?on={(year_ago - timedelta(days=1)).date().isoformat()}")
    assert "No risks had been recorded by" in page.inner_text("body")
    assert_accessible(page)
    page.goto("/risks/?on=2999-01-01")
    assert "There is a problem" in page.inner_text("body")
    assert_accessible(page)
