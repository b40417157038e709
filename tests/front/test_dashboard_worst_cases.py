"""The dashboard's worst cases: agreements past their expiry but still marked active, safeguarding
first, as counts for the committee and as links to the filtered list for staff."""
from datetime import date

import pytest

from assets.models import DataSharingAgreement
from tests.assets.factories import make_agreement

pytestmark = pytest.mark.django_db
S = DataSharingAgreement.Status
LAPSED_SAFEGUARDING = "/assets/agreements/?lapsed=yes&amp;safeguarding=yes"


@pytest.fixture
def lapsed(owner):
    """Two agreements past expiry still marked active (one safeguarding), and two that are not."""
    return {
        "safeguarding": make_agreement(title="Children's safeguarding hub", safeguarding=True, lead_officer=owner,
                                       starts_on=date(2020, 1, 1), term_months=36),
        "other": make_agreement(title="Housing benefit matching", safeguarding=False, lead_officer=owner,
                                starts_on=date(2020, 1, 1), term_months=36, status=S.UNDER_REVIEW),
        "recorded": make_agreement(title="Recorded as expired", safeguarding=True, status=S.EXPIRED,
                                   starts_on=date(2020, 1, 1), term_months=36),
        "current": make_agreement(title="In date", safeguarding=True, starts_on=date(2026, 1, 1)),
    }


def figure(page, label):
    """The value beside a label on the committee home's tables (today's figure: no meeting yet)."""
    start = page.index(label)
    cell = 'govuk-table__cell--numeric">'
    value = page.index(cell, start) + len(cell)
    return page[value:page.index("</td>", value)]


def test_the_committee_sees_safeguarding_agreements_expired_but_active_first_without_names(login, committee,
                                                                                           owner, lapsed):
    page = login(committee).get("/").content.decode()
    safeguarding = page.index("Safeguarding agreements expired but still marked active")
    assert safeguarding < page.index("All agreements expired but still marked active")
    assert safeguarding < page.index("Agreements expiring in 90 days")  # the committee home's order
    assert figure(page, "Safeguarding agreements expired but still marked active") == "1"
    assert figure(page, "All agreements expired but still marked active") == "2"
    assert "/assets/agreements/" not in page
    assert owner.get_full_name() not in page and owner.last_name not in page


def test_the_ig_team_follows_the_count_to_the_lapsed_safeguarding_agreements(login, igteam, lapsed):
    client = login(igteam)
    page = client.get("/").content.decode()
    assert f'href="{LAPSED_SAFEGUARDING}">1</a>' in page
    listed = client.get(LAPSED_SAFEGUARDING.replace("&amp;", "&")).content.decode()
    assert lapsed["safeguarding"].reference in listed
    for other in ("other", "recorded", "current"):
        assert lapsed[other].reference not in listed


def test_the_assets_summary_names_the_lapsed_agreements_safeguarding_first_for_staff(login, owner, lapsed):
    page = login(owner).get("/assets/").content.decode()
    listed = page[page.index('id="lapsed-agreements"'):]
    assert listed.index(lapsed["safeguarding"].reference) < listed.index(lapsed["other"].reference)
    assert lapsed["recorded"].reference not in listed[:listed.index("</ul>")]
    assert 'id="expired-active">2<' in page


def test_the_assets_summary_gives_the_committee_the_counts_only(login, committee, owner, lapsed):
    page = login(committee).get("/assets/").content.decode()
    assert 'id="lapsed-count">2<' in page and 'id="lapsed-safeguarding">1<' in page
    assert 'id="lapsed-agreements"' not in page and "/assets/agreements/" not in page
    assert owner.get_full_name() not in page
