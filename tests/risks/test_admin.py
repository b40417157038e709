"""Administrators keep the scales, bands, appetite and risks in the Django admin."""
import pytest

from risks.models import ImpactLevel, LikelihoodLevel, RiskAppetite, RiskCategory, ScoreBand
from tests.risks.factories import make_risk


@pytest.mark.django_db
def test_migration_seeds_uk_council_defaults():
    assert list(LikelihoodLevel.objects.values_list("name", flat=True)) == [
        "Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
    assert list(ImpactLevel.objects.values_list("name", flat=True)) == [
        "Negligible", "Minor", "Moderate", "Major", "Severe"]
    assert [(b.label, b.min_score, b.max_score) for b in ScoreBand.objects.all()] == [
        ("Low", 1, 4), ("Medium", 5, 10), ("High", 12, 16), ("Very high", 20, 25)]
    assert list(RiskAppetite.objects.values_list("level", flat=True)) == [
        "averse", "minimal", "cautious", "open", "eager"]
    assert RiskCategory.objects.get(name="Information security").appetite.level == "averse"


@pytest.mark.django_db
def test_admin_pages_for_a_risk_open(login, admin_user, owner):
    risk = make_risk(owner)
    client = login(admin_user)
    for url in ["/admin/risks/risk/add/", f"/admin/risks/risk/{risk.pk}/change/",
                f"/admin/risks/risk/{risk.pk}/history/", "/admin/risks/riskcategory/add/"]:
        assert client.get(url).status_code == 200, url
