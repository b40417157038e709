"""Controls only lower a risk: residual ≤ inherent and target ≤ residual, in every form and in the database."""
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from risks.models import Risk, RiskReview
from tests.risks.factories import make_risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk(owner):
    return make_risk(owner, inherent=(4, 3), residual=(3, 3), target=(2, 3))


def ig_team_post(client, risk, **changes):
    form = client.get(f"/risks/{risk.pk}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(raised_on="2025-01-06", next_review_on="", **changes)
    return client.post(f"/risks/{risk.pk}/edit/", {k: ("" if v is None else v) for k, v in data.items()})


def test_ig_team_cannot_score_the_residual_above_the_inherent(risk, login, igteam):
    response = ig_team_post(login(igteam), risk, residual_likelihood=4, residual_impact=4)
    assert response.status_code == 200
    assert ("The residual score (4 × 4 = 16) cannot be higher than the inherent score (4 × 3 = 12)"
            in response.content.decode())
    risk.refresh_from_db()
    assert risk.residual == 9


def test_ig_team_cannot_set_a_target_above_the_residual(risk, login, igteam):
    response = ig_team_post(login(igteam), risk, target_likelihood=4, target_impact=3)
    assert response.status_code == 200
    assert ("The target score (4 × 3 = 12) cannot be higher than the residual score (3 × 3 = 9)"
            in response.content.decode())
    risk.refresh_from_db()
    assert risk.target == 6


def test_owner_cannot_set_a_target_above_the_residual(risk, login, owner):
    response = login(owner).post(f"/risks/{risk.pk}/edit/", {
        "existing_controls": "", "planned_controls": "", "treatment": "treat", "target_likelihood": 5,
        "target_impact": 2, "seen_version": risk.version})
    assert response.status_code == 200
    assert "The target score (5 × 2 = 10) cannot be higher than the residual score" in response.content.decode()
    risk.refresh_from_db()
    assert risk.target == 6


def review_post(risk, likelihood, impact):
    return {"reviewed_on": timezone.localdate().isoformat(), "residual_likelihood": likelihood,
            "residual_impact": impact, "note": "Reviewed", "next_review_on": "", "seen_version": risk.version}


def test_a_review_cannot_score_the_residual_above_the_inherent(risk, login, owner):
    response = login(owner).post(f"/risks/{risk.pk}/reviews/add/", review_post(risk, 5, 3))
    assert response.status_code == 200
    assert ("The residual score (5 × 3 = 15) cannot be higher than the inherent score (4 × 3 = 12)"
            in response.content.decode())
    assert not RiskReview.objects.exists()


def test_a_review_below_the_target_asks_for_the_target_to_be_lowered_first(risk, login, owner):
    response = login(owner).post(f"/risks/{risk.pk}/reviews/add/", review_post(risk, 1, 3))
    assert response.status_code == 200
    assert "Lower the target first" in response.content.decode()
    assert not RiskReview.objects.exists()


def test_the_database_refuses_scores_out_of_order(risk):
    for changes in ({"residual_likelihood": 5, "residual_impact": 5}, {"target_likelihood": 4, "target_impact": 4}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Risk.objects.filter(pk=risk.pk).update(**changes)
