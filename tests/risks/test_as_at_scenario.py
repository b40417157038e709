"""The register as at any date, judged by the bands and appetite in force that day: a scenario
over three dated periods (risks raised; reviewed with new residual scores, a band boundary and an
appetite changed; a risk closed), checked exactly at dates between them and on the index's `?on=`."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from risks.models import Risk, RiskAppetite, RiskCategory, ScoreBand, risk_record_review
from tests.risks.factories import make_risk

LONDON = ZoneInfo("Europe/London")
PERIOD_1, PERIOD_2, PERIOD_3 = (datetime(2025, 1, 10, 10, tzinfo=LONDON), datetime(2025, 4, 15, 10, tzinfo=LONDON),
                                datetime(2025, 8, 20, 10, tzinfo=LONDON))
FEBRUARY, MAY, SEPTEMBER = date(2025, 2, 1), date(2025, 5, 1), date(2025, 9, 1)


def in_category(name):
    return RiskCategory.objects.get(name=name)


def review(risk, on: date, residual):
    risk.refresh_from_db()
    risk_record_review(risk, reviewer=risk.owner, reviewed_on=on, note="Reviewed", residual_likelihood=residual[0],
                       residual_impact=residual[1], next_review_on=None, seen_version=risk.version)


def bands(position):
    return [(b.band.label, b.band.min_score, b.band.max_score, b.count) for b in position.by_band]


@pytest.fixture
def scenario(owner, other_officer):
    """Returns the live position on each check date, read on that date (with time-machine)."""
    seen = {}
    with time_machine.travel(PERIOD_1):
        a = make_risk(owner, residual=(4, 3), category=in_category("Information security"),  # averse: up to 4
                      raised_on=PERIOD_1.date(), last_reviewed=None)
        make_risk(owner, residual=(3, 3), category=in_category("Data sharing"),  # cautious: up to 10
              raised_on=PERIOD_1.date(), last_reviewed=None)
        c = make_risk(other_officer, residual=(2, 2), category=in_category("Records management"),  # cautious
                      raised_on=PERIOD_1.date(), last_reviewed=None)
        d = make_risk(other_officer, residual=(4, 4), category=in_category("Digital innovation"),  # open: up to 12
                      raised_on=PERIOD_1.date(), last_reviewed=None)
    with time_machine.travel(datetime(2025, 2, 1, 17, tzinfo=LONDON)):
        seen[FEBRUARY] = Risk.objects.position(FEBRUARY)
    with time_machine.travel(PERIOD_2):
        review(a, PERIOD_2.date(), (2, 3))
        # The council moves a band boundary (12 becomes Medium) and lowers its cautious appetite to 8.
        high, medium = ScoreBand.objects.get(label="High"), ScoreBand.objects.get(label="Medium")
        high.min_score, medium.max_score = 13, 12
        high.save()
        medium.save()
        cautious = RiskAppetite.objects.get(level="cautious")
        cautious.max_residual_score = 8
        cautious.save()
        make_risk(owner, residual=(3, 4), category=in_category("Data quality"),  # cautious
                  raised_on=PERIOD_2.date(), last_reviewed=None)
    with time_machine.travel(datetime(2025, 5, 1, 17, tzinfo=LONDON)):
        seen[MAY] = Risk.objects.position(MAY)
    with time_machine.travel(PERIOD_3):
        c.refresh_from_db()
        c.status = Risk.Status.CLOSED
        c.save()
        review(d, PERIOD_3.date(), (2, 2))
    with time_machine.travel(datetime(2025, 9, 1, 17, tzinfo=LONDON)):
        seen[SEPTEMBER] = Risk.objects.position(SEPTEMBER)
    return seen


@pytest.mark.django_db
def test_february_is_judged_by_februarys_bands_and_appetite(scenario):
    then = Risk.position_as_at(FEBRUARY)
    assert (then.total, then.open, then.closed, then.above_appetite, then.review_overdue) == (4, 4, 0, 2, 0)
    # 12 was High in February, and 9 within the cautious appetite of 10: later changes do not move them.
    assert bands(then) == [("Low", 1, 4, 1), ("Medium", 5, 10, 1), ("High", 12, 16, 2), ("Very high", 20, 25, 0)]
    assert then.residual_cells == {(4, 3): 1, (3, 3): 1, (2, 2): 1, (4, 4): 1}
    sharing = next(c for c in then.by_category if c.category.name == "Data sharing")
    assert (sharing.category.appetite_score, sharing.open, sharing.above_appetite) == (10, 1, 0)


@pytest.mark.django_db
def test_may_is_judged_by_the_rules_changed_in_april(scenario):
    then = Risk.position_as_at(MAY)
    # Above appetite: a (6 > averse 4), b (9 > cautious 8), d (16 > open 12), e (12 > cautious 8).
    # Reviews overdue on 1 May: b, c and d, raised in January and never reviewed (quarterly).
    assert (then.total, then.open, then.closed, then.above_appetite, then.review_overdue) == (5, 5, 0, 4, 3)
    assert bands(then) == [("Low", 1, 4, 1), ("Medium", 5, 12, 3), ("High", 13, 16, 1), ("Very high", 20, 25, 0)]
    assert then.residual_cells == {(2, 3): 1, (3, 3): 1, (2, 2): 1, (4, 4): 1, (3, 4): 1}


@pytest.mark.django_db
def test_september_counts_the_closed_risk_and_the_lowered_score(scenario):
    then = Risk.position_as_at(SEPTEMBER)
    # Overdue on 1 September: a (reviewed 15 April), b (raised 10 January), e (raised 15 April).
    assert (then.total, then.open, then.closed, then.above_appetite, then.review_overdue) == (5, 4, 1, 3, 3)
    assert bands(then) == [("Low", 1, 4, 1), ("Medium", 5, 12, 3), ("High", 13, 16, 0), ("Very high", 20, 25, 0)]
    assert then.residual_cells == {(2, 3): 1, (3, 3): 1, (2, 2): 1, (3, 4): 1}


@pytest.mark.django_db
def test_each_date_reads_the_same_figures_the_register_showed_that_day(scenario):
    for on, shown_that_day in scenario.items():
        assert Risk.position_as_at(on) == shown_that_day, on
        assert bands(Risk.position_as_at(on)) == bands(shown_that_day), on


@pytest.mark.django_db
def test_every_as_at_position_adds_up(scenario):
    for on in (FEBRUARY, MAY, SEPTEMBER):
        then = Risk.position_as_at(on)
        assert then.total == then.open + then.closed
        assert sum(b.count for b in then.by_band) + then.unbanded == then.open
        assert sum(then.residual_cells.values()) == sum(then.inherent_cells.values()) == then.open
        for key in ("open", "above_appetite", "review_overdue"):
            assert sum(getattr(c, key) for c in then.by_category) == getattr(then, key)


@pytest.mark.django_db
def test_the_index_on_a_date_shows_the_as_at_figures(scenario, login, igteam):
    response = login(igteam).get("/risks/?on=2025-02-01")
    assert response.status_code == 200
    assert response.context["position"] == Risk.position_as_at(FEBRUARY)
    text = response.content.decode()
    assert "Information risk register as at 1 February 2025" in text
    assert "12 to 16" in text and "13 to 16" not in text  # the High band as it stood then


@pytest.mark.django_db
def test_an_officer_sees_only_the_risks_they_owned_then(scenario, login, other_officer):
    position = login(other_officer).get("/risks/?on=2025-05-01").context["position"]
    assert (position.total, position.open, position.above_appetite) == (2, 2, 1)  # c, and d above open 12


@pytest.mark.django_db
def test_the_index_before_any_risk_says_so_plainly(scenario, login, committee):
    response = login(committee).get("/risks/?on=2024-12-31")
    assert response.status_code == 200
    text = response.content.decode()
    assert "No risks had been recorded by 31 December 2024" in text
    assert not response.context["position"].recorded


@pytest.mark.django_db
def test_the_index_without_a_date_shows_today(scenario, login, igteam):
    response = login(igteam).get("/risks/")
    assert response.context["on"] is None
    assert response.context["position"] == Risk.objects.position(timezone.localdate())


@pytest.mark.django_db
def test_a_date_in_the_future_is_refused_with_a_message(login, igteam):
    response = login(igteam).get("/risks/?on=2999-01-01")
    assert response.status_code == 200 and response.context["on"] is None
    assert "As at must be today or in the past." in response.content.decode()
