"""A new asset's first review falls due a year after it is added, not at once."""
from datetime import UTC, date, datetime

import pytest
import time_machine

from assets.models import AssetFigures, InformationAsset
from tests.assets.factories import make_asset
from tests.units import legal


def new_asset(**more):
    return {"reference": "IA-0100", "name": "Blue badge applications", "format": "electronic",
            "classification": "official", "criticality": "medium", "unit": legal().pk, **more}


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 5, 20, 10, tzinfo=UTC), tick=False)
def test_a_new_asset_is_not_due_for_review_until_a_year_after_it_was_added(login, igteam):
    response = login(igteam).post("/assets/new/", new_asset())
    assert response.status_code == 302, response.context["form"].errors
    asset = InformationAsset.objects.with_next_review().get(reference="IA-0100")
    assert asset.last_reviewed is None and asset.next_review == date(2027, 5, 20)
    assert not InformationAsset.objects.review_overdue(date(2027, 5, 20)).exists()
    assert InformationAsset.objects.review_overdue(date(2027, 5, 21)).get() == asset
    register = login(igteam).get("/assets/register/").content.decode()
    assert "20 May 2027" in register and "Overdue" not in register.split("IA-0100")[1].split("</tr>")[0]


@pytest.mark.django_db
def test_a_never_reviewed_asset_added_over_a_year_ago_is_overdue_and_counted_as_never_reviewed(owner):
    make_asset(owner, last_reviewed=None, created=datetime(2024, 1, 2, 9, tzinfo=UTC))
    make_asset(owner, last_reviewed=None, created=datetime(2026, 5, 1, 9, tzinfo=UTC))
    figures = AssetFigures.of(InformationAsset.objects.all(), date(2026, 6, 1))
    assert (figures.review_overdue, figures.never_reviewed, figures.up_to_date) == (1, 1, 1)


@pytest.mark.django_db
def test_a_new_asset_is_offered_the_next_reference(login, igteam, owner):
    make_asset(owner, reference="IA-0041")
    make_asset(owner, reference="IA-0009")
    assert login(igteam).get("/assets/new/").context["form"]["reference"].value() == "IA-0042"


@pytest.mark.django_db
def test_a_last_review_in_the_future_is_refused_with_the_govuk_message(login, igteam):
    response = login(igteam).post("/assets/new/", new_asset(last_reviewed_day="1", last_reviewed_month="1",
                                                            last_reviewed_year="2999"))
    assert '<a href="#id_last_reviewed_day">Last review must be today or in the past.</a>' in response.content.decode()
