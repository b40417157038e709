"""A risk's linked assets and actions are chosen from checkboxes (with a filter box when script runs),
not a long select where Ctrl-click was the only way to choose several."""
import pytest

from risks.models import Risk, RiskCategory
from tests.assets.factories import make_asset


def new_risk(owner, **more):
    category = RiskCategory.objects.get(name="Records management")
    return {"reference": "IR-100", "title": "Archive boxes without an index", "cause": "If boxes go unindexed",
            "consequence": "then records cannot be found", "category": category.pk, "owner": owner.pk,
            "inherent_likelihood": 3, "inherent_impact": 3, "residual_likelihood": 3, "residual_impact": 2,
            "target_likelihood": 1, "target_impact": 2, "treatment": "treat", "status": "open",
            "raised_on_day": "5", "raised_on_month": "1", "raised_on_year": "2026", "review_frequency": 6, **more}


@pytest.mark.django_db
def test_the_assets_are_checkboxes_in_a_chooser(login, igteam, owner):
    asset = make_asset(owner, reference="IA-0042", name="Housing register")
    page = login(igteam).get("/risks/add/").content.decode()
    assert 'data-module="igov-chooser"' in page and "js/chooser.js" in page
    assert (f'type="checkbox" id="id_assets_0" name="assets" value="{asset.pk}"' in page
            and "IA-0042: Housing register</label>" in page)
    assert "Hold Ctrl" not in page


@pytest.mark.django_db
def test_the_ticked_assets_are_saved(login, igteam, owner):
    chosen, _, also = (make_asset(owner, name=name) for name in ("Housing register", "Payroll", "Electoral roll"))
    response = login(igteam).post("/risks/add/", new_risk(owner, assets=[chosen.pk, also.pk]))
    assert response.status_code == 302, response.context["form"].errors
    assert set(Risk.objects.get(reference="IR-100").assets.all()) == {chosen, also}


@pytest.mark.django_db
def test_a_new_risk_is_offered_the_next_reference(login, igteam, owner):
    from tests.risks.factories import make_risk

    make_risk(owner, reference="IR-007")
    make_risk(owner, reference="IR-002")
    form = login(igteam).get("/risks/add/").context["form"]
    assert form["reference"].value() == "IR-008"


@pytest.mark.django_db
def test_the_date_raised_typed_day_month_year_is_stored_exactly(login, igteam, owner):
    login(igteam).post("/risks/add/", new_risk(owner, raised_on_day="1", raised_on_month="12", raised_on_year="2025"))
    assert str(Risk.objects.get(reference="IR-100").raised_on) == "2025-12-01"


@pytest.mark.django_db
def test_a_risk_raised_in_the_future_is_refused_with_the_govuk_message(login, igteam, owner):
    response = login(igteam).post("/risks/add/", new_risk(owner, raised_on_year="2999"))
    page = response.content.decode()
    assert '<a href="#id_raised_on_day">Date raised must be today or in the past.</a>' in page
    assert not Risk.objects.filter(reference="IR-100").exists()
