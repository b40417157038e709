"""Risks are linked to the information assets they threaten: set by the IG team, shown both ways."""
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from assets.models import InformationAsset
from igov.accounts import roles
from risks.models import Risk
from tests.assets.factories import make_asset
from tests.budget import measure_at_scales
from tests.conftest import client_for, make_user
from tests.risks.factories import make_risk


@pytest.fixture
def linked(owner, other_officer):
    asset = make_asset(other_officer, name="Children's social care case records")
    risk = make_risk(owner, title="Paper case files kept in unlocked cabinets")
    risk.assets.add(asset)
    return risk, asset


@pytest.mark.django_db
def test_the_risk_page_lists_its_assets_linking_to_each(linked, login, owner):
    risk, asset = linked
    page = login(owner).get(f"/risks/{risk.pk}/").content.decode()
    assert f'href="{asset.get_absolute_url()}">{asset.reference}</a>: Children&#x27;s social care case records' in page


@pytest.mark.django_db
def test_the_asset_page_lists_the_risks_linked_to_it(linked, login, igteam):
    risk, asset = linked
    page = login(igteam).get(f"/assets/{asset.pk}/").content.decode()
    assert risk.get_absolute_url() in page and "Paper case files kept in unlocked cabinets" in page


@pytest.mark.django_db
def test_an_officer_sees_on_an_asset_only_the_linked_risks_they_own(linked, login, other_officer):
    risk, asset = linked
    page = login(other_officer).get(f"/assets/{asset.pk}/").content.decode()
    assert "Paper case files kept in unlocked cabinets" not in page


@pytest.mark.django_db
def test_the_committee_sees_the_risk_but_neither_its_assets_nor_any_name(linked, login, committee, owner,
                                                                        other_officer):
    risk, asset = linked
    client = login(committee)
    assert client.get(f"/assets/{asset.pk}/").status_code in (403, 404)
    detail = client.get(f"/risks/{risk.pk}/")
    assert detail.status_code == 200 and "Paper case files kept in unlocked cabinets" in detail.content.decode()
    for url in (f"/risks/{risk.pk}/", "/risks/", "/assets/"):
        page = client.get(url).content.decode()
        for secret in ("Children&#x27;s social care case records", asset.get_absolute_url(), owner.get_full_name(),
                       other_officer.get_full_name()):
            assert secret not in page, f"{url} shows {secret}"


@pytest.mark.django_db
def test_the_ig_team_links_assets_in_the_risk_form(login, igteam, owner):
    asset, other = make_asset(name="Email archive"), make_asset(name="Payroll")
    risk = make_risk(owner)
    client = login(igteam)
    form = client.get(f"/risks/{risk.pk}/edit/").context["form"]
    assert f"{asset.reference}: Email archive" in str(form["assets"])
    data = {name: form[name].value() for name in form.fields}
    data.update(raised_on="2025-01-06", next_review_on="", assets=[asset.pk, other.pk])
    response = client.post(f"/risks/{risk.pk}/edit/", {k: ("" if v is None else v) for k, v in data.items()})
    assert response.status_code == 302, response.context["form"].errors
    assert set(risk.assets.all()) == {asset, other}


@pytest.mark.django_db
def test_the_owner_cannot_change_the_assets(login, owner):
    asset = make_asset(name="Email archive")
    risk = make_risk(owner)
    login(owner).post(f"/risks/{risk.pk}/edit/", {
        "existing_controls": "", "planned_controls": "", "treatment": "treat", "target_likelihood": 1,
        "target_impact": 1, "seen_version": risk.version, "assets": [asset.pk]})
    assert not risk.assets.exists()


@pytest.mark.django_db
def test_the_export_names_each_risks_assets(linked, login, igteam):
    risk, asset = linked
    response = login(igteam).get("/risks/register/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Information assets" in body
    assert f"{asset.reference} Children's social care case records" in body


def seed(scale, apps):
    call_command("seed_demo", scale=scale, only=apps, force=True, stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_the_demo_links_each_risk_to_one_to_three_assets_even_when_assets_come_later():
    seed(1, ["risks"])
    assert not Risk.assets.through.objects.exists()
    seed(1, ["assets", "risks"])
    counts = [risk.assets.count() for risk in Risk.objects.all()]
    assert len(counts) == 25 and min(counts) >= 1 and max(counts) <= 3
    assert InformationAsset.objects.get(reference="IA-0031").risks.filter(title__contains="CCTV").exists()
    links = Risk.assets.through.objects.count()
    seed(1, ["assets", "risks"])
    assert Risk.assets.through.objects.count() == links


@pytest.mark.django_db
def test_the_linked_pages_keep_to_the_query_budget(django_assert_max_num_queries):
    apps = ["assets", "risks"]
    seed(1, apps)
    asset = InformationAsset.objects.get(reference="IA-0001")
    risk = Risk.objects.get(reference="IR-001")
    assert risk.assets.filter(pk=asset.pk).exists()
    urls = [f"/assets/{asset.pk}/", f"/risks/{risk.pk}/", f"/risks/{risk.pk}/edit/"]
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    counts = measure_at_scales({"IG team": (igteam, urls)}, django_assert_max_num_queries, only=apps)
    print("linked pages for the IG team, queries at scale 1 (no more at 10):", counts)
    officer = client_for(User.objects.get(username="officer"))
    assert officer.get(f"/assets/{asset.pk}/").status_code == 200
