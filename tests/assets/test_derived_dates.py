"""Next review, expiry and review-due dates are derived: the database and Python agree."""
from datetime import date

import pytest

from assets.models import DataSharingAgreement, InformationAsset, add_months
from tests.assets.factories import make_agreement, make_asset

pytestmark = pytest.mark.django_db


def test_add_months_keeps_the_day_or_takes_the_months_last_day():
    assert add_months(date(2025, 3, 31), 12) == date(2026, 3, 31)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(None, 12) is None


@pytest.mark.parametrize("last, expected", [
    (date(2025, 6, 15), date(2026, 6, 15)),
    (date(2024, 2, 29), date(2025, 2, 28)),
    (date(2025, 1, 31), date(2026, 1, 31)),
])
def test_next_review_is_twelve_months_after_the_last_in_sql_and_python(last, expected):
    asset = make_asset(last_reviewed=last)
    assert asset.next_review == expected
    assert InformationAsset.objects.with_next_review().get(pk=asset.pk).next_review == expected


def test_a_next_review_date_set_on_the_asset_wins():
    asset = make_asset(last_reviewed=date(2025, 6, 15), next_review_on=date(2025, 12, 1))
    assert asset.next_review == date(2025, 12, 1)
    assert InformationAsset.objects.with_next_review().get(pk=asset.pk).next_review == date(2025, 12, 1)


def test_review_overdue_means_next_review_before_today_or_never_reviewed():
    due_today = make_asset(last_reviewed=date(2025, 6, 15))
    overdue = make_asset(last_reviewed=date(2025, 6, 14))
    never = make_asset(last_reviewed=None)
    today = date(2026, 6, 15)
    assert set(InformationAsset.objects.review_overdue(today)) == {overdue, never}
    assert [a.is_review_overdue(today) for a in (due_today, overdue, never)] == [False, True, True]


def test_agreement_expires_at_start_plus_term_unless_an_end_date_is_set():
    by_term = make_agreement(starts_on=date(2024, 2, 29), term_months=36)
    by_date = make_agreement(starts_on=date(2024, 4, 1), ends_on=date(2025, 3, 31))
    loaded = {a.pk: a for a in DataSharingAgreement.objects.with_dates()}
    assert by_term.expires_on == loaded[by_term.pk].expires_on == date(2027, 2, 28)
    assert by_date.expires_on == loaded[by_date.pk].expires_on == date(2025, 3, 31)


def test_agreement_review_is_due_a_year_after_its_last_review_or_its_start():
    never_reviewed = make_agreement(starts_on=date(2025, 4, 1))
    reviewed = make_agreement(starts_on=date(2023, 4, 1), last_reviewed=date(2025, 9, 10))
    loaded = {a.pk: a for a in DataSharingAgreement.objects.with_dates()}
    assert never_reviewed.review_due == loaded[never_reviewed.pk].review_due == date(2026, 4, 1)
    assert reviewed.review_due == loaded[reviewed.pk].review_due == date(2026, 9, 10)


def test_expiring_within_counts_agreements_in_force_that_end_in_the_window():
    today = date(2026, 1, 1)
    soon = make_agreement(starts_on=date(2023, 3, 1))  # expires 1 March 2026
    later = make_agreement(starts_on=date(2024, 3, 1))
    make_agreement(starts_on=date(2023, 3, 1), status=DataSharingAgreement.Status.TERMINATED)
    make_agreement(starts_on=date(2022, 3, 1))  # already past its expiry
    assert list(DataSharingAgreement.objects.expiring_within(90, today)) == [soon]
    assert later not in DataSharingAgreement.objects.expiring_within(90, today)


def test_an_active_agreement_past_its_expiry_counts_as_expired():
    today = date(2026, 1, 1)
    lapsed = make_agreement(starts_on=date(2022, 3, 1))
    current = make_agreement(starts_on=date(2025, 3, 1))
    statuses = dict(DataSharingAgreement.objects.with_current_status(today).values_list("pk", "current_status"))
    assert statuses == {lapsed.pk: "expired", current.pk: "active"}
    assert lapsed.current_status(today) == DataSharingAgreement.Status.EXPIRED
