"""Owners change the controls of the risks they own; the IG team changes everything; stale saves are refused."""
import pytest

from risks.models import Risk
from tests.risks.factories import make_risk


@pytest.fixture
def risk(owner):
    return make_risk(owner, residual=(4, 4), target=(2, 2))


def owner_post(risk, **changes):
    data = {"existing_controls": "Delay-send rule", "planned_controls": "Secure email", "treatment": "treat",
            "target_likelihood": 2, "target_impact": 3, "seen_version": risk.version}
    data.update(changes)
    return data


@pytest.mark.django_db
def test_owner_changes_the_controls_of_their_own_risk(risk, login, owner):
    response = login(owner).post(f"/risks/{risk.pk}/edit/", owner_post(risk))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.existing_controls, risk.target) == ("Delay-send rule", 6)
    assert risk.history.first().history_user == owner


@pytest.mark.django_db
def test_owner_cannot_change_the_residual_score_by_editing(risk, login, owner):
    login(owner).post(f"/risks/{risk.pk}/edit/", owner_post(risk, residual_likelihood=1, residual_impact=1,
                                                            title="Renamed"))
    risk.refresh_from_db()
    assert risk.residual == 16
    assert risk.title != "Renamed"


@pytest.mark.django_db
def test_officer_cannot_edit_a_colleagues_risk(risk, login, other_officer):
    response = login(other_officer).post(f"/risks/{risk.pk}/edit/", owner_post(risk))
    assert response.status_code == 404
    risk.refresh_from_db()
    assert risk.existing_controls == ""


@pytest.mark.django_db
def test_committee_member_cannot_edit(risk, login, committee):
    assert login(committee).post(f"/risks/{risk.pk}/edit/", owner_post(risk)).status_code == 403


@pytest.mark.django_db
def test_ig_team_changes_every_field(risk, login, igteam, other_officer):
    form = login(igteam).get(f"/risks/{risk.pk}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(owner=other_officer.pk, residual_likelihood=2, residual_impact=2, title="Renamed",
                raised_on="2025-01-06", next_review_on="")
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = login(igteam).post(f"/risks/{risk.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    risk.refresh_from_db()
    assert (risk.owner, risk.residual, risk.title) == (other_officer, 4, "Renamed")


@pytest.mark.django_db
def test_stale_edit_is_refused_with_what_changed(risk, login, owner, igteam):
    stale = owner_post(risk)
    Risk.objects.get(pk=risk.pk).save()  # someone else saved meanwhile
    response = login(owner).post(f"/risks/{risk.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    risk.refresh_from_db()
    assert risk.existing_controls == ""


@pytest.mark.django_db
def test_ig_team_adds_a_risk(login, igteam, owner):
    from risks.models import RiskCategory

    category = RiskCategory.objects.get(name="Records management")
    data = {"reference": "IR-100", "title": "Archive boxes without an index", "cause": "If boxes go unindexed",
            "consequence": "then records cannot be found", "category": category.pk, "owner": owner.pk,
            "inherent_likelihood": 3, "inherent_impact": 3, "residual_likelihood": 3, "residual_impact": 2,
            "target_likelihood": 1, "target_impact": 2, "treatment": "treat", "status": "open",
            "raised_on": "2026-01-05", "review_frequency": 6}
    response = login(igteam).post("/risks/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    risk = Risk.objects.get(reference="IR-100")
    assert (risk.owner, risk.residual, risk.version) == (owner, 6, 1)


@pytest.mark.django_db
def test_officer_cannot_add_a_risk(login, owner):
    assert login(owner).get("/risks/add/").status_code == 403


@pytest.mark.django_db
def test_ig_team_links_a_risk_to_outstanding_audit_actions(risk, login, igteam):
    from actions.models import Action, ActionPlan

    plan = ActionPlan.objects.create(title="ICO data protection audit", source_kind="ico_audit")
    action = Action.objects.create(plan=plan, reference="A12", recommendation="Use secure email.",
                                   status=Action.Status.IN_PROGRESS)
    form = login(igteam).get(f"/risks/{risk.pk}/edit/").context["form"]
    assert list(form.fields["actions"].queryset) == [action]
    data = {name: form[name].value() for name in form.fields}
    data.update(actions=[action.pk], raised_on="2025-01-06", next_review_on="")
    data = {k: ("" if v is None else v) for k, v in data.items()}
    assert login(igteam).post(f"/risks/{risk.pk}/edit/", data).status_code == 302
    assert list(risk.actions.all()) == [action]
    assert "ICO data protection audit, A12" in login(igteam).get(f"/risks/{risk.pk}/").content.decode()
