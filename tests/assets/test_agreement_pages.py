"""Agreements and partners outside the admin, and the agreement–action link."""
from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from actions.models import Action, ActionPlan
from assets.models import DataSharingAgreement, Partner
from tests.assets.factories import make_agreement, make_asset, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def superseded_action(igteam, owner):
    plan = ActionPlan.objects.create(title="ICO data protection audit", source_kind="ico_audit",
                                     lead=igteam, agreed_on=date(2016, 7, 1))
    return Action.objects.create(
        plan=plan, reference="A61", owner=owner, status=Action.Status.SUPERSEDED,
        recommendation="Review the countywide information sharing protocol.",
        superseded_reason="Superseded by individual data sharing agreements with partners.")


def test_agreement_page_links_to_the_action_it_replaced(login, owner, superseded_action):
    agreement = make_agreement(partners=[make_partner()], superseded_action=superseded_action)
    page = login(owner).get(f"/assets/agreements/{agreement.pk}/").content.decode()
    assert superseded_action.get_absolute_url() in page
    assert "Superseded by individual data sharing agreements" in page


def test_action_page_tag_links_to_the_agreements_that_replaced_it(owner, superseded_action):
    agreement = make_agreement(superseded_action=superseded_action, title="MASH information sharing")
    request = RequestFactory().get("/")
    request.user = owner
    html = Template("{% load assets_tags %}{% agreements_replacing action %}").render(
        Context({"action": superseded_action, "request": request}))
    assert agreement.get_absolute_url() in html and "MASH information sharing" in html


def test_action_page_shows_the_agreements_that_replaced_it(login, owner, superseded_action):
    agreement = make_agreement(superseded_action=superseded_action, title="MASH information sharing")
    page = login(owner).get(superseded_action.get_absolute_url()).content.decode()
    assert agreement.get_absolute_url() in page


def test_agreement_list_counts_an_active_agreement_past_expiry_as_expired(login, owner):
    make_agreement(title="Lapsed youth offending", starts_on=date(2020, 1, 1))
    make_agreement(title="Current MASH", starts_on=date.today())
    page = login(owner).get("/assets/agreements/?status=expired").content.decode()
    assert "Lapsed youth offending" in page and "Current MASH" not in page
    assert "recorded as active" in page


def test_agreement_list_filters_safeguarding_and_partner(login, owner):
    police = make_partner()
    school = make_partner("Oakfield Primary School", Partner.Kind.SCHOOL)
    make_agreement(partners=[police], title="MASH", safeguarding=True)
    make_agreement(partners=[school], title="Attendance", safeguarding=True)
    make_agreement(partners=[police], title="Fraud", safeguarding=False)
    page = login(owner).get(f"/assets/agreements/?safeguarding=yes&partner={police.pk}").content.decode()
    assert "MASH" in page and "Attendance" not in page and "Fraud" not in page


def test_officer_cannot_change_an_agreement(login, owner):
    agreement = make_agreement()
    assert login(owner).get(f"/assets/agreements/{agreement.pk}/edit/").status_code == 403


def test_ig_team_adds_an_agreement_with_partners_and_assets(login, igteam, owner):
    police, asset = make_partner(), make_asset(owner)
    response = login(igteam).post("/assets/agreements/new/", {
        "reference": "DSA-2026-001", "title": "MASH", "status": "active", "safeguarding": "on",
        "partners": [police.pk], "purpose": "Safeguarding children", "assets": [asset.pk],
        "signed_on": "2026-01-10", "starts_on": "2026-02-01", "term_months": 36})
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = DataSharingAgreement.objects.get(reference="DSA-2026-001")
    assert list(agreement.partners.all()) == [police] and list(agreement.assets.all()) == [asset]
    assert agreement.expires_on == date(2029, 2, 1)


def test_an_active_agreement_needs_its_signed_date(login, igteam):
    response = login(igteam).post("/assets/agreements/new/", {
        "reference": "DSA-2026-002", "title": "MASH", "status": "active", "purpose": "Safeguarding",
        "term_months": 36})
    assert response.status_code == 200
    assert "needs the date it was signed" in response.content.decode()


def test_partners_list_counts_their_agreements(login, owner):
    police = make_partner()
    make_agreement(partners=[police])
    make_agreement(partners=[police], status=DataSharingAgreement.Status.TERMINATED)
    page = login(owner).get("/assets/partners/").content.decode()
    assert "Northshire Constabulary" in page


def test_ig_team_adds_a_partner(login, igteam):
    response = login(igteam).post("/assets/partners/new/", {"name": "Oakfield Academy", "kind": "school"})
    assert response.status_code == 302
    assert Partner.objects.filter(name="Oakfield Academy").exists()


def test_agreement_history_names_what_changed(login, owner, superseded_action):
    agreement = make_agreement()
    agreement.superseded_action = superseded_action
    agreement.status = DataSharingAgreement.Status.UNDER_REVIEW
    agreement.save()
    page = login(owner).get(f"/assets/agreements/{agreement.pk}/").content.decode()
    assert f"— → {superseded_action}" in page
    assert "Active → Under review" in page
