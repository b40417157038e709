"""Scores are likelihood × impact; bands, appetite and review overdue are derived from the data."""
from datetime import date

import pytest

from risks.models import Bands, Risk, RiskAppetite, RiskCategory, ScoreBand, months_before
from tests.risks.factories import make_risk

TODAY = date(2026, 11, 25)


@pytest.mark.django_db
def test_scores_are_likelihood_times_impact(owner):
    make_risk(owner, inherent=(5, 4), residual=(3, 4), target=(2, 2))
    risk = Risk.objects.with_scores().get()
    assert (risk.inherent_score, risk.residual_score, risk.target_score) == (20, 12, 4)
    assert (risk.inherent, risk.residual, risk.target) == (20, 12, 4)


@pytest.mark.django_db
def test_band_follows_the_bands_an_administrator_edits(owner):
    make_risk(owner, residual=(3, 4))
    assert Risk.objects.with_scores().get().residual_band_label == "High"
    high, medium = ScoreBand.objects.get(label="High"), ScoreBand.objects.get(label="Medium")
    high.min_score, medium.max_score, medium.colour = 15, 14, "amber"
    high.save()
    medium.save()
    risk = Risk.objects.with_scores().get()
    assert (risk.residual_band_label, risk.residual_band_colour) == ("Medium", "amber")
    assert Bands().band_for(12).label == "Medium"


@pytest.mark.django_db
def test_appetite_flag_changes_when_the_appetite_changes(owner):
    category = RiskCategory.objects.get(name="Data sharing")  # cautious: up to 10
    risk = make_risk(owner, residual=(3, 4), category=category)
    assert list(Risk.objects.above_appetite()) == [risk]
    assert Risk.objects.get().is_above_appetite
    cautious = RiskAppetite.objects.get(level="cautious")
    cautious.max_residual_score = 12
    cautious.save()
    assert not Risk.objects.above_appetite().exists()
    assert not Risk.objects.get().is_above_appetite
    category.appetite = RiskAppetite.objects.get(level="averse")
    category.save()
    assert Risk.objects.above_appetite().count() == 1


@pytest.mark.django_db
def test_closed_risk_is_never_above_appetite(owner):
    make_risk(owner, residual=(5, 5), status=Risk.Status.CLOSED)
    assert not Risk.objects.above_appetite().exists()


@pytest.mark.django_db
def test_review_overdue_is_derived_from_last_review_and_frequency(owner):
    quarterly = make_risk(owner, last_reviewed=date(2026, 8, 24), review_frequency=3)
    due_today = make_risk(owner, last_reviewed=date(2026, 8, 25), review_frequency=3)
    never_reviewed = make_risk(owner, raised_on=date(2025, 1, 1), last_reviewed=None, review_frequency=12)
    annual = make_risk(owner, last_reviewed=date(2026, 1, 10), review_frequency=12)
    overdue = set(Risk.objects.review_overdue(TODAY))
    assert overdue == {quarterly, never_reviewed}
    for risk in (quarterly, due_today, never_reviewed, annual):
        assert risk.is_review_overdue(TODAY) == (risk in overdue)
    assert due_today.next_review_due == TODAY


@pytest.mark.django_db
def test_a_set_next_review_date_overrides_the_frequency(owner):
    risk = make_risk(owner, last_reviewed=date(2026, 1, 1), review_frequency=1, next_review_on=date(2026, 12, 1))
    assert not Risk.objects.review_overdue(TODAY).exists()
    assert not risk.is_review_overdue(TODAY)
    assert risk.next_review_due == date(2026, 12, 1)
    assert Risk.objects.review_overdue(date(2026, 12, 2)).get() == risk


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


@pytest.mark.django_db
def test_an_overlapping_band_is_refused_with_a_message():
    from django.core.exceptions import ValidationError

    band = ScoreBand(label="Severe", min_score=16, max_score=25, colour="purple")
    with pytest.raises(ValidationError, match="overlap the band High"):
        band.full_clean()


@pytest.mark.django_db
def test_administrator_changes_a_band_in_the_admin(login, admin_user):
    high = ScoreBand.objects.get(label="High")
    response = login(admin_user).post(f"/admin/risks/scoreband/{high.pk}/change/",
                                      {"label": "Significant", "min_score": 12, "max_score": 16, "colour": "amber"})
    assert response.status_code == 302
    assert Bands().band_for(15).label == "Significant"
    change = high.history.latest("history_date")
    assert (change.label, change.history_type, change.history_user) == ("Significant", "~", admin_user)
