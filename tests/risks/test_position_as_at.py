"""The register's position as at a past moment comes from the history, for committee reports."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from risks.models import Risk, risk_record_review
from tests.risks.factories import make_risk


@pytest.mark.django_db
def test_position_as_at_reads_the_residual_score_at_that_moment(owner):
    risk = make_risk(owner, residual=(4, 4), last_reviewed=timezone.localdate())  # security: above appetite
    make_risk(owner, residual=(1, 1), status=Risk.Status.CLOSED)
    before_review = timezone.now()
    risk_record_review(risk, reviewer=owner, reviewed_on=timezone.localdate(), note="Controls improved",
                       residual_likelihood=1, residual_impact=2, next_review_on=None, seen_version=risk.version)
    then = Risk.position_as_at(before_review)
    assert (then.open, then.above_appetite, then.residual_cells) == (1, 1, {(4, 4): 1})
    now = Risk.position_as_at(timezone.now())
    assert (now.open, now.above_appetite, now.residual_cells) == (1, 0, {(1, 2): 1})


@pytest.mark.django_db
def test_position_before_any_risk_was_recorded_is_empty(owner):
    make_risk(owner)
    position = Risk.position_as_at(timezone.now() - timedelta(days=1))
    assert not position.recorded
    assert (position.total, position.open, position.above_appetite, position.review_overdue) == (0, 0, 0, 0)
    assert position.residual_cells == {} and position.by_category == []


@pytest.mark.django_db
def test_position_now_matches_the_summary_and_its_parts_add_up(owner, other_officer):
    make_risk(owner, residual=(4, 4))
    make_risk(other_officer, residual=(1, 1), last_reviewed=date(2020, 1, 1))
    make_risk(owner, residual=(2, 2), status=Risk.Status.CLOSED)
    today = timezone.localdate()
    position = Risk.objects.position(today)
    summary = Risk.objects.summary(today)
    assert (position.open, position.above_appetite, position.review_overdue) == (2, 1, 1)
    assert (summary["open"], summary["above_appetite"], summary["review_overdue"]) == (2, 1, 1)
    assert position.total == position.open + position.closed == 3
    assert sum(b.count for b in position.by_band) + position.unbanded == position.open
    assert sum(position.residual_cells.values()) == sum(position.inherent_cells.values()) == position.open
    for key in ("open", "above_appetite", "review_overdue"):
        assert getattr(position, key) == sum(getattr(row, key) for row in position.by_category)


@pytest.mark.django_db
def test_position_now_and_as_at_now_agree(owner, other_officer):
    make_risk(owner, residual=(4, 4))
    make_risk(other_officer, residual=(1, 1), last_reviewed=date(2020, 1, 1))
    make_risk(owner, residual=(2, 3), status=Risk.Status.CLOSED)
    assert Risk.position_as_at(timezone.now()) == Risk.objects.position(timezone.localdate())
