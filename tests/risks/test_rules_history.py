"""The scales, bands, appetite and categories keep their history, so a past date is judged by the
rules in force then; every change to them, in the admin too, is recorded with who made it."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from zeal import zeal_ignore

from risks.models import ImpactLevel, LikelihoodLevel, Risk, RiskAppetite, RiskCategory, Rules, ScoreBand
from tests.risks.factories import make_risk

LONDON = ZoneInfo("Europe/London")


@pytest.mark.django_db
@pytest.mark.parametrize("model", [LikelihoodLevel, ImpactLevel, ScoreBand, RiskAppetite, RiskCategory])
def test_every_default_is_in_force_from_before_anything_was_recorded(model):
    for row in model.objects.all():
        first = row.history.earliest("history_date")
        assert (first.history_type, first.history_date) == ("+", datetime(1900, 1, 1, tzinfo=UTC))
    assert len(Rules.as_at(datetime(2000, 1, 1, tzinfo=UTC)).bands.bands) == 4


@pytest.mark.django_db
def test_an_administrator_changing_an_appetite_is_recorded_with_their_name(login, admin_user):
    cautious = RiskAppetite.objects.get(level="cautious")
    response = login(admin_user).post(f"/admin/risks/riskappetite/{cautious.pk}/change/",
                                      {"level": "cautious", "max_residual_score": 8, "description": "Safe options."})
    assert response.status_code == 302
    change = cautious.history.latest("history_date")
    assert (change.max_residual_score, change.history_type, change.history_user) == (8, "~", admin_user)


@pytest.mark.django_db
def test_renaming_levels_in_the_admin_list_is_recorded_with_the_administrator(login, admin_user):
    levels = list(LikelihoodLevel.objects.order_by("value"))
    data = {"form-TOTAL_FORMS": len(levels), "form-INITIAL_FORMS": len(levels), "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000, "_save": "Save"}
    for i, level in enumerate(levels):
        data[f"form-{i}-id"] = level.pk
        data[f"form-{i}-name"] = "Even chance" if level.value == 3 else level.name
    # Django's list_editable reads each row's id with its own get(): five levels, not an N+1 of igov's.
    with zeal_ignore([{"model": "risks.LikelihoodLevel", "field": "get()"}]):
        response = login(admin_user).post("/admin/risks/likelihoodlevel/", data)
    assert response.status_code == 302
    change = LikelihoodLevel.objects.get(value=3).history.latest("history_date")
    assert (change.name, change.history_user) == ("Even chance", admin_user)


@pytest.mark.django_db
def test_a_category_is_judged_by_the_appetite_it_had_then(owner):
    category = RiskCategory.objects.get(name="Data sharing")  # cautious: up to 10
    with time_machine.travel(datetime(2025, 1, 10, 10, tzinfo=LONDON)):
        make_risk(owner, residual=(3, 3), category=category, raised_on=date(2025, 1, 10))
    with time_machine.travel(datetime(2025, 3, 1, 10, tzinfo=LONDON)):
        category.appetite = RiskAppetite.objects.get(level="averse")  # up to 4
        category.name = "Data sharing with partners"
        category.save()
    before, after = Risk.position_as_at(date(2025, 2, 1)), Risk.position_as_at(date(2025, 3, 2))
    assert (before.above_appetite, after.above_appetite) == (0, 1)
    assert [(c.category.name, c.category.appetite_level, c.category.appetite_score) for c in before.by_category] == [
        ("Data sharing", "Cautious", 10)]
    assert [(c.category.name, c.category.appetite_score) for c in after.by_category] == [
        ("Data sharing with partners", 4)]


@pytest.mark.django_db
def test_the_scales_names_are_those_in_force_then():
    with time_machine.travel(datetime(2025, 3, 1, 10, tzinfo=LONDON)):
        level = ImpactLevel.objects.get(value=5)
        level.name = "Catastrophic"
        level.save()
    assert Rules.as_at(datetime(2025, 2, 1, tzinfo=LONDON)).impact_names[5] == "Severe"
    assert Rules.as_at(datetime(2025, 3, 2, tzinfo=LONDON)).impact_names[5] == "Catastrophic"


@pytest.mark.django_db
def test_two_changes_at_the_same_instant_count_the_risk_once(owner):
    with time_machine.travel(datetime(2025, 1, 10, 10, tzinfo=LONDON), tick=False):
        risk = make_risk(owner, residual=(3, 3), raised_on=date(2025, 1, 10))
        risk.residual_likelihood = 2
        risk.save()
    then = Risk.position_as_at(date(2025, 1, 10))
    assert (then.total, then.residual_cells) == (1, {(2, 3): 1})
