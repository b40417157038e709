"""Administrators hand assets to another IAO in the admin: the chosen ones, or all of a leaver's. Exactly the
assets the page showed move, each as it was shown; anything else is refused and moves nothing."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from assets.models import InformationAsset
from igov.accounts import roles
from tests.assets.factories import make_asset
from tests.conftest import make_user
from tests.html_forms import form_data

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


def reassign(client, url, successor, **step_one):
    """Chooses the action on the change list, then submits the page it shows with a successor chosen."""
    page = client.post(url, {"action": "reassign_to_another_iao", **step_one})
    return page, client.post(url, {**form_data(page), "successor": successor.pk})


def test_reassign_moves_exactly_the_chosen_assets_and_records_the_admin(login, admin_user, owner, successor):
    chosen = [make_asset(owner) for _ in range(3)]
    kept = make_asset(owner)
    _page, response = reassign(login(admin_user), CHANGELIST, successor,
                               **{ACTION_CHECKBOX_NAME: [a.pk for a in chosen]})
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
    assert reverse("people:hand_over", args=[owner.pk]) in page  # actions, risks, agreements too, in the app


def test_hand_over_moves_every_asset_of_the_leaver_in_one_step(login, admin_user, owner, other_officer,
                                                               successor):
    leavers_assets = [make_asset(owner) for _ in range(40)]
    colleagues = make_asset(other_officer)
    administered = make_asset(other_officer, administrator=owner)
    url = reverse("admin:assets_informationasset_handover") + f"?owner={owner.pk}"
    client = login(admin_user)
    page = client.get(url)
    assert "Hand over 40 assets" in page.content.decode()
    response = client.post(url, {**form_data(page), "successor": successor.pk, "include_administered": "on"})
    assert response.status_code == 302
    assert InformationAsset.objects.filter(owner=successor).count() == len(leavers_assets)
    assert not InformationAsset.objects.filter(owner=owner).exists()
    assert InformationAsset.objects.get(pk=colleagues.pk).owner == other_officer
    assert InformationAsset.objects.get(pk=administered.pk).administrator == successor
    assert {h.history_user for h in InformationAsset.history.filter(owner=successor)} == {admin_user}
    assert leavers_assets[0].history.first().history_change_reason.startswith(
        "Handed over by Olwen Ownerby to Sunita Successor")  # the app's hand-over, as the person pages do it
    assert leavers_assets[0].history.count() == 2


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
    page, response = reassign(login(admin_user), CHANGELIST + f"?owner__id__exact={owner.pk}", successor,
                              **{ACTION_CHECKBOX_NAME: [leavers[0].pk], "select_across": "1"})
    assert "These 5 information assets will move" in page.content.decode()
    assert response.status_code == 302
    assert InformationAsset.objects.filter(owner=successor).count() == 5
    assert InformationAsset.objects.get(pk=colleagues.pk).owner == other_officer


def test_admin_edits_an_asset_with_its_version_and_history(login, admin_user, owner):
    asset = make_asset(owner)
    response = login(admin_user).post(f"{CHANGELIST}{asset.pk}/change/", {
        "reference": asset.reference, "name": "Council tax and business rates", "owner": owner.pk,
        "unit": asset.unit_id, "format": asset.format,
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
    page = client.get(url)
    assert "Assets they administer" in page.content.decode() and administered.reference in page.content.decode()
    response = client.post(url, {**form_data(page), "successor": successor.pk, "include_administered": "on"},
                           follow=True)
    message = [str(m) for m in response.context["messages"]][0]
    assert message.startswith("1 information asset moved to")
    assert "is now the Information Asset Administrator of 1 asset." in message


def test_select_all_moves_only_the_assets_shown_even_when_more_now_match(login, admin_user, owner, successor):
    shown = [make_asset(owner) for _ in range(2)]
    client = login(admin_user)
    url = CHANGELIST + f"?owner__id__exact={owner.pk}"
    page = client.post(url, {"action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [shown[0].pk],
                             "select_across": "1"})
    late = make_asset(owner)  # given to the leaver after the page was shown
    client.post(url, {**form_data(page), "successor": successor.pk})
    assert set(InformationAsset.objects.filter(owner=successor)) == set(shown)
    assert InformationAsset.objects.get(pk=late.pk).owner == owner


def test_a_reassign_of_an_asset_changed_since_it_was_shown_is_refused(login, admin_user, owner, other_officer,
                                                                       successor):
    assets = [make_asset(owner) for _ in range(2)]
    client = login(admin_user)
    page = client.post(CHANGELIST, {"action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [a.pk for a in assets]})
    moved = InformationAsset.objects.get(pk=assets[1].pk)
    moved.owner = other_officer  # someone else hands it to a colleague meanwhile
    moved.save()
    response = client.post(CHANGELIST, {**form_data(page), "successor": successor.pk}, follow=True)
    assert f"Nothing has been changed: someone else changed {moved.reference} after you checked" in (
        response.content.decode())
    assert dict(InformationAsset.objects.values_list("pk", "owner")) == {assets[0].pk: owner.pk,
                                                                         assets[1].pk: other_officer.pk}


def test_a_reassign_without_the_list_it_showed_is_refused(login, admin_user, owner, successor):
    asset = make_asset(owner)
    response = login(admin_user).post(CHANGELIST, {
        "action": "reassign_to_another_iao", ACTION_CHECKBOX_NAME: [asset.pk], "apply": "yes",
        "successor": successor.pk}, follow=True)
    assert "No records were chosen. Start again from the list." in response.content.decode()
    assert InformationAsset.objects.get(pk=asset.pk).owner == owner


def test_a_hand_over_is_refused_when_the_leavers_assets_changed_since_the_page_was_shown(
        login, admin_user, owner, successor):
    make_asset(owner)
    url = reverse("admin:assets_informationasset_handover") + f"?owner={owner.pk}"
    client = login(admin_user)
    page = client.get(url)
    make_asset(owner)  # a second asset reaches the leaver meanwhile
    response = client.post(url, {**form_data(page), "successor": successor.pk}, follow=True)
    assert "The leaver’s assets changed after this page was opened" in response.content.decode()
    assert "Hand over 2 assets" in response.content.decode()
    assert not InformationAsset.objects.filter(owner=successor).exists()


def test_a_hand_over_for_someone_who_is_not_a_user_is_refused(login, admin_user, owner):
    make_asset(owner)
    url = reverse("admin:assets_informationasset_handover") + f"?owner={owner.pk}&owner=abc"
    response = login(admin_user).get(url, follow=True)
    assert "No user has the id “abc”" in response.content.decode()
