"""The summaries: counts that add up, and counts only for the committee."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from assets.models import DataSharingAgreement, add_months
from tests.assets.factories import make_agreement, make_asset

pytestmark = pytest.mark.django_db
S = DataSharingAgreement.Status


@pytest.fixture
def register(owner, other_officer):
    today = timezone.localdate()
    make_asset(owner, last_reviewed=today)
    make_asset(owner, last_reviewed=date(2020, 1, 1))
    make_asset(other_officer, last_reviewed=None)
    make_asset(None, last_reviewed=today)
    make_agreement(safeguarding=True, starts_on=today)                      # active
    make_agreement(safeguarding=True, starts_on=date(2020, 1, 1))           # active, past expiry: expired
    make_agreement(safeguarding=True, status=S.EXPIRED, starts_on=date(2019, 1, 1))
    make_agreement(safeguarding=True, status=S.UNDER_REVIEW, starts_on=today)
    make_agreement(safeguarding=True, status=S.DRAFT, signed_on=None, starts_on=None)
    make_agreement(safeguarding=False, starts_on=add_months(today, -36) + timedelta(days=30))  # expiring soon
    return today


def figures(page, ident):
    start = page.index(f'id="{ident}"')
    return page[start:page.index("</", start)]


def test_summary_counts_add_up(login, igteam, register):
    response = login(igteam).get("/assets/")
    assets, agreements = response.context["assets"], response.context["agreements"]
    assert assets.total == 4
    assert assets.without_owner == 1
    assert assets.review_overdue == 2 and assets.never_reviewed == 1
    assert assets.up_to_date + assets.reviewed_late + assets.never_reviewed == assets.total
    counts = {row.status: row.count for row in agreements.safeguarding_by_status}
    assert counts["active"] == 1 and counts["expired"] == 2 and counts["under_review"] == 1 and counts["draft"] == 1
    assert sum(counts.values()) == agreements.safeguarding_total == 5
    assert agreements.safeguarding_expired_but_active == 1
    assert agreements.expiring == 1


def test_committee_sees_counts_and_no_names_or_lists(login, committee, register):
    response = login(committee).get("/assets/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Safeguarding agreements by status" in page
    assert "Olwen Ownerby" not in page and "/assets/register/" not in page
    assert login(committee).get("/assets/register/").status_code == 403


def test_the_iao_table_adds_up_to_the_register(login, igteam, register):
    context = login(igteam).get("/assets/").context
    owners = context["owners"]
    assert owners[0]["person"] is None  # assets without an IAO come first
    assert sum(row["assets"] for row in owners) == context["assets"].total
    assert sum(row["overdue"] for row in owners) == context["assets"].review_overdue
