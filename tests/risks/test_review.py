"""Recording a review is an explicit action: its residual scores become the risk's, and the history
(and so the chart) shows the score at each review."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from risks.charts import residual_chart
from risks.models import Bands, Risk, RiskReview
from tests.risks.factories import make_risk


@pytest.fixture
def risk(owner):
    return make_risk(owner, residual=(4, 4), last_reviewed=date(2026, 1, 10), raised_on=date(2025, 1, 6))


def review(risk, **changes):
    data = {"reviewed_on": timezone.localdate().isoformat(), "residual_likelihood": 3, "residual_impact": 4,
            "note": "Multi-factor authentication enforced", "next_review_on": "", "seen_version": risk.version}
    data.update(changes)
    return data


@pytest.mark.django_db
def test_owner_records_a_review_that_moves_the_residual_score(risk, login, owner):
    response = login(owner).post(f"/risks/{risk.pk}/reviews/add/", review(risk))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.residual, risk.last_reviewed) == (12, timezone.localdate())
    recorded = RiskReview.objects.get()
    assert (recorded.reviewer, recorded.residual, recorded.note) == (owner, 12, "Multi-factor authentication enforced")
    latest = risk.history.first()
    assert latest.history_change_reason.startswith("Review on") and latest.history_user == owner


@pytest.mark.django_db
def test_an_older_review_does_not_move_the_last_review_date_back(risk, login, igteam):
    login(igteam).post(f"/risks/{risk.pk}/reviews/add/", review(risk, reviewed_on="2025-12-01"))
    risk.refresh_from_db()
    assert risk.last_reviewed == date(2026, 1, 10)


@pytest.mark.django_db
def test_a_review_cannot_be_in_the_future_or_set_a_next_review_before_itself(risk, login, owner):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(owner).post(f"/risks/{risk.pk}/reviews/add/", review(risk, reviewed_on=tomorrow.isoformat()))
    assert "must be today or in the past" in response.content.decode()
    response = login(owner).post(f"/risks/{risk.pk}/reviews/add/", review(risk, next_review_on="2020-01-01"))
    assert "The next review must be after this review" in response.content.decode()
    assert not RiskReview.objects.exists()


@pytest.mark.django_db
def test_a_stale_review_is_refused_and_records_nothing(risk, login, owner):
    stale = review(risk)
    Risk.objects.get(pk=risk.pk).save()
    response = login(owner).post(f"/risks/{risk.pk}/reviews/add/", stale)
    assert "Someone else saved this record" in response.content.decode()
    assert not RiskReview.objects.exists()
    assert response.context["form"].data["seen_version"] == risk.version + 1


@pytest.mark.django_db
def test_colleague_cannot_record_a_review(risk, login, other_officer):
    assert login(other_officer).post(f"/risks/{risk.pk}/reviews/add/", review(risk)).status_code == 404
    assert not RiskReview.objects.exists()


@pytest.mark.django_db
def test_review_clears_the_risk_from_review_overdue(risk, login, owner):
    today = timezone.localdate()
    Risk.objects.filter(pk=risk.pk).update(last_reviewed=today - timedelta(days=400))
    assert Risk.objects.review_overdue(today).exists()
    risk.refresh_from_db()
    login(owner).post(f"/risks/{risk.pk}/reviews/add/", review(risk))
    assert not Risk.objects.review_overdue(today).exists()


@pytest.mark.django_db
def test_residual_over_time_chart_reflects_the_history(risk, login, owner):
    client = login(owner)
    client.post(f"/risks/{risk.pk}/reviews/add/", review(risk, residual_likelihood=3, residual_impact=4))
    risk.refresh_from_db()
    client.post(f"/risks/{risk.pk}/reviews/add/", review(risk, residual_likelihood=3, residual_impact=4,
                                                         note="No change"))
    risk.refresh_from_db()
    client.post(f"/risks/{risk.pk}/reviews/add/", review(risk, residual_likelihood=2, residual_impact=3))
    risk.refresh_from_db()
    assert [score for _when, score in risk.residual_over_time()] == [16, 12, 6]
    response = client.get(f"/risks/{risk.pk}/")
    assert [score for _when, score in response.context["points"]] == [16, 12, 6]
    chart = response.context["chart"]
    assert [p["score"] for p in chart.points] == [16, 12, 6]
    # higher scores are drawn higher up
    assert chart.points[0]["y"] < chart.points[1]["y"] < chart.points[2]["y"]
    text = response.content.decode()
    assert "<svg" in text and 'role="img"' in text and "Each change of the residual score" in text


@pytest.mark.django_db
def test_chart_spans_from_the_first_record_to_today(risk):
    points = [(date(2025, 1, 6), 16), (date(2025, 7, 1), 12)]
    chart = residual_chart(points, date(2026, 1, 6), Bands())
    assert chart.points[0]["x"] == chart.left
    assert chart.path.endswith(f"H {float(chart.left + chart.plot_width)}")
    assert [tick["label"] for tick in chart.x_ticks] == ["Jul 2025", "Jan 2026"]
