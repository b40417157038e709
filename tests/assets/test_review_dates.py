"""Review and signature dates say what has happened: never in the future, and reviews in order."""
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.assets.factories import make_agreement, make_asset
from tests.assets.test_asset_pages import form_data

pytestmark = pytest.mark.django_db


def test_an_iao_cannot_date_a_review_in_the_future(login, owner):
    asset = make_asset(owner, last_reviewed=timezone.localdate() - timedelta(days=400))
    future = timezone.localdate() + timedelta(days=30)
    response = login(owner).post(f"/assets/{asset.pk}/edit/", form_data(asset, last_reviewed=future.isoformat()))
    assert response.status_code == 200
    assert "Last review must be today or in the past." in response.content.decode()
    asset.refresh_from_db()
    assert asset.is_review_overdue(timezone.localdate())


def test_the_next_review_must_come_after_the_last(login, owner):
    asset = make_asset(owner)
    today = timezone.localdate()
    response = login(owner).post(f"/assets/{asset.pk}/edit/", form_data(
        asset, last_reviewed=today.isoformat(), next_review_on=(today - timedelta(days=300)).isoformat()))
    assert response.status_code == 200
    assert "The next review must be after the last review." in response.content.decode()


def test_the_database_refuses_an_agreement_review_due_before_its_last_review():
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_agreement(last_reviewed=today, review_on=today - timedelta(days=1))


def test_an_agreement_cannot_be_signed_in_the_future(login, igteam):
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = login(igteam).post("/assets/agreements/new/", {
        "reference": "DSA-99", "title": "Youth offending data", "status": "draft", "purpose": "Safeguarding",
        "signed_on": future, "dpia_date": future, "dpia_completed": "on", "term_months": 36})
    page = response.content.decode()
    assert "Date signed must be today or in the past." in page
    assert "DPIA date must be today or in the past." in page
