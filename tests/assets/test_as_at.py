"""The register as at any date, from its history: assets, owners and reviews, agreements by status,
judged on that date by the review and expiry dates in force then; the summary's ?on= shows the same."""
from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assets.models import AssetFigures, DataSharingAgreement, register_position_as_at
from igov.lib.dates import end_of
from tests.assets.factories import make_agreement, make_asset

pytestmark = pytest.mark.django_db
S = DataSharingAgreement.Status


def at(day):
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=10)))
    return time_machine.travel(moment, tick=False)


def position(day):
    return register_position_as_at(end_of(day))


def by_status(rows):
    return {row.status: row.count for row in rows if row.count}


@pytest.fixture
def history(owner, other_officer):
    """Three dated periods of change to the register and its agreements."""
    made = {}
    with at(date(2025, 1, 15)):  # period 1: the register starts
        made["a1"] = make_asset(owner, last_reviewed=date(2025, 1, 10))
        made["a2"] = make_asset(owner, last_reviewed=None)
        made["a3"] = make_asset(None, last_reviewed=date(2025, 1, 10))
        made["g1"] = make_agreement(safeguarding=True, lead_officer=owner, signed_on=date(2024, 1, 20),
                                    starts_on=date(2024, 2, 1), term_months=12)        # expires 1 Feb 2025
        made["g2"] = make_agreement(safeguarding=False, signed_on=date(2024, 12, 20), starts_on=date(2025, 1, 1))
        made["g3"] = make_agreement(safeguarding=True, status=S.DRAFT, signed_on=None, starts_on=None)
    with at(date(2025, 6, 15)):  # period 2: an IAO removed, a review done, one ended, one signed
        made["a1"].owner = None
        made["a1"].save()
        made["a2"].last_reviewed = date(2025, 6, 15)
        made["a2"].save()
        made["g2"].status = S.TERMINATED
        made["g2"].save()
        g3 = made["g3"]
        g3.status, g3.signed_on, g3.starts_on, g3.term_months = S.ACTIVE, date(2025, 5, 20), date(2025, 6, 1), 12
        g3.save()
    with at(date(2026, 3, 15)):  # period 3: an asset added, a review done, the lapsed agreement marked expired
        made["a4"] = make_asset(other_officer, last_reviewed=date(2026, 3, 1))
        made["a3"].last_reviewed = date(2026, 3, 1)
        made["a3"].save()
        made["g1"].status = S.EXPIRED
        made["g1"].save()
    return made


def test_before_anything_was_recorded_the_position_is_empty(history):
    empty = position(date(2024, 12, 1))
    assert not empty.anything_recorded
    assert empty.assets == AssetFigures(total=0, without_owner=0, review_overdue=0, never_reviewed=0)


def test_in_the_first_period_the_safeguarding_agreement_was_still_in_date(history):
    p = position(date(2025, 1, 20))
    assert p.assets == AssetFigures(total=3, without_owner=1, review_overdue=1, never_reviewed=1)
    assert by_status(p.agreements.by_status) == {"active": 2, "draft": 1}
    assert by_status(p.agreements.safeguarding_by_status) == {"active": 1, "draft": 1}
    assert p.agreements.expired_but_active == 0


def test_after_its_expiry_the_safeguarding_agreement_counts_as_expired_but_still_active(history):
    p = position(date(2025, 3, 1))
    assert by_status(p.agreements.by_status) == {"active": 1, "expired": 1, "draft": 1}
    assert by_status(p.agreements.safeguarding_by_status) == {"expired": 1, "draft": 1}
    assert (p.agreements.expired_but_active, p.agreements.safeguarding_expired_but_active) == (1, 1)
    assert p.agreements.total == 3 and p.agreements.safeguarding_total == 2


def test_in_the_second_period_the_iao_removed_and_the_review_done_count(history):
    p = position(date(2025, 7, 1))
    assert p.assets == AssetFigures(total=3, without_owner=2, review_overdue=0, never_reviewed=0)
    assert by_status(p.agreements.by_status) == {"active": 1, "expired": 1, "terminated": 1}
    assert by_status(p.agreements.safeguarding_by_status) == {"active": 1, "expired": 1}
    assert p.agreements.expired_but_active == 1


def test_reviews_lapse_a_year_after_the_review_in_force_then(history):
    p = position(date(2026, 2, 1))
    assert p.assets == AssetFigures(total=3, without_owner=2, review_overdue=2, never_reviewed=0)
    assert (p.assets.up_to_date, p.assets.reviewed_late) == (1, 2)


def test_in_the_third_period_the_lapsed_agreement_is_recorded_as_expired(history):
    p = position(date(2026, 4, 1))
    assert p.assets == AssetFigures(total=4, without_owner=2, review_overdue=1, never_reviewed=0)
    assert by_status(p.agreements.safeguarding_by_status) == {"active": 1, "expired": 1}
    assert p.agreements.expired_but_active == 0
    assert p.agreements.expiring == 1  # the safeguarding agreement signed in June ends on 1 June 2026
    assert p.assets.up_to_date + p.assets.reviewed_late + p.assets.never_reviewed == p.assets.total


def test_the_summary_on_a_date_shows_the_as_at_figures(login, igteam, history):
    response = login(igteam).get("/assets/?on=2025-03-01")
    page = response.content.decode()
    assert response.context["position"] == position(date(2025, 3, 1))
    assert "Information assets and data sharing as at 1 March 2025" in page
    assert 'id="expired-active">1<' in page and 'id="lapsed-safeguarding">1<' in page


def test_a_date_before_any_record_says_so(login, igteam, history):
    page = login(igteam).get("/assets/?on=2024-12-01").content.decode()
    assert "No information asset or data sharing agreement had been recorded by 1 December 2024" in page


def test_no_date_is_today_and_a_bad_date_is_refused_with_a_message(login, igteam, history):
    today = login(igteam).get("/assets/")
    assert today.context["on"] == timezone.localdate() and not today.context["past"]
    future = login(igteam).get("/assets/?on=2999-01-01")
    assert future.status_code == 200
    assert "As at must be today or in the past" in future.content.decode()
    assert future.context["on"] == timezone.localdate()


def test_a_committee_member_sees_the_past_position_without_names(login, committee, owner, history):
    page = login(committee).get("/assets/?on=2025-03-01").content.decode()
    assert 'id="assets-total">3<' in page
    assert owner.get_full_name() not in page and "/assets/register/" not in page


def test_the_as_at_read_costs_two_queries_whatever_the_history_depth(history):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            position(date(2025, 7, 1))
        return len(captured)

    shallow = queries()
    asset, agreement = history["a4"], history["g3"]
    with at(date(2026, 4, 2)):
        for n in range(30):
            asset.description = f"Edit {n}"
            asset.save()
            agreement.purpose = f"Edit {n}"
            agreement.save()
    assert queries() == shallow == 2
