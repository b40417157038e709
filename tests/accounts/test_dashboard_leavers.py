"""The dashboard's data-quality figure: records held by people who have left, for the IG team, linked to
the people list of those leavers, whose totals add up to it."""
import re

import pytest
from django.utils import timezone

from igov.accounts import roles
from tests.accounts.holdings import holdings
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_figure_counts_records_held_by_leavers_and_equals_the_leavers_list(login, igteam, other_officer):
    by_account = make_user("closed", roles.IG_TEAM, "Clara", "Closed", is_active=False)
    by_hr = make_user("hrleaver", roles.IG_TEAM, "Harry", "Left")
    holdings(by_account, other_officer, tag="a")
    hr_record = holdings(by_hr, other_officer, tag="b")["staff"]
    hr_record.leaving_date = timezone.localdate()
    hr_record.save()
    holdings(make_user("staying", roles.IG_TEAM, "Stan", "Staying"), other_officer, tag="c")
    client = login(igteam)
    page = client.get("/").content.decode()
    figure = re.search(r'Records held by people who have left</dt>\s*<dd[^>]*><a class="govuk-link" '
                       r'href="/people/\?left=1">(\d+)</a>', page)
    assert figure and int(figure.group(1)) == 16
    listed = client.get("/people/?left=1").context["rows"]
    assert sum(person.held for person, _counts in listed) == 16
    assert {person.username for person, _counts in listed} == {"closed", "hrleaver"}


@pytest.mark.parametrize("member", ["owner", "board"])
def test_only_the_ig_team_sees_the_figure(login, cast, member):
    assert "Records held by people who have left" not in login(cast[member]).get("/").content.decode()
