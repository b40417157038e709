"""Administrators hand assets to another IAO in the admin: the chosen ones, or all of a leaver's."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from assets.models import InformationAsset
from igov.accounts import roles
from tests.assets.factories import make_asset
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/assets/informationasset/"


@pytest.fixture
def successor(db):
    return make_user("successor", roles.OFFICER, "Sunita", "Successor")


def test_reassign_action_asks_for_the_successor_first(login, admin_user, owner, successor):
    assets = [make_asset(owner) for _ in range(2)]
    response = login(admin_user).post(CHANGELIST, {
        "action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [a.pk for a in assets]})
    assert response.status_code == 200
    assert "New Information Asset Owner" in response.content.decode()
    assert set(InformationAsset.objects.values_list("owner", flat=True)) == {owner.pk}


def test_reassign_moves_exactly_the_chosen_assets_and_records_the_admin(login, admin_user, owner, successor):
    chosen = [make_asset(owner) for _ in range(3)]
    kept = make_asset(owner)
    response = login(admin_user).post(CHANGELIST, {
        "action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [a.pk for a in chosen],
        "apply": "yes", "successor": successor.pk})
    assert response.status_code == 302
    assert set(InformationAsset.objects.filter(owner=successor)) == set(chosen)
    assert InformationAsset.objects.get(pk=kept.pk).owner == owner
    for asset in chosen:
        latest = asset.history.all()
        assert latest.count() == 2  # created, then reassigned: one entry per asset
        assert latest[0].history_user == admin_user
        assert latest[0].owner_id == successor.pk
        assert "Olwen Ownerby" in latest[0].history_change_reason


def test_a_leavers_user_page_links_to_the_hand_over(login, admin_user, owner):
    make_asset(owner)
    page = login(admin_user).get(f"/admin/auth/user/{owner.pk}/change/").content.decode()
    assert "Hand over their information assets (1)" in page
    assert f"{reverse('admin:assets_informationasset_handover')}?owner={owner.pk}" in page


def test_hand_over_moves_every_asset_of_the_leaver_in_one_step(login, admin_user, owner, other_officer,
                                                               successor):
    leavers_assets = [make_asset(owner) for _ in range(40)]
    colleagues = make_asset(other_officer)
    administered = make_asset(other_officer, administrator=owner)
    url = reverse("admin:assets_informationasset_handover") + f"?owner={owner.pk}"
    client = login(admin_user)
    assert "Hand over 40 assets" in client.get(url).content.decode()
    response = client.post(url, {"successor": successor.pk, "include_administered": "on"})
    assert response.status_code == 302
    assert InformationAsset.objects.filter(owner=successor).count() == len(leavers_assets)
    assert not InformationAsset.objects.filter(owner=owner).exists()
    assert InformationAsset.objects.get(pk=colleagues.pk).owner == other_officer
    assert InformationAsset.objects.get(pk=administered.pk).administrator == successor
    assert {h.history_user for h in InformationAsset.history.filter(owner=successor)} == {admin_user}


def test_the_user_list_action_sends_leavers_to_the_hand_over(login, admin_user, owner):
    response = login(admin_user).post("/admin/auth/user/", {
        "action": "hand_over_information_assets", ACTION_CHECKBOX_NAME: [owner.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:assets_informationasset_handover") + f"?owner={owner.pk}"


def test_iao_overview_lists_each_owner_with_counts_and_overdue_reviews(login, admin_user, owner, other_officer):
    make_asset(owner, last_reviewed=None)
    make_asset(owner)
    make_asset(other_officer)
    make_asset(None)
    page = login(admin_user).get(reverse("admin:assets_informationasset_owners")).content.decode()
    assert "Olwen Ownerby" in page and "Otto Otherton" in page and "No owner" in page
    assert "4 assets" in page


def test_admin_list_filters_by_overdue_review(login, admin_user, owner):
    overdue = make_asset(owner, reference="IA-OVER", last_reviewed=None)
    make_asset(owner, reference="IA-FINE", last_reviewed=__import__("datetime").date.today())
    page = login(admin_user).get(CHANGELIST + "?review_overdue=yes").content.decode()
    assert overdue.reference in page and "IA-FINE" not in page


@pytest.mark.parametrize("member", ["owner", "igteam", "committee"])
def test_only_administrators_reach_the_hand_over(login, cast, member):
    response = login(cast[member]).get(reverse("admin:assets_informationasset_handover"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_reassign_with_select_all_moves_every_asset_the_filter_shows(login, admin_user, owner, other_officer,
                                                                     successor):
    leavers = [make_asset(owner) for _ in range(5)]
    colleagues = make_asset(other_officer)
    response = login(admin_user).post(CHANGELIST + f"?owner__id__exact={owner.pk}", {
        "action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [leavers[0].pk], "select_across": "1",
        "apply": "yes", "successor": successor.pk})
    assert response.status_code == 302
    assert InformationAsset.objects.filter(owner=successor).count() == 5
    assert InformationAsset.objects.get(pk=colleagues.pk).owner == other_officer


def test_admin_edits_an_asset_with_its_version_and_history(login, admin_user, owner):
    asset = make_asset(owner)
    response = login(admin_user).post(f"{CHANGELIST}{asset.pk}/change/", {
        "reference": asset.reference, "name": "Council tax and business rates", "owner": owner.pk,
        "directorate": asset.directorate, "service": asset.service, "format": asset.format,
        "classification": asset.classification, "criticality": asset.criticality,
        "last_reviewed": "2026-03-01", "seen_version": asset.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    asset.refresh_from_db()
    assert asset.name == "Council tax and business rates" and asset.version == 2
    assert asset.history.first().history_user == admin_user


def test_hand_over_lists_and_reports_the_assets_the_leaver_administers(login, admin_user, owner, other_officer,
                                                                       successor):
    make_asset(owner)
    administered = make_asset(other_officer, administrator=owner)
    url = reverse("admin:assets_informationasset_handover") + f"?owner={owner.pk}"
    client = login(admin_user)
    page = client.get(url).content.decode()
    assert "Assets they administer" in page and administered.reference in page
    response = client.post(url, {"successor": successor.pk, "include_administered": "on"}, follow=True)
    message = [str(m) for m in response.context["messages"]][0]
    assert message.startswith("1 information asset moved to")
    assert "is now the Information Asset Administrator of 1 asset." in message
