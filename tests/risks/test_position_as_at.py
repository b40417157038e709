"""The register's position as at a past moment comes from the history, for committee reports."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from risks.models import Risk, risk_position_as_at, risk_record_review
from tests.risks.factories import make_risk


@pytest.mark.django_db
def test_position_as_at_reads_the_residual_score_at_that_moment(owner):
    risk = make_risk(owner, residual=(4, 4), last_reviewed=timezone.localdate())  # security: above appetite
    make_risk(owner, residual=(1, 1), status=Risk.Status.CLOSED)
    before_review = timezone.now()
    risk_record_review(risk, reviewer=owner, reviewed_on=timezone.localdate(), note="Controls improved",
                       residual_likelihood=1, residual_impact=2, next_review_on=None, seen_version=risk.version)
    then = risk_position_as_at(before_review)
    assert (then["open"], then["above_appetite"], then["residual_cells"]) == (1, 1, {(4, 4): 1})
    now = risk_position_as_at(timezone.now())
    assert (now["open"], now["above_appetite"], now["residual_cells"]) == (1, 0, {(1, 2): 1})


@pytest.mark.django_db
def test_position_before_any_risk_was_recorded_is_empty(owner):
    make_risk(owner)
    position = risk_position_as_at(timezone.now() - timedelta(days=1))
    assert position == {"open": 0, "above_appetite": 0, "review_overdue": 0, "residual_cells": {}}


@pytest.mark.django_db
def test_summary_matches_the_category_totals(owner, other_officer):
    make_risk(owner, residual=(4, 4))
    make_risk(other_officer, residual=(1, 1), last_reviewed=date(2020, 1, 1))
    today = timezone.localdate()
    rows = list(Risk.objects.summary_by_category(today))
    summary = Risk.objects.summary(today)
    for key in ("open", "above_appetite", "review_overdue"):
        assert summary[key] == sum(row[key] for row in rows)
    assert (summary["open"], summary["above_appetite"], summary["review_overdue"]) == (2, 1, 1)
