"""The training pages in a real browser: the IG team's import round trip and an axe sweep of every page."""
from datetime import timedelta

import pytest
from django.utils import timezone

from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import make_user
from tests.training.factories import complete, make_course, make_staff
from tests.units import unit_for


def build():
    today = timezone.localdate()
    course = make_course(launch_date=today - timedelta(days=300))
    manager = make_staff(staff_number="E1", first_name="Mona", last_name="Manager")
    done = make_staff(staff_number="E2", first_name="Dora", last_name="Doneit", line_manager=manager)
    make_staff(staff_number="E3", first_name="Norris", last_name="Notyet", line_manager=manager)
    complete(done, course, today - timedelta(days=10))
    return done


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_ig_team_imports_a_file_and_every_training_page_is_accessible(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    done = build()
    make_user("imogen", roles.IG_TEAM, "Imogen", "Governa")
    sign_in(page, "imogen")
    for url in ["/training/", f"/training/units/{unit_for('Resources').code}/",
                f"/training/units/{unit_for('Resources', 'Finance').code}/",
                f"/training/staff/{done.pk}/", "/training/staff/?q=dora", "/training/report/", "/training/imports/",
                "/training/import/"]:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)
    lms = tmp_path / "lms.csv"
    last_week = f"{timezone.localdate() - timedelta(days=7):%d/%m/%Y}"  # after the course launched
    lms.write_text(f"Staff number,Course,Completed on\r\nE3,DP-ANNUAL,{last_week}\r\nE9,DP-ANNUAL,{last_week}\r\n")
    page.check("#id_kind_0")
    page.set_input_files("#id_file", str(lms))
    with page.expect_navigation():
        page.click("button:has-text('Check the file')")
    assert "Unknown staff number E9" in page.inner_text("main")
    assert_accessible(page)
    lms.write_text(f"Staff number,Course,Completed on\r\nE3,DP-ANNUAL,{last_week}\r\n")
    page.goto("/training/import/")
    page.check("#id_kind_0")
    page.set_input_files("#id_file", str(lms))
    with page.expect_navigation():
        page.click("button:has-text('Check the file')")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Import 1 row')")
    assert "Imported lms.csv: 1 added" in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_committee_member_sees_accessible_figures_without_names(page):
    build()
    make_user("cora", roles.COMMITTEE, "Cora", "Committee")
    sign_in(page, "cora")
    for url in ["/training/", f"/training/units/{unit_for('Resources', 'Finance').code}/", "/training/report/"]:
        page.goto(url)
        assert_accessible(page)
        assert "Norris" not in page.content() and "Mona" not in page.content()
