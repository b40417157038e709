"""A risk's page: the three scores side by side with the scale's names and the bands."""
import pytest

from risks.models import LikelihoodLevel
from tests.risks.factories import make_risk


@pytest.mark.django_db
def test_detail_shows_inherent_residual_and_target_scores_with_bands(login, owner):
    risk = make_risk(owner, inherent=(5, 4), residual=(3, 4), target=(1, 3))
    response = login(owner).get(f"/risks/{risk.pk}/")
    scores = {s["label"]: (s["score"], s["band"].label) for s in response.context["scores"]}
    assert scores == {"Inherent": (20, "Very high"), "Residual": (12, "High"), "Target": (3, "Low")}
    assert "Likelihood 5 (Almost certain) × impact 4 (Major)" in response.content.decode()


@pytest.mark.django_db
def test_detail_uses_the_level_names_an_administrator_sets(login, owner):
    risk = make_risk(owner, residual=(3, 3))
    level = LikelihoodLevel.objects.get(value=3)
    level.name = "Even chance"
    level.save()
    assert "Likelihood 3 (Even chance)" in login(owner).get(f"/risks/{risk.pk}/").content.decode()


@pytest.mark.django_db
def test_owner_sees_edit_and_review_buttons_but_not_add(login, owner):
    risk = make_risk(owner)
    text = login(owner).get(f"/risks/{risk.pk}/").content.decode()
    assert "Record a review" in text and "Edit the risk" in text and "Add a risk" not in text
