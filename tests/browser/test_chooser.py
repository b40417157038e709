"""The risk form's assets chooser: a filter box (added by script) hides the assets that do not match
and says how many are shown; the ticked ones are saved; the page passes axe."""
import pytest

from assets.models import InformationAsset
from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_risks import _register
from tests.conftest import make_user
from tests.units import unit_for


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ig_team_filters_the_assets_and_ticks_one_with_the_keyboard(page):
    risk = _register()
    unit = unit_for("Resources", "Customer Services")
    for number, name in enumerate(["Housing register", "Payroll", "Housing benefit claims", "Electoral roll"], 1):
        InformationAsset.objects.create(reference=f"IA-{number:04d}", name=name, unit=unit)
    make_user("ann", roles.IG_TEAM, "Ann", "Lee")
    sign_in(page, "ann")
    page.goto(f"/risks/{risk.pk}/edit/")
    box = page.get_by_label("Filter information assets")
    box.fill("housing")
    assert page.locator("#id_assets-shown").inner_text() == "2 of 4 shown"
    assert page.get_by_label("IA-0002: Payroll").is_hidden()
    assert_accessible(page)
    box.press("Enter")  # filters only: the form is not sent
    page.get_by_label("IA-0003: Housing benefit claims").focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.click("button:has-text('Save')")
    assert [a.reference for a in risk.assets.all()] == ["IA-0003"]
