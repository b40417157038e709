"""The register outside the admin: list, detail, My assets, editing and the annual review."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from assets.models import InformationAsset
from tests.assets.factories import make_agreement, make_asset, make_partner

pytestmark = pytest.mark.django_db


def form_data(asset, **changes):
    data = {"name": asset.name, "description": asset.description, "administrator": "",
            "unit": asset.unit_id, "format": asset.format,
            "system_or_location": asset.system_or_location, "data_subjects": asset.data_subjects,
            "lawful_basis": asset.lawful_basis, "special_category_condition": asset.special_category_condition,
            "retention_period": asset.retention_period, "retention_rule": asset.retention_rule,
            "classification": asset.classification, "criticality": asset.criticality,
            "last_reviewed": asset.last_reviewed or "", "next_review_on": "", "seen_version": asset.version}
    if asset.personal_data:
        data["personal_data"] = "on"
    return {**data, **changes}


def test_iao_can_edit_their_own_asset(login, owner):
    asset = make_asset(owner)
    response = login(owner).post(f"/assets/{asset.pk}/edit/", form_data(asset, system_or_location="Mosaic"))
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.system_or_location == "Mosaic"
    assert asset.history.first().history_user == owner


def test_officer_cannot_edit_a_colleagues_asset(login, owner, other_officer):
    asset = make_asset(owner)
    client = login(other_officer)
    assert client.get(f"/assets/{asset.pk}/edit/").status_code == 403
    response = client.post(f"/assets/{asset.pk}/edit/", form_data(asset, system_or_location="Mosaic"))
    assert response.status_code == 403
    asset.refresh_from_db()
    assert asset.system_or_location == ""


def test_iao_cannot_give_their_asset_away(login, owner, other_officer):
    asset = make_asset(owner)
    login(owner).post(f"/assets/{asset.pk}/edit/", form_data(asset, owner=other_officer.pk))
    asset.refresh_from_db()
    assert asset.owner == owner


def test_ig_team_can_edit_any_asset_and_its_owner(login, owner, other_officer, igteam):
    asset = make_asset(owner)
    response = login(igteam).post(f"/assets/{asset.pk}/edit/", form_data(
        asset, reference=asset.reference, owner=other_officer.pk))
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.owner == other_officer


def test_a_stale_edit_is_refused(login, owner, igteam):
    asset = make_asset(owner)
    stale = form_data(asset, system_or_location="Paper files")
    login(igteam).post(f"/assets/{asset.pk}/edit/", form_data(asset, reference=asset.reference,
                                                              owner=owner.pk, system_or_location="Mosaic"))
    response = login(owner).post(f"/assets/{asset.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    asset.refresh_from_db()
    assert asset.system_or_location == "Mosaic"


def test_a_personal_data_asset_without_a_lawful_basis_is_refused_with_a_message(login, igteam):
    asset = make_asset(None)
    response = login(igteam).post(f"/assets/{asset.pk}/edit/", form_data(
        asset, reference=asset.reference, personal_data="on", lawful_basis=""))
    assert response.status_code == 200
    assert "needs its lawful basis" in response.content.decode()


def test_reviewed_no_change_is_one_click_and_moves_the_next_review_a_year_on(login, owner):
    asset = make_asset(owner, last_reviewed=date(2024, 1, 1))
    response = login(owner).post(f"/assets/{asset.pk}/review/", {"seen_version": asset.version})
    assert response.status_code == 302
    asset.refresh_from_db()
    today = timezone.localdate()
    assert asset.last_reviewed == today
    assert asset.next_review > today + timedelta(days=360)
    latest = asset.history.first()
    assert latest.history_user == owner and latest.history_change_reason == "Annual review: reviewed, no change"


def test_review_confirmation_of_a_changed_asset_is_refused(login, owner):
    asset = make_asset(owner, last_reviewed=date(2024, 1, 1))
    seen = asset.version
    asset.save()
    login(owner).post(f"/assets/{asset.pk}/review/", {"seen_version": seen})
    asset.refresh_from_db()
    assert asset.last_reviewed == date(2024, 1, 1)


def test_editing_from_the_review_records_the_review(login, owner):
    asset = make_asset(owner, last_reviewed=date(2024, 1, 1))
    page = login(owner).get(f"/assets/{asset.pk}/edit/?review=1").content.decode()
    today = timezone.localdate()  # the review date's day, month and year boxes hold today
    assert f'name="last_reviewed_day" value="{today.day}"' in page
    assert f'name="last_reviewed_year" value="{today.year}"' in page


def test_my_assets_lists_only_mine_with_overdue_reviews_first(login, owner, other_officer):
    mine_due = make_asset(owner, name="Housing register", last_reviewed=None)
    mine_fine = make_asset(owner, name="Payroll", last_reviewed=timezone.localdate())
    make_asset(other_officer, name="Electoral register")
    page = login(owner).get("/assets/mine/").content.decode()
    assert "Housing register" in page and "Payroll" in page and "Electoral register" not in page
    assert page.index(mine_due.name) < page.index(mine_fine.name)


def test_register_filters_by_iao_and_overdue_review(login, owner, other_officer):
    make_asset(owner, name="Housing register", last_reviewed=None)
    make_asset(owner, name="Payroll", last_reviewed=timezone.localdate())
    make_asset(other_officer, name="Electoral register", last_reviewed=None)
    page = login(other_officer).get(f"/assets/register/?owner={owner.pk}&review=overdue").content.decode()
    assert "Housing register" in page and "Payroll" not in page and "Electoral register" not in page


def test_register_lists_assets_without_an_iao(login, owner):
    make_asset(None, name="Orphaned files")
    make_asset(owner, name="Payroll")
    page = login(owner).get("/assets/register/?owner=null").content.decode()
    assert "Orphaned files" in page and "Payroll" not in page


def test_register_sorts_by_next_review(login, owner):
    make_asset(owner, name="Later", last_reviewed=date(2026, 5, 1))
    make_asset(owner, name="Sooner", last_reviewed=date(2025, 5, 1))
    page = login(owner).get("/assets/register/?sort=next_review").content.decode()
    assert page.index("Sooner") < page.index("Later")
    page = login(owner).get("/assets/register/?sort=-next_review").content.decode()
    assert page.index("Later") < page.index("Sooner")


def test_asset_page_shows_its_agreements_and_history(login, owner, igteam):
    asset = make_asset(owner)
    make_agreement(partners=[make_partner()], assets=[asset], title="MASH information sharing")
    asset.owner = igteam
    asset.save()
    page = login(owner).get(f"/assets/{asset.pk}/").content.decode()
    assert "MASH information sharing" in page and "Northshire Constabulary" in page
    assert "Olwen Ownerby → Imogen Governa" in page


def test_export_gives_the_filtered_register_as_csv(login, owner, other_officer):
    make_asset(owner, name="=HYPERLINK(evil)")
    make_asset(other_officer, name="Electoral register")
    response = login(owner).get(f"/assets/register/export.csv?owner={owner.pk}")
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(evil)" in text and "Electoral register" not in text
    assert InformationAsset.objects.count() == 2


def test_export_gives_xlsx(login, owner):
    make_asset(owner)
    response = login(owner).get("/assets/register/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_review_confirmed_from_a_copy_loaded_before_another_edit_is_refused(owner, igteam):
    # The race the one-click review lost: the IAO's request loads the asset, the IG team saves an
    # edit, then the IAO's confirmation writes. The write must be refused, not revert the edit.
    from igov.lib.versioning import EditConflict

    asset = make_asset(owner, last_reviewed=date(2024, 1, 1))
    loaded = InformationAsset.objects.get(pk=asset.pk)
    asset.description = "Edited by the IG team"
    asset.save()

    with pytest.raises(EditConflict):
        loaded.confirm_review(timezone.localdate(), seen_version=loaded.version, by=owner)

    asset.refresh_from_db()
    assert asset.description == "Edited by the IG team" and asset.last_reviewed == date(2024, 1, 1)


def test_the_admin_asset_page_carries_the_version_so_its_saves_are_checked(login, owner, admin_user):
    asset = make_asset(owner)
    page = login(admin_user).get(f"/admin/assets/informationasset/{asset.pk}/change/")
    assert 'name="seen_version"' in page.content.decode()
